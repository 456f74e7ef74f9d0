// The import graph's one rule that ESLint's per-file view cannot see: no cycles, type imports
// counted (scripts/deps.mjs runs it in `npm test`). The layers themselves are in eslint.config.js.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other cannot be understood, tested or moved one at a time: invert one import.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Type-only imports tie modules together as much as value imports do.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^dist/'] },
  },
};
