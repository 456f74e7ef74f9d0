// Bundles the Electron main process (ESM), the preload (CommonJS: a sandboxed preload
// can require nothing but 'electron', so shared/ is bundled into it) and the launcher with the browser host.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist/electron/main.mjs',
  format: 'esm',
  external: ['electron', 'sqlite3'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// The process a backup from outside is inspected in (electron/core/db/inspection), beside each
// bundle that starts it: main.mjs with utilityProcess.fork, the browser host with child_process.fork.
const inspector = {
  ...common,
  entryPoints: ['electron/core/db/inspection/inspectorChild.ts'],
  format: 'esm',
  external: ['electron', 'sqlite3'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};
await build({ ...inspector, outfile: 'dist/electron/inspector.mjs' });
await build({ ...inspector, target: 'node20', outfile: 'dist/host/inspector.mjs' });

await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});

// The launcher and the browser host: plain Node 20, no Electron, no tsx (npm start runs it).
await build({
  ...common,
  target: 'node20',
  entryPoints: ['electron/host/launch.ts'],
  outfile: 'dist/host/launch.mjs',
  format: 'esm',
  external: ['electron', 'sqlite3', 'playwright-core', 'ws'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
