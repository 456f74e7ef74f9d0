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
