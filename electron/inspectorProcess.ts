// The inspector process in the Electron app: Electron's binary, its RunAsNode fuse off
// (electron-builder.yml), cannot be forked as plain Node, so the inspector runs as a utility
// process. It reads the bundle's inspector.mjs (scripts/build-electron.mjs) and answers over
// process.parentPort (electron/core/db/inspection/inspectorChild.ts).
import { utilityProcess } from 'electron';
import type { InspectorLauncher } from './core/db/inspection/inspectApart';
import { INSPECTOR_HEAP_MB, inspectorEntry, type InspectorEntry } from './core/db/inspection/forkInspector';

export function utilityInspector(entry: InspectorEntry = inspectorEntry()): InspectorLauncher {
  return () => {
    const child = utilityProcess.fork(entry.script, entry.args ?? [], {
      execArgv: [...entry.execArgv, `--max-old-space-size=${INSPECTOR_HEAP_MB}`],
      // It answers over its message port only; what it prints is nobody's business but the log's.
      stdio: ['ignore', 'ignore', 'inherit'],
      serviceName: 'Beacon backup inspector',
    });
    return {
      get pid() {
        return child.pid;
      },
      // Sent once it runs: nothing is lost to a port that is not yet open.
      send: (request) => void child.once('spawn', () => child.postMessage(request)),
      onMessage: (listener) => void child.on('message', listener),
      // A fatal V8 error is followed by 'exit' too, so 'exit' alone says it has ended.
      onExit: (listener) => void child.once('exit', () => listener()),
      // Not yet running (a deadline before it spawned): ended as soon as it is.
      kill: () => void (child.kill() || child.once('spawn', () => child.kill())),
    };
  };
}
