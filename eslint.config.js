// Lint, including the rules that keep the architecture honest (docs/architecture.md):
// electron/core and shared never import Electron; shared imports nothing outside shared;
// the renderer never imports Node, sqlite3 or electron/; and no literal text in JSX.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'module', 'worker_threads', 'stream', 'util', 'events'];
const nodePatterns = ['node:*', ...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `${m}/*`)];

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
