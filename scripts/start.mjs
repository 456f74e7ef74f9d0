// `npm start` after the build: Electron's window, or the browser host where Electron's binary
// is missing or there is no display (electron/host/launch.ts says which and why).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { launch } = await import(pathToFileURL(join(root, 'dist', 'host', 'launch.mjs')).href);
await launch(root);
