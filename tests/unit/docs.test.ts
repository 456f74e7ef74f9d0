// The architecture is in the repository (issue #23 item 7): comments point to docs/ here, never to
// handbook files beside the checkout that a clone does not have, and every docs/ page a comment
// or a docs page names exists.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const SKIP = new Set(['node_modules', 'dist', 'release', 'test-results', 'playwright-report', '.tmp']);

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.has(name)) return [];
    return statSync(path).isDirectory() ? files(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

const SOURCES = [...['electron', 'shared', 'renderer', 'tests', 'scripts'].flatMap((d) => files(d, /\.(ts|tsx|mjs|js|css)$/)), 'eslint.config.js'];

describe('documentation', () => {
  it('is what source comments point to: no handbook file outside the repository', () => {
    const outside = SOURCES.flatMap((path) => readFileSync(path, 'utf8').split('\n').map((line, i) => ({ where: `${path}:${i + 1}`, line })))
      .filter(({ line }) => /\b(ARCHITECTURE|DOMAIN|STYLE)\.md\b|\.\.\/shared\/[A-Z]/.test(line))
      .map(({ where }) => where);
    expect(outside).toEqual([]);
  });

  it('names only docs pages that exist, in comments and in the docs themselves', () => {
    const missing: string[] = [];
    for (const path of SOURCES) {
      for (const [page] of readFileSync(path, 'utf8').matchAll(/\bdocs\/[\w/-]+\.md\b/g)) if (!existsSync(page)) missing.push(`${path}: ${page}`);
    }
    for (const path of files('docs', /\.md$/)) {
      for (const [, link] of readFileSync(path, 'utf8').matchAll(/\]\(([^)#:]+\.md)(#[^)]*)?\)/g)) {
        if (!existsSync(normalize(join(dirname(path), link!)))) missing.push(`${path}: ${link}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names only code that exists: every path in backquotes, from the root or from electron/core', () => {
    // A path is a token whose first folder is one of the repository's or of the core's; a
    // pattern (`<feature>`, `*`) or a build output (dist/) names no one file.
    const roots = new Set(['electron', 'shared', 'renderer', 'tests', 'scripts', 'docs', ...readdirSync('electron/core')]);
    const missing: string[] = [];
    for (const path of files('docs', /\.md$/)) {
      for (const [, token] of readFileSync(path, 'utf8').matchAll(/`([\w.-]+\/[^`\s]*)`/g)) {
        if (!roots.has(token!.split('/')[0]!) || /[<*]|NNN/.test(token!)) continue;
        if (!existsSync(token!) && !existsSync(join('electron/core', token!))) missing.push(`${path}: ${token}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
