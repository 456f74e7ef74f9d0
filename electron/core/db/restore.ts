// Restoring a backup brings in its data, never its schema: a database this build creates and
// migrates itself is filled table by table from the backup's known columns (the backup attached
// read-only, its triggers and views never run or copied), the rollups are left for this build's
// own code to rebuild, and the result is counted and checked before it replaces anything. The
// replaced database is kept beside it, never deleted. The restored console takes a new origin,
// so operations it makes from now on can never share an (origin, seq) with those the old copy
// of itself made after the backup was taken.
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DomainError } from '../base/errors';
import { quoteName, verifyShape, type SchemaShape } from './backupSchema';
import { Connection, sqliteCode } from './connection';
import { createPrivateFile } from '../files/privateFiles';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations';
import { rebuildRollup, TZDATA, type ZoneSegment } from '../stats/rollup';
import { DATABASE_FILE } from './store';
import { WriteQueue } from './transaction';
import { COPY_DEADLINE_MS, INSPECTION_DEADLINE_MS, inspectApart, type InspectorLauncher } from './inspection/inspectApart';
import { forkInspector } from './inspection/forkInspector';
import { verifyOwnSchema } from './ownSchema';
import { DISTRUST, MAX_VALUE_BYTES, openUntrusted } from './untrustedFile';

export interface RestoreResult {
  /** Where the database that was replaced now is (null when there was none). */
  keptAs: string | null;
  previousOrigin: string | null;
  origin: string;
}

/**
 * Tables never copied from a backup: the rollups and tallies, which this build rebuilds from
 * the incidents, calls and assignments at the next open (stats/rollup.ts, as rollup_meta's
 * empty zone asks), and the response bins' thresholds, which its migrations write.
 */
export const REBUILT_TABLES: ReadonlySet<string> = new Set([
  'zone_offsets', 'rollup_meta', 'daily_counts', 'call_days', 'team_days', 'response_days', 'response_thresholds',
  'call_tallies', 'team_tallies', 'response_tallies',
]);

export interface CheckOptions {
  /** How long the look may take (INSPECTION_DEADLINE_MS); tests make it short. */
  deadlineMs?: number;
  /** Starts the process the file is read in (inspection/inspectApart.ts); default, a Node fork. */
  inspector?: InspectorLauncher | undefined;
}

/**
 * Checks, on `conn` (opened with openUntrusted), that the file is a whole Beacon database whose
 * schema is exactly what its version claims. Reads only the header, the schema table and the
 * pages (integrity_check): no trigger or view of the file runs. Returns the version.
 */
export async function checkUntrusted(conn: Connection): Promise<number> {
  try {
    const appId = (await conn.get<{ application_id: number }>('PRAGMA application_id'))?.application_id;
    if (appId !== APPLICATION_ID) throw new DomainError('error.notBeaconDatabase');
    const version = (await conn.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0;
    if (version > SCHEMA_VERSION) throw new DomainError('error.databaseNewer', { version, supported: SCHEMA_VERSION });
    await verifyShape(conn, 'main', version);
    const integrity = await conn.all<{ integrity_check: string }>('PRAGMA integrity_check');
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') throw new DomainError('error.corrupt');
    return version;
  } catch (err) {
    // Out of memory is the inspector's cap (inspection/inspectorChild.ts), said as such.
    if (err instanceof DomainError || sqliteCode(err) === 'SQLITE_INTERRUPT' || sqliteCode(err) === 'SQLITE_NOMEM') throw err;
    // Not a database at all, or damaged beyond reading.
    throw new DomainError('error.corrupt');
  }
}

/** In the inspector process: checks `file` is a whole Beacon database with the schema it claims. */
export async function checkUntrustedFile(file: string): Promise<number> {
  const conn = await openUntrusted(file);
  try {
    return await checkUntrusted(conn);
  } finally {
    await conn.close();
  }
}

/**
 * Checks a file is a whole Beacon database of a version this build can open, with the schema
 * it claims: in an inspector process, never on the console's own threads, killed at the deadline.
 */
export async function checkBackup(file: string, options: CheckOptions = {}): Promise<number> {
  if (!existsSync(file)) throw new DomainError('restore.notFound');
  const { version } = await inspectApart(options.inspector ?? forkInspector(), { kind: 'check', file }, options.deadlineMs ?? INSPECTION_DEADLINE_MS);
  return version;
}

/** In the inspector process: the data of `file`, checked as of `version`, copied into a database this build makes at `staging`. */
export async function copyUntrusted(staging: string, file: string, version: number, origin: string): Promise<{ previousOrigin: string | null }> {
  return { previousOrigin: await buildFromBackup(staging, file, version, origin) };
}

/**
 * Makes the data of `backupFile` the database of `dataDir`. The core must be closed. Nothing
 * changes unless the backup passes every check and its copy every count; the copy is prepared
 * beside the database and swapped in by renames, so a power cut leaves either the old database
 * or the restored one.
 */
export async function restoreDatabase(dataDir: string, backupFile: string, now: number, options: CheckOptions = {}): Promise<RestoreResult> {
  const inspector = options.inspector ?? forkInspector();
  const version = await checkBackup(backupFile, { ...options, inspector });
  const target = join(dataDir, DATABASE_FILE);
  const staging = `${target}.restoring`;
  const removeStaging = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(staging + suffix, { force: true });
  };
  removeStaging();
  const origin = randomBytes(8).toString('hex');
  let previousOrigin: string | null;
  try {
    // The rows are read in an inspector process too; what it wrote is checked to be this build's own schema before the console touches it.
    const copied = await inspectApart(inspector, { kind: 'copy', file: backupFile, staging, version, origin }, COPY_DEADLINE_MS);
    previousOrigin = copied.previousOrigin;
    await verifyOwnSchema(staging, origin);
    if (existsSync(target)) {
      await carryCountersForward(target, staging);
      await rebuildRollupAsBefore(target, staging);
    }
  } catch (err) {
    removeStaging();
    throw err;
  }
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
 * Writes into `staging` a database made by this build's migrations up to `version`, the rows of
 * the backup's tables (known columns only), then the migrations after `version`, as an upgrade
 * would. Returns the backup's origin.
 */
async function buildFromBackup(staging: string, backupFile: string, version: number, origin: string): Promise<string | null> {
  createPrivateFile(staging);
  const copy = await Connection.open(staging, 'readwrite', { uri: true, maxValueBytes: MAX_VALUE_BYTES });
  try {
    await copy.exec('PRAGMA trusted_schema = OFF; PRAGMA foreign_keys = OFF; PRAGMA synchronous = FULL;');
    await migrate(copy, MIGRATIONS.filter((m) => m.version <= version));
    const source = `${pathToFileURL(backupFile).href}?mode=ro`;
    await copy.run('ATTACH DATABASE ? AS backup', [source]);
    let previousOrigin: string | null;
    try {
      await copy.exec('BEGIN IMMEDIATE');
      try {
        // Checked again inside the transaction that reads it: the file may have changed since the inspection.
        const shape = await verifyShape(copy, 'backup', version);
        await copyRows(copy, shape);
        previousOrigin = (await copy.get<{ value: string }>("SELECT value FROM main.meta WHERE key = 'origin'"))?.value ?? null;
        await copy.exec('COMMIT');
      } catch (err) {
        await copy.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      await copy.run('DETACH DATABASE backup').catch(() => undefined);
    }
    await migrate(copy);
    await copy.run("INSERT INTO meta (key, value) VALUES ('origin', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [origin]);
    await copy.run("INSERT INTO meta (key, value) VALUES ('restored_from_origin', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [previousOrigin ?? '']);
    const integrity = await copy.all<{ integrity_check: string }>('PRAGMA integrity_check');
    const foreignKeys = await copy.all<{ table: string }>('PRAGMA foreign_key_check');
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok' || foreignKeys.length > 0) {
      throw new DomainError('integrity.restoredUnsound', { table: foreignKeys[0]?.table ?? '' });
    }
    return previousOrigin;
  } finally {
    await copy.close();
  }
}

/** Copies every table of `shape` but the rebuilt ones, by the columns it names, and counts each. */
async function copyRows(copy: Connection, shape: SchemaShape): Promise<void> {
  for (const [table, columns] of shape.columns) {
    if (REBUILT_TABLES.has(table)) continue;
    const cols = columns.map(quoteName).join(', ');
    const name = quoteName(table);
    try {
      await copy.run(`INSERT INTO main.${name} (${cols}) SELECT ${cols} FROM backup.${name}`);
    } catch (err) {
      const code = sqliteCode(err);
      if (code === 'SQLITE_TOOBIG') throw new DomainError('integrity.valueTooLarge', { table, megabytes: MAX_VALUE_BYTES / 1024 / 1024 });
      if (code?.startsWith('SQLITE_CONSTRAINT')) throw new DomainError('integrity.rowsRefused', { table });
      if (code === 'SQLITE_CORRUPT') throw new DomainError('error.corrupt');
      throw err;
    }
    const theirs = (await copy.get<{ n: number }>(`SELECT count(*) AS n FROM backup.${name}`))?.n ?? 0;
    const ours = (await copy.get<{ n: number }>(`SELECT count(*) AS n FROM main.${name}`))?.n ?? 0;
    if (theirs !== ours) throw new DomainError('integrity.countMismatch', { table, theirs, ours });
  }
}

/**
 * The rollups of the restored copy, rebuilt now by this build's code for the zone the replaced
 * database's were built for, with the offsets this build computed for it (same tz database):
 * the console then reopens at once instead of working the zone out again (seconds). When the
 * replaced database cannot tell, or the rebuild fails, the next open rebuilds them.
 */
async function rebuildRollupAsBefore(replaced: string, staging: string): Promise<void> {
  let zone: string;
  let segments: ZoneSegment[];
  try {
    const old = await Connection.open(replaced, 'readonly');
    try {
      await old.exec(DISTRUST);
      const built = await old.get<{ zone: string | null; tzdata: string | null }>('SELECT zone, tzdata FROM rollup_meta');
      if (!built?.zone || built.tzdata !== TZDATA) return;
      zone = built.zone;
      segments = (await old.all<{ start_ms: number; offset_ms: number }>('SELECT start_ms, offset_ms FROM zone_offsets ORDER BY start_ms'))
        .map((r) => ({ startMs: r.start_ms, offsetMs: r.offset_ms }));
      if (segments.length === 0) return;
    } finally {
      await old.close();
    }
  } catch {
    return;
  }
  const copy = await Connection.open(staging, 'readwrite');
  try {
    await new WriteQueue(copy).transaction((tx) => rebuildRollup(tx, zone, segments));
  } catch {
    // Left unbuilt (rollup_meta's zone empty): the next open rebuilds.
  } finally {
    await copy.close();
  }
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
      await old.exec(DISTRUST);
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
