// Inspection of a file from outside runs in a process of its own (inspectorChild.ts): a file
// built to make SQLite work forever (an index whose expression costs seconds a row, a deep
// b-tree) or to eat memory then holds that process's threads and memory, never the libuv
// threads the console's own queries share (worker threads share them too). The process is
// killed at its deadline, and what it answers is checked like any input.
import { DomainError } from '../../base/errors';
import { inspectionReply, inspectionValues, type InspectionRequest, type InspectionValue } from './inspectionProtocol';

/**
 * One inspector process, as a shell starts it: child_process.fork in Node (forkInspector.ts),
 * utilityProcess.fork in Electron (electron/main.ts), whose RunAsNode fuse is off.
 */
export interface InspectorProcess {
  /** For the log and tests (absent until started, or where the shell does not say). */
  readonly pid?: number | undefined;
  send(request: InspectionRequest): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called when the process has ended, however it ended (or could not start). */
  onExit(listener: () => void): void;
  /** Ends it at once (SIGKILL): a process stuck in SQLite does not answer a polite signal. */
  kill(): void;
}

/** Starts an inspector process; the core is given one by its shell. */
export type InspectorLauncher = () => InspectorProcess;

/** How long inspecting a backup may take: integrity_check of a year at headquarters' size takes well under this. */
export const INSPECTION_DEADLINE_MS = 120_000;

/** How long copying a backup's rows may take (restore.ts): a year at headquarters' size takes seconds. */
export const COPY_DEADLINE_MS = 600_000;

/**
 * How many inspectors may run at once, whoever asked: each may hold its capped heap and
 * SQLite's (forkInspector.ts, inspectorChild.ts), so windows asking together cannot multiply that.
 */
export const MAX_INSPECTORS = 4;

let running = 0;
const waiting: (() => void)[] = [];

/**
 * Runs `request` in a process `launch` starts and returns its validated answer. Past
 * `deadlineMs` the process is killed and the answer is integrity.tooSlow; a process that dies
 * without answering is inspect.stopped; an answer that does not fit the protocol is
 * inspect.garbled. Settles only once the process is gone, so nothing of it outlives the answer.
 * With MAX_INSPECTORS running, it waits for one to end before it starts (its deadline then).
 */
export async function inspectApart<R extends InspectionRequest>(launch: InspectorLauncher, request: R, deadlineMs: number): Promise<InspectionValue<R['kind']>> {
  if (running >= MAX_INSPECTORS) await new Promise<void>((wake) => waiting.push(wake));
  else running++;
  try {
    return await inspectOnce(launch, request, deadlineMs);
  } finally {
    // Handed straight to the next in line, so none can overtake it.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function inspectOnce<R extends InspectionRequest>(launch: InspectorLauncher, request: R, deadlineMs: number): Promise<InspectionValue<R['kind']>> {
  type Value = InspectionValue<R['kind']>;
  return new Promise<Value>((resolve, reject) => {
    let child: InspectorProcess;
    try {
      child = launch();
    } catch {
      reject(new DomainError('inspect.cannotStart'));
      return;
    }
    let outcome: { value: Value } | { error: DomainError } | null = null;
    let ended = false;
    const finish = (result: { value: Value } | { error: DomainError }) => {
      if (outcome) return;
      outcome = result;
      clearTimeout(timer);
      child.kill();
    };
    const timer = setTimeout(() => finish({ error: new DomainError('integrity.tooSlow', { seconds: Math.round(deadlineMs / 1000) }) }), deadlineMs);
    child.onMessage((message) => {
      const reply = inspectionReply.safeParse(message);
      if (!reply.success) return finish({ error: new DomainError('inspect.garbled') });
      if (reply.data.type === 'reading') return;
      if (reply.data.type === 'refused') return finish({ error: new DomainError(reply.data.code, reply.data.params) });
      const value = inspectionValues[request.kind].safeParse(reply.data.value);
      finish(value.success ? { value: value.data as Value } : { error: new DomainError('inspect.garbled') });
    });
    child.onExit(() => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      const result = outcome ?? { error: new DomainError('inspect.stopped') };
      if ('error' in result) reject(result.error);
      else resolve(result.value);
    });
    try {
      child.send(request);
    } catch {
      finish({ error: new DomainError('inspect.cannotStart') });
    }
  });
}
