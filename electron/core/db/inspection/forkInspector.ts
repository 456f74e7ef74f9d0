// The inspector process where the console runs in plain Node (the browser host, the command
// line, tests): child_process.fork of this build's inspector script, its heap capped.
// Electron's main process starts it with utilityProcess.fork instead (electron/main.ts).
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { InspectorLauncher } from './inspectApart';

/** The inspector's JavaScript heap; SQLite's own is capped inside it (inspectorChild.ts). */
export const INSPECTOR_HEAP_MB = 256;

export interface InspectorEntry {
  script: string;
  /** Node options before the script (a loader for TypeScript sources). */
  execArgv: string[];
  /** Arguments after the script (tests give their stand-ins a part to play). */
  args?: string[];
}

/**
 * This build's inspector: run from sources (tests, `npm run cli` under tsx), the TypeScript
 * entry through tsx; bundled (dist/host, dist/electron), the inspector.mjs built beside the bundle.
 */
export function inspectorEntry(): InspectorEntry {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
    return { script: fileURLToPath(new URL('./inspectorChild.ts', here)), execArgv: ['--import', tsx] };
  }
  return { script: fileURLToPath(new URL('./inspector.mjs', here)), execArgv: [] };
}

export function forkInspector(entry: InspectorEntry = inspectorEntry()): InspectorLauncher {
  return () => {
    // Electron's binary, its RunAsNode fuse off, would start another app rather than the script.
    if (process.versions.electron) throw new Error('in Electron the inspector is started with utilityProcess.fork');
    const child = fork(entry.script, entry.args ?? [], {
      execArgv: [...entry.execArgv, `--max-old-space-size=${INSPECTOR_HEAP_MB}`],
      // What it prints is nobody's business: it answers over the IPC channel only.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'json',
    });
    return {
      pid: child.pid,
      send: (request) => child.send(request),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => {
        child.once('exit', listener);
        child.on('error', listener); // every time: a second unheard 'error' would end the console's process
      },
      kill: () => child.kill('SIGKILL'),
    };
  };
}
