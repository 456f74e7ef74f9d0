// The database as the services see it: a reader for queries, and `write` for changes,
// which runs one transaction on the writer and gives it the operation log.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createPrivateFile, makePrivateDir } from '../files/privateFiles';
import { HybridClock } from '../oplog/hlc';
import type { Operation } from '../oplog/operation';
import { OpLog, type Change } from '../oplog/opLog';
import type { ApplyResult, RemoteWrites, Renewal } from '../oplog/remoteWrites';
import { Connection, sqliteCode } from './connection';
import { DatabaseOpenError, migrate } from './migrations';
import { type Tx, WriteQueue } from './transaction';
import { UntilChanged } from './untilChanged';

export const DATABASE_FILE = 'beacon.db';

export interface Writer {
  tx: Tx;
  /** Appends operations to the log and applies them, in this transaction. */
  record(changes: readonly Change[]): Promise<void>;
}

export interface Store {
  readonly file: string;
  readonly origin: string;
  readonly schemaVersion: number;
  readonly reader: Connection;
  /**
   * A second reader for long reports (statistics over months, the audit trail): a year of
   * figures takes seconds at headquarters' sizes, and meanwhile the queues keep their reader.
   */
  readonly reports: Connection;
  /** Answers read through `reader`, kept until the next commit (see UntilChanged). */
  readonly untilChanged: UntilChanged;
  write<T>(operatorId: string | null, work: (writer: Writer) => Promise<T>): Promise<T>;
  /** Applies operations from elsewhere in one transaction (sync, bundles). */
  applyRemote(operations: readonly Operation[], now: number): Promise<ApplyResult>;
  /** This folder is a copy of another console's: a new origin from here on (sync/renewOrigin.ts). */
  renewOrigin(keepThrough: number, now: number): Promise<Renewal>;
  close(): Promise<void>;
}

/**
 * quick_check at open is bounded: a database of several GB could take longer than anyone waits
 * for a console to start. Past this the open goes on; `check` runs the full integrity_check.
 */
export const QUICK_CHECK_MS = 15_000;

export interface StoreOptions {
  /** Applying operations from elsewhere and renewing the origin: sync's work, lent by openCore (sync/ sits above db/). */
  remote: RemoteWrites;
  /** How long quick_check at open may take (QUICK_CHECK_MS). */
  quickCheckMs?: number;
  /** Runs after operations from elsewhere were applied and committed (the post's settings mirror them). */
  afterRemote?: (result: ApplyResult) => Promise<void>;
}

export async function openStore(dataDir: string, physicalClock: () => number, options: StoreOptions): Promise<Store> {
  makePrivateDir(dataDir);
  const file = join(dataDir, DATABASE_FILE);
  // Private before SQLite opens it: its -wal and -shm take the database's mode.
  createPrivateFile(file);
  const writerConn = await Connection.open(file, 'readwrite');
  let reader: Connection | null = null;
  let reports: Connection | null = null;
  try {
    // FULL: a commit survives power loss, not only a crash. Acknowledged calls must never vanish.
    // 32 MB of page cache (SQLite's default is 2 MB, taken only as used): a catch-up inserts into
    // the log's row index at random places, and with the default most of them read a page back
    // from the file (100k operations imported: 3.95-4.1 s -> 3.75-3.85 s).
    // The log's write-ahead file is copied into the database every 8,000 pages (32 MB), not
    // SQLite's 1,000: a catch-up's batch dirties ~1,000 pages, and copied at every commit the
    // same row-index pages were written again and again (a pull of 100k: 5.9 s -> 5.4 s).
    await writerConn.exec('PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 8000;');
    // Before any migration writes to it: a damaged database is said to be one, and left as it is.
    await quickCheck(writerConn, options.quickCheckMs ?? QUICK_CHECK_MS);
    const schemaVersion = await migrate(writerConn);
    let origin = await ensureOrigin(writerConn);
    const lastHlc = (await writerConn.get<{ value: string }>("SELECT value FROM meta WHERE key = 'hlc'"))?.value ?? null;
    const lastSeq = (await writerConn.get<{ seq: number }>('SELECT seq FROM version_vector WHERE origin = ?', [origin]))?.seq ?? 0;
    reader = await Connection.open(file, 'readonly');
    await reader.exec('PRAGMA busy_timeout = 5000; PRAGMA query_only = ON;');
    reports = await Connection.open(file, 'readonly');
    await reports.exec('PRAGMA busy_timeout = 5000; PRAGMA query_only = ON;');

    let oplog = new OpLog(origin, new HybridClock(origin, physicalClock, lastHlc), lastSeq);
    const queue = new WriteQueue(writerConn);
    const readerConn = reader;
    const reportsConn = reports;
    const untilChanged = new UntilChanged(readerConn);
    return {
      file,
      get origin() {
        return origin;
      },
      schemaVersion,
      reader: readerConn,
      reports: reportsConn,
      untilChanged,
      write(operatorId, work) {
        let before: ReturnType<OpLog['snapshot']> | null = null;
        return queue.transaction(
          (tx) => {
            before = oplog.snapshot();
            return work({ tx, record: (changes) => oplog.record(tx, operatorId, changes) });
          },
          { onRollback: () => before && oplog.restore(before) },
        ).finally(() => untilChanged.changed());
      },
      async applyRemote(operations, now) {
        let before: ReturnType<OpLog['snapshot']> | null = null;
        const result = await queue.transaction(
          (tx) => {
            before = oplog.snapshot();
            return options.remote.apply(tx, { origin, clock: oplog.clock }, operations, now);
          },
          { onRollback: () => before && oplog.restore(before) },
        ).finally(() => untilChanged.changed());
        if (result.applied > 0) await options.afterRemote?.(result);
        return result;
      },
      async renewOrigin(keepThrough, now) {
        const renewal = await queue.transaction((tx) => options.remote.renew(tx, origin, keepThrough, now)).finally(() => untilChanged.changed());
        // Committed: the log and clock write as the new origin from here, never behind what was seen.
        origin = renewal.origin;
        oplog = new OpLog(origin, new HybridClock(origin, physicalClock, oplog.clock.current()), renewal.moved);
        return renewal;
      },
      async close() {
        await queue.idle();
        await readerConn.close();
        await reportsConn.close();
        await writerConn.close();
      },
    };
  } catch (err) {
    await reader?.close().catch(() => undefined);
    await reports?.close().catch(() => undefined);
    await writerConn.close().catch(() => undefined);
    throw asOpenError(err);
  }
}

/** Throws integrity.damaged when SQLite's quick_check finds the file damaged; gives up quietly past `ms`. */
async function quickCheck(conn: Connection, ms: number): Promise<void> {
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    conn.interrupt();
  }, ms);
  let rows: { quick_check: string }[];
  try {
    rows = await conn.all<{ quick_check: string }>('PRAGMA quick_check(5)');
  } catch (err) {
    if (expired) return;
    throw err;
  } finally {
    clearTimeout(timer);
  }
  if (rows.length !== 1 || rows[0]!.quick_check !== 'ok') {
    throw new DatabaseOpenError('integrity.damaged', { detail: rows.map((r) => r.quick_check).join('; ').slice(0, 400) });
  }
}

/** What went wrong at start, in words the operator can act on; the file is left as it is. */
function asOpenError(err: unknown): unknown {
  if (err instanceof DatabaseOpenError) return err;
  const code = sqliteCode(err);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new DatabaseOpenError('error.corrupt');
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') return new DatabaseOpenError('error.readOnly');
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new DatabaseOpenError('error.busy');
  return err;
}

/** This console's identity in the operation log: made once, kept in the database. */
async function ensureOrigin(conn: Connection): Promise<string> {
  const row = await conn.get<{ value: string }>("SELECT value FROM meta WHERE key = 'origin'");
  if (row) return row.value;
  const origin = randomBytes(8).toString('hex');
  await conn.run("INSERT INTO meta (key, value) VALUES ('origin', ?)", [origin]);
  return origin;
}
