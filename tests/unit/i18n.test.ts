import { CHANNEL_NAMES } from '../../shared/api';
// Words are data: both languages have every key, every key is used, and every error or
// validation key the core and the schemas can produce has a translation.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { ENTITIES } from '../../electron/core/oplog/entities';
import { describe, expect, it } from 'vitest';
import { allKeys, RESOURCES } from '../../shared/i18n';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

const code = [...sources('electron'), ...sources('shared/api'), ...sources('shared/records'), ...sources('shared/time'), ...sources('renderer/src')].join('\n');

describe('translations', () => {
  it('have the same keys in Arabic and English, none empty', () => {
    expect(allKeys(RESOURCES.ar).sort()).toEqual(allKeys(RESOURCES.en).sort());
    for (const lang of ['ar', 'en'] as const) {
      for (const key of allKeys(RESOURCES[lang])) expect(RESOURCES[lang] && key.length, `${lang}:${key}`).toBeGreaterThan(0);
    }
  });

  it('cover every error and validation code the core and the schemas can produce', () => {
    const produced = new Set([...code.matchAll(/['"`]((?:error|validation|bundle|backup|hub|import|postKey)\.[a-zA-Z]+)['"`]/g)].map((m) => m[1]!));
    const known = new Set(allKeys(RESOURCES.en));
    // Channel names ('import.start') look like codes but are not said to anyone.
    expect([...produced].filter((k) => !known.has(k) && !(CHANNEL_NAMES as readonly string[]).includes(k))).toEqual([]);
  });

  it('has no unused key: each is referenced in code, as a whole key or through its group', () => {
    const unused = allKeys(RESOURCES.en).filter((key) => {
      if (code.includes(`'${key}'`) || code.includes(`"${key}"`)) return false;
      // Keys picked by value: `incidentType.${type}`, `status.${s}`, error codes arriving as data.
      const group = key.split('.')[0]!;
      // …or by a prefix: `import.field_${field}`, or a prefix kept in a table ('auditValue.ended_').
      const prefix = /^(.+_)[^_]+$/.exec(key)?.[1];
      if (prefix && (code.includes(`\`${prefix}\${`) || code.includes(`'${prefix}'`))) return false;
      return !(code.includes(`\`${group}.\${`) || ['error', 'validation', 'bundle', 'backup', 'hub', 'postKey', 'app'].includes(group));
    });
    expect(unused).toEqual([]);
  });
});

describe('components', () => {
  // Text a reader sees, written straight into JSX rather than through t(): JSX text and the
  // attributes that are read aloud or shown. Symbols, digits and punctuation are allowed.
  const SAID_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-roledescription', 'aria-valuetext']);
  const WORDS = /[A-Za-z\u0600-\u06FF]{2,}/;

  function literalText(file: string): string[] {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const found: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isJsxText(node) && WORDS.test(node.text)) found.push(node.text.trim());
      if (ts.isJsxAttribute(node) && SAID_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
        const init = node.initializer;
        const text = ts.isStringLiteral(init) ? init.text
          : ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression)) ? init.expression.text : '';
        if (WORDS.test(text)) found.push(`${node.name.getText(source)}="${text}"`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found.map((text) => `${file}: ${text}`);
  }

  function tsxFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? tsxFiles(path) : name.endsWith('.tsx') ? [path] : [];
    });
  }

  it('render no literal text that bypasses i18n', () => {
    expect(tsxFiles('renderer/src').flatMap(literalText)).toEqual([]);
  });

  it('finds literal text when there is some (the check itself works)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-i18n-'));
    const file = join(dir, 'Bad.tsx');
    writeFileSync(file, 'export const Bad = () => <p title="Hello there">Save now <b>{1}</b> · ✓</p>;\n');
    expect(literalText(file)).toEqual([`${file}: title="Hello there"`, `${file}: Save now`]);
  });
});

describe('the audit trail', () => {
  it('has a name in both languages for every field an operation can carry', () => {
    const fields = new Set(Object.values(ENTITIES).flatMap((spec) => Object.keys(spec.fields)));
    const named = new Set(allKeys(RESOURCES.en.auditField));
    expect([...fields].filter((f) => !named.has(f))).toEqual([]);
  });
});
