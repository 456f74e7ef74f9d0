// The inspector process: takes one request, reads the file from outside with the untrusted
// file's settings (untrustedFile.ts) and SQLite's memory capped, answers once, and is ended by
// the console (inspectApart.ts). Runs under child_process.fork (process.send) or Electron's
// utilityProcess (process.parentPort).
import { DomainError } from '../../base/errors';
import { describeUntrusted } from '../../backup/backups';
import { Connection, sqliteCode } from '../connection';
import { checkUntrustedFile, copyUntrusted } from '../restore';
import { inspectionRequest, type InspectionReply, type InspectionRequest } from './inspectionProtocol';

/**
 * SQLite's memory in this process (sqlite3_hard_heap_limit64, process-wide, which is why it is
 * set here and never in the console): past the soft limit it frees its caches, past the hard
 * one an allocation fails (SQLITE_NOMEM) instead of growing.
 */
const SOFT_HEAP_BYTES = 64 * 1024 * 1024;
const HARD_HEAP_BYTES = 256 * 1024 * 1024;

interface Port {
  send(reply: InspectionReply): void;
  onRequest(listener: (message: unknown) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentPort(): Port | null {
  const electron = (process as NodeJS.Process & { parentPort?: ElectronParentPort }).parentPort;
  if (electron) return { send: (reply) => electron.postMessage(reply), onRequest: (l) => electron.on('message', (e) => l(e.data)) };
  const send = process.send?.bind(process);
  if (!send) return null;
  return { send: (reply) => send(reply), onRequest: (l) => process.on('message', l) };
}

async function capSqliteMemory(): Promise<void> {
  const conn = await Connection.open(':memory:', 'readwrite');
  try {
    await conn.exec(`PRAGMA soft_heap_limit = ${SOFT_HEAP_BYTES}; PRAGMA hard_heap_limit = ${HARD_HEAP_BYTES};`);
  } finally {
    await conn.close();
  }
}

async function answer(request: InspectionRequest, say: (reply: InspectionReply) => void): Promise<unknown> {
  await capSqliteMemory();
  say({ type: 'reading' });
  if (request.kind === 'check') return { version: await checkUntrustedFile(request.file) };
  if (request.kind === 'describe') return describeUntrusted(request.file);
  return copyUntrusted(request.staging, request.file, request.version, request.origin);
}

function refusal(err: unknown): InspectionReply {
  if (err instanceof DomainError) return { type: 'refused', code: err.code, ...(err.params ? { params: err.params } : {}) };
  if (sqliteCode(err) === 'SQLITE_NOMEM') return { type: 'refused', code: 'inspect.tooMuchMemory' };
  return { type: 'refused', code: 'inspect.stopped' };
}

const port = parentPort();
if (!port) {
  // Started by hand: there is no one to answer.
  process.exitCode = 2;
} else {
  let taken = false;
  port.onRequest((message) => {
    if (taken) return; // one request per process
    taken = true;
    const parsed = inspectionRequest.safeParse(message);
    if (!parsed.success) {
      port.send({ type: 'refused', code: 'inspect.garbled' });
      return;
    }
    answer(parsed.data, port.send).then(
      (value) => port.send({ type: 'done', value }),
      (err: unknown) => port.send(refusal(err)),
    );
  });
  // The console went away: nothing to answer to. Killed, not exited: exiting waits for
  // SQLite's running statement, which a hostile file makes last minutes.
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
}
