import { CHANNEL_NAMES } from '../../shared/api';
// Words are data: both languages have every key, every key is used, and every error or
// validation key the core and the schemas can produce has a translation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allKeys, RESOURCES } from '../../shared/i18n';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

const code = [...sources('electron'), ...sources('shared/api'), ...sources('shared/time'), ...sources('renderer/src')].join('\n');

describe('translations', () => {
  it('have the same keys in Arabic and English, none empty', () => {
    expect(allKeys(RESOURCES.ar).sort()).toEqual(allKeys(RESOURCES.en).sort());
    for (const lang of ['ar', 'en'] as const) {
      for (const key of allKeys(RESOURCES[lang])) expect(RESOURCES[lang] && key.length, `${lang}:${key}`).toBeGreaterThan(0);
    }
  });

  it('cover every error and validation code the core and the schemas can produce', () => {
    const produced = new Set([...code.matchAll(/['"`]((?:error|validation|bundle|backup|hub|import)\.[a-zA-Z]+)['"`]/g)].map((m) => m[1]!));
    const known = new Set(allKeys(RESOURCES.en));
    // Channel names ('import.start') look like codes but are not said to anyone.
    expect([...produced].filter((k) => !known.has(k) && !(CHANNEL_NAMES as readonly string[]).includes(k))).toEqual([]);
  });

  it('has no unused key: each is referenced in code, as a whole key or through its group', () => {
    const unused = allKeys(RESOURCES.en).filter((key) => {
      if (code.includes(`'${key}'`) || code.includes(`"${key}"`)) return false;
      // Keys picked by value: `incidentType.${type}`, `status.${s}`, error codes arriving as data.
      const group = key.split('.')[0]!;
      // …or by a prefix: `import.field_${field}`.
      const prefix = /^(.+_)[^_]+$/.exec(key)?.[1];
      if (prefix && code.includes(`\`${prefix}\${`)) return false;
      return !(code.includes(`\`${group}.\${`) || ['error', 'validation', 'bundle', 'backup', 'hub', 'app'].includes(group));
    });
    expect(unused).toEqual([]);
  });
});
