// Restoring a backup: only a Beacon database this build can open, whole (integrity_check),
// becomes the console's database; the one it replaces is kept beside it, never deleted. The
// restored console takes a new origin, so operations it makes from now on can never share an
// (origin, seq) with those the old copy of itself made after the backup was taken.
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../api/errors';
import { Connection } from './connection';
import { APPLICATION_ID, SCHEMA_VERSION } from './migrations';
import { DATABASE_FILE } from './store';

export interface RestoreResult {
  /** Where the database that was replaced now is (null when there was none). */
  keptAs: string | null;
  previousOrigin: string | null;
  origin: string;
}

/** Checks a file is a whole Beacon database of a version this build can open. */
export async function checkBackup(file: string): Promise<void> {
  if (!existsSync(file)) throw new DomainError('restore.notFound');
  let conn: Connection;
  try {
    conn = await Connection.open(file, 'readonly');
  } catch {
    throw new DomainError('error.notBeaconDatabase');
  }
  try {
    const appId = (await conn.get<{ application_id: number }>('PRAGMA application_id'))?.application_id;
    if (appId !== APPLICATION_ID) throw new DomainError('error.notBeaconDatabase');
    const version = (await conn.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0;
    if (version > SCHEMA_VERSION) throw new DomainError('error.databaseNewer', { version, supported: SCHEMA_VERSION });
    const integrity = await conn.all<{ integrity_check: string }>('PRAGMA integrity_check');
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') throw new DomainError('error.corrupt');
  } catch (err) {
    if (err instanceof DomainError) throw err;
    // Not a database at all, or damaged beyond reading.
    throw new DomainError('error.corrupt');
  } finally {
    await conn.close();
  }
}

/**
 * Makes `backupFile` the database of `dataDir`. The core must be closed. Nothing changes
 * unless the backup passes every check; the copy is prepared beside the database and swapped
 * in by renames, so a power cut leaves either the old database or the restored one.
 */
export async function restoreDatabase(dataDir: string, backupFile: string, now: number): Promise<RestoreResult> {
  await checkBackup(backupFile);
  const target = join(dataDir, DATABASE_FILE);
  const staging = `${target}.restoring`;
  rmSync(staging, { force: true });
  // VACUUM INTO writes a fresh, compact copy from one consistent read of the backup.
  const source = await Connection.open(backupFile, 'readonly');
  try {
    await source.run('VACUUM INTO ?', [staging]);
  } finally {
    await source.close();
  }
  const origin = randomBytes(8).toString('hex');
  let previousOrigin: string | null;
  const copy = await Connection.open(staging, 'readwrite');
  try {
    previousOrigin = (await copy.get<{ value: string }>("SELECT value FROM meta WHERE key = 'origin'"))?.value ?? null;
    await copy.run("INSERT INTO meta (key, value) VALUES ('origin', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [origin]);
    await copy.run("INSERT INTO meta (key, value) VALUES ('restored_from_origin', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [previousOrigin ?? '']);
  } finally {
    await copy.close();
  }
  if (existsSync(target)) await carryCountersForward(target, staging);
  let keptAs: string | null = null;
  if (existsSync(target)) {
    keptAs = `${target}.before-restore-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, keptAs);
    for (const suffix of ['-wal', '-shm']) if (existsSync(target + suffix)) renameSync(target + suffix, keptAs + suffix);
  }
  renameSync(staging, target);
  return { keptAs, previousOrigin, origin };
}

/**
 * The database being replaced is this console's own later state: its counters (incident
 * numbers of the day) are at least as far on as the backup's. Keeping the higher of each
 * means the restored console never issues again a number it already gave out after the
 * backup. A replaced database that cannot be read (the reason for restoring) is passed over.
 */
async function carryCountersForward(replaced: string, staging: string): Promise<void> {
  let rows: { key: string; value: number }[];
  try {
    const old = await Connection.open(replaced, 'readonly');
    try {
      rows = await old.all<{ key: string; value: number }>('SELECT key, value FROM counters');
    } finally {
      await old.close();
    }
  } catch {
    return;
  }
  const copy = await Connection.open(staging, 'readwrite');
  try {
    await copy.exec('BEGIN');
    for (const row of rows) {
      await copy.run('INSERT INTO counters (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)', [row.key, row.value]);
    }
    await copy.exec('COMMIT');
  } finally {
    await copy.close();
  }
}
