// Lint, including the rules that keep the architecture honest (docs/architecture.md):
// electron/core and shared never import Electron; shared imports nothing outside shared;
// the renderer never imports Node, sqlite3 or electron/; the main process's layers import only
// downwards (LAYERS); and no literal text in JSX. Import cycles: scripts/deps.mjs.
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'module', 'worker_threads', 'stream', 'util', 'events'];
const nodePatterns = ['node:*', ...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `${m}/*`)];

/**
 * The main process in layers, lowest first: a module imports its own layer and those below it,
 * never one above (as VS Code's `code-import-patterns`). Entries are folders (ending in /), a
 * folder's own files (/*), files, or one file of every folder (a star for the folder), from the repository's root; every module of electron/ must be in one. Imports within a
 * layer are free, but may not go round in a circle (scripts/deps.mjs).
 */
const LAYERS = [
  { name: 'base', holds: ['electron/core/base/'] },
  // The rollup is the database's derived tables (kept by the migrations' triggers, rebuilt by a
  // restore); its rebuild spells the duplicate rule with duplicateRule.ts, so both sit here.
  { name: 'store', holds: ['electron/core/db/', 'electron/core/oplog/', 'electron/core/files/', 'electron/core/settings/', 'electron/core/secrets/', 'electron/core/stats/rollup.ts', 'electron/core/stats/duplicateRule.ts'] },
  { name: 'frame', holds: ['electron/core/context.ts', 'electron/core/session.ts'] },
  {
    name: 'domain',
    holds: ['audit', 'backup', 'dispatch', 'import', 'incidents', 'operators', 'post', 'reference', 'roster', 'setup', 'teams', 'timeline'].map((f) => `electron/core/${f}/`),
  },
  { name: 'reports and sync', holds: ['stats', 'summary', 'sync', 'exchange', 'demo'].map((f) => `electron/core/${f}/`) },
  // A feature's channels.ts is its adapter to the router: handlers of any layer below, joined in api/.
  { name: 'api', holds: ['electron/core/api/', 'electron/core/*/channels.ts'] },
  // The inspector child is the entry point of a process of its own (db/inspection/inspectApart.ts).
  { name: 'openCore', holds: ['electron/core/openCore.ts', 'electron/core/damagedConsole.ts', 'electron/core/index.ts', 'electron/core/db/inspection/inspectorChild.ts'] },
  { name: 'shells', holds: ['electron/host/', 'electron/cli/', 'electron/*'] },
];
const ROOT = dirname(fileURLToPath(import.meta.url));

/** The layer of a repository path without extension (`electron/core/db/store`), by its most specific entry. */
function layerOf(path) {
  let found = null;
  for (const [rank, layer] of LAYERS.entries()) {
    for (const entry of layer.holds) {
      const matches = entry.includes('/*/') ? new RegExp(`^${entry.replace(/\.tsx?$/, '').replaceAll('.', '\\.').replace('/*/', '/[^/]+/')}$`).test(path)
        : entry.endsWith('/*') ? dirname(path) === entry.slice(0, -2)
        : entry.endsWith('/') ? path.startsWith(entry) : path === entry.replace(/\.tsx?$/, '');
      if (matches && (!found || entry.length > found.entry.length)) found = { rank, name: layer.name, entry };
    }
  }
  return found;
}

const layerRule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = relative(ROOT, context.filename).replace(/\.tsx?$/, '');
    const own = layerOf(from);
    return {
      Program(node) {
        if (!own) context.report({ node, message: `${from} is in no layer: give its folder one in eslint.config.js (LAYERS).` });
      },
      'ImportDeclaration, ExportNamedDeclaration, ExportAllDeclaration, ImportExpression'(node) {
        const source = node.source?.type === 'Literal' ? node.source.value : null;
        if (!own || typeof source !== 'string' || !source.startsWith('.')) return;
        let to = relative(ROOT, resolve(dirname(context.filename), source)).replace(/\.[cm]?[jt]sx?$/, '');
        if (to === 'electron/core') to = 'electron/core/index';
        const target = to.startsWith('electron/') ? layerOf(to) : null;
        if (target && target.rank > own.rank) {
          context.report({ node: node.source, message: `${own.name} (${from}) may not import ${target.name} (${to}), a layer above it: move the piece down or pass it in (eslint.config.js, LAYERS).` });
        }
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'artifacts/**', 'playwright-report/**', 'bench-results/**', '.bench-cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['electron/**/*.ts'],
    plugins: { beacon: { rules: { layers: layerRule } } },
    rules: { 'beacon/layers': 'error' },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'electron/*'], message: 'electron/core runs in plain Node: pass Electron services in as interfaces.' }] }],
    },
  },
  {
    files: ['electron/host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'electron/*'], message: 'electron/host is shared by every shell: it knows no Electron.' }] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*', 'sqlite3'], message: 'shared/ is the contract: no Electron, no database.' },
          { group: ['**/electron/**', '**/renderer/**', '../electron', '../../electron', '../renderer'], message: 'shared/ imports nothing outside shared/.' },
          { group: nodePatterns, message: 'shared/ runs on both sides: no Node built-ins.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*', 'sqlite3'], message: 'The renderer reaches data only through window.ops.' },
          { group: ['**/electron/**', '../electron', '../../electron', '../../../electron'], message: 'The renderer may import only from shared/.' },
          { group: nodePatterns, message: 'The renderer is sandboxed: no Node built-ins.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'JSXText[value=/[A-Za-z\\u0600-\\u06FF]/]',
        message: 'User-visible text goes through t() (shared/i18n), in Arabic and English.',
      }],
    },
  },
);
