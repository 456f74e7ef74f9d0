// Backup and restore from the administrator's screen. The core decides everything but the
// file dialog: the shell (Electron's main process, or the e2e harness) only answers "which
// file?", so the renderer can never name a path to write or read.
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Output } from '../../../shared/api';
import { DomainError } from '../base/errors';
import type { FileChooserFor } from '../base/fileChooser';
import type { Session } from '../session';
import type { ServiceContext } from '../context';
import { backupDatabase } from '../db/backup';
import { Connection, sqliteCode } from '../db/connection';
import { forkInspector } from '../db/inspection/forkInspector';
import { INSPECTION_DEADLINE_MS, inspectApart } from '../db/inspection/inspectApart';
import type { InspectionValue } from '../db/inspection/inspectionProtocol';
import { checkUntrusted, type CheckOptions } from '../db/restore';
import { openUntrusted } from '../db/untrustedFile';
import { localFileStamp } from '../db/safetyCopies';
import { duplicateIncidentNumbers } from './duplicates';

/** The shell's file dialogs, parented to the window of `session`. Null when cancelled. */
export type FileChooser = FileChooserFor<Session>;

/** `beacon-LTK-2026-11-24-1032.db`: the post and the local time, shaped like the safety copies' names. */
export function backupFileName(ctx: ServiceContext): string {
  const post = ctx.settings.read().post;
  const stamp = localFileStamp(ctx.now(), post?.timeZone ?? 'UTC');
  return post ? `beacon-${post.code}-${stamp}.db` : `beacon-${stamp}.db`;
}

/** The restore module's codes, said about a backup file rather than about this console's database. */
export function asBackupError(err: unknown): unknown {
  if (!(err instanceof DomainError)) return err;
  if (err.code === 'error.notBeaconDatabase') return new DomainError('backup.notBeacon');
  if (err.code === 'error.databaseNewer') return new DomainError('backup.newer', err.params);
  if (err.code === 'error.corrupt') return new DomainError('backup.damaged');
  return err;
}

export async function backupStatus(ctx: ServiceContext): Promise<Output<'backup.status'>> {
  return {
    folder: ctx.safetyCopies?.folder ?? '',
    safetyCopies: (ctx.safetyCopies?.list() ?? []).map(({ name, bytes, shiftStart }) => ({ name, bytes, shiftStart })),
    duplicates: await duplicateIncidentNumbers(ctx.store.reader),
    canChooseFiles: ctx.files !== undefined,
  };
}

export async function createBackup(ctx: ServiceContext, session: Session): Promise<Output<'backup.create'>> {
  if (!ctx.files) throw new DomainError('backup.noFileDialog');
  const target = await ctx.files.saveBackup(session, backupFileName(ctx));
  if (!target) return null;
  if (resolve(target) === resolve(ctx.store.file)) throw new DomainError('backup.exists');
  try {
    await backupDatabase(ctx.store.file, target);
  } catch (err) {
    // A full disk keeps its own message; a folder that cannot be written is said as such.
    if (err instanceof DomainError || sqliteCode(err) === 'SQLITE_FULL') throw err;
    throw new DomainError('backup.cannotWrite', { file: target });
  }
  // Counted in the file just written: what the administrator reads is what the copy holds.
  const copy = await Connection.open(target, 'readonly');
  try {
    const incidents = (await copy.get<{ n: number }>('SELECT count(*) AS n FROM incidents'))?.n ?? 0;
    return { file: target, bytes: statSync(target).size, incidents };
  } finally {
    await copy.close();
  }
}

/**
 * In the inspector process: what a backup holds, after the same checks a restore makes (Beacon
 * database, version, the schema it claims, integrity), read as untrusted data (db/untrustedFile.ts).
 */
export async function describeUntrusted(file: string): Promise<InspectionValue<'describe'>> {
  const conn = await openUntrusted(file);
  try {
    const schemaVersion = await checkUntrusted(conn);
    const totals = await conn.get<{ n: number; newest: number | null }>('SELECT count(*) AS n, max(received_at) AS newest FROM incidents');
    const newest = await conn.get<{ number: string }>('SELECT number FROM incidents ORDER BY received_at DESC LIMIT 1');
    return {
      schemaVersion, incidents: totals?.n ?? 0, newestIncidentAt: totals?.newest ?? null,
      postCode: newest ? String(newest.number).split('-')[0] ?? null : null,
      duplicates: await duplicateIncidentNumbers(conn),
    };
  } finally {
    await conn.close();
  }
}

/**
 * What a backup holds, looked at in an inspector process (db/inspection/inspectApart.ts),
 * bounded in time and memory: the console's own connections and threads never touch the file.
 */
export async function describeBackup(file: string, options: CheckOptions = {}) {
  if (!existsSync(file)) throw new DomainError('restore.notFound');
  const launch = options.inspector ?? forkInspector();
  const described = await inspectApart(launch, { kind: 'describe', file }, options.deadlineMs ?? INSPECTION_DEADLINE_MS).catch((err: unknown) => {
    throw asBackupError(err);
  });
  const stat = statSync(file);
  return { file, bytes: stat.size, modifiedAt: Math.round(stat.mtimeMs), ...described };
}

export async function inspectBackup(ctx: ServiceContext, session: Session, input: { safetyCopy?: string | undefined }): Promise<Output<'backup.inspect'>> {
  let file: string;
  if (input.safetyCopy !== undefined) {
    // Only a copy the core itself lists: the name is matched, never joined to a path as given.
    const copy = ctx.safetyCopies?.list().find((c) => c.name === input.safetyCopy);
    if (!copy) throw new DomainError('restore.notFound');
    file = copy.path;
  } else {
    if (!ctx.files) throw new DomainError('backup.noFileDialog');
    const chosen = await ctx.files.openBackup(session);
    if (!chosen) return null;
    file = chosen;
  }
  if (resolve(file) === resolve(ctx.store.file)) throw new DomainError('backup.isCurrent');
  const described = await describeBackup(file, { inspector: ctx.inspector });
  const token = randomUUID();
  session.pendingRestore = { token, file };
  return { ...described, token, thisPostCode: ctx.settings.read().post?.code ?? null, databaseFile: ctx.store.file };
}

/** Approves restoring what this window inspected; the shell then does it (restoreInPlace). */
export function approveRestore(session: Session, token: string): Output<'backup.restore'> {
  const pending = session.pendingRestore;
  if (!pending || pending.token !== token) throw new DomainError('backup.inspectFirst');
  session.pendingRestore = undefined;
  return { file: pending.file, restored: false, keptAs: null, duplicates: [] };
}
