// A promise face over the sqlite3 package. The core keeps two connections: one writer
// (every write is serialised through it) and one reader (WAL lets it read the last
// committed state while a write is in progress).
import sqlite3 from 'sqlite3';
import type { Reader, SqlParams, SqlValue } from '../base/handles';

export type { SqlValue };

export interface OpenOptions {
  /** Accept `file:` URIs (ATTACH … '?mode=ro'), for restoring from a backup read-only. */
  uri?: boolean;
  /**
   * The largest string or blob this connection will make (SQLITE_LIMIT_LENGTH); reading a
   * bigger value fails with SQLITE_TOOBIG instead of holding it in memory. For files from outside.
   */
  maxValueBytes?: number;
}
export type Params = SqlParams;

/** Prepared statements kept per connection: the hot paths repeat a few dozen statements. */
const CACHED_STATEMENTS = 64;
/** Longer SQL is a one-off (a batch of rows, a migration): not worth keeping prepared. */
const CACHEABLE_LENGTH = 4000;

/**
 * Writes that run to completion in one step, so a kept statement never holds a read open.
 * Preparing an INSERT or UPDATE compiles every trigger on its table: ~1 ms for a new incident
 * (the daily rollup's), against 0.05 ms to run it once prepared.
 */
const cacheableWrite = (sql: string) => sql.length <= CACHEABLE_LENGTH && /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql) && !/\bRETURNING\b/i.test(sql);

/**
 * Queries run through `all`, which steps them to the end or to an error; SQLite halts the
 * statement either way, so a kept one holds no read open (`get` stops after one row: not kept). Preparing a queue page (a subquery on a chosen index, a count per
 * row) takes ~1 ms, more than running it.
 */
const cacheableRead = (sql: string) => sql.length <= CACHEABLE_LENGTH && /^\s*(SELECT|WITH)\b/i.test(sql);

export class Connection implements Reader {
  declare readonly readsDatabase: true;
  /**
   * Statements of one connection run one after another anyway (SQLite's connection mutex).
   * Handed to the sqlite3 package all at once, as a Promise.all of a report does, each would
   * hold a libuv thread while it waits its turn; with four threads, a report could starve
   * the queues' own connection for seconds. So each connection submits one at a time: the
   * next as soon as the sqlite3 package calls back, before the promise of the one that ended
   * settles. Started from the promise's reactions instead, a statement waited behind the work
   * of whoever awaited the one before (a catch-up parsing a read's answer, ~40 ms a batch).
   */
  private readonly waiting: (() => void)[] = [];
  /** A statement is with SQLite. */
  private running = false;
  /** startNext's loop is handing statements over. */
  private handing = false;

  /** Prepared statements by SQL, least recently used first. */
  private readonly prepared = new Map<string, sqlite3.Statement>();

  private constructor(private readonly raw: sqlite3.Database) {}

  /**
   * Runs `start` once every statement submitted before has ended; `start` hands its statement
   * to SQLite and calls `end` from the sqlite3 package's callback.
   */
  private submit<T>(start: (end: (err: Error | null, value?: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        let ended = false;
        const end = (err: Error | null, value?: T) => {
          if (ended) return;
          ended = true;
          this.running = false;
          this.startNext();
          if (err) reject(err);
          else resolve(value as T);
        };
        try {
          start(end);
        } catch (err) {
          end(err instanceof Error ? err : new Error(String(err)));
        }
      });
      if (!this.running) this.startNext();
    });
  }

  /**
   * Hands SQLite the next statement waiting, if none is with it. A loop, not a call from each
   * ending: on a closed database the sqlite3 package calls back at once, inside the hand-over,
   * and a queue of thousands must not nest a call per statement (the stack would overflow in a
   * callback, taking the main process down).
   */
  private startNext(): void {
    if (this.handing) return; // called from a statement that ended as it was handed over: the loop below goes on
    this.handing = true;
    try {
      while (!this.running) {
        const job = this.waiting.shift();
        if (!job) break;
        this.running = true;
        job();
      }
    } finally {
      this.handing = false;
    }
  }

  static open(file: string, mode: 'readwrite' | 'readonly', options: OpenOptions = {}): Promise<Connection> {
    const flags = (mode === 'readonly' ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE) | (options.uri ? sqlite3.OPEN_URI : 0);
    return new Promise((resolve, reject) => {
      const raw = new sqlite3.Database(file, flags, (err) => {
        if (err) return reject(err);
        if (options.maxValueBytes !== undefined) raw.configure('limit', sqlite3.LIMIT_LENGTH, options.maxValueBytes);
        resolve(new Connection(raw));
      });
    });
  }

  /** Stops the statement running now (SQLITE_INTERRUPT); those queued after it run as usual. */
  interrupt(): void {
    this.raw.interrupt();
  }

  run(sql: string, params: Params = []): Promise<{ changes: number }> {
    return this.submit((end) => {
      const done = function (this: sqlite3.RunResult, err: Error | null) {
        end(err, err ? undefined : { changes: this.changes });
      };
      if (!cacheableWrite(sql)) this.raw.run(sql, params, done);
      else this.withPrepared(sql, end, (statement) => statement.run(params, done));
    });
  }

  /** Runs `use` with the kept statement for `sql`, prepared first if it is not kept yet (`fail` if it does not prepare). */
  private withPrepared(sql: string, fail: (err: Error) => void, use: (statement: sqlite3.Statement) => void): void {
    const kept = this.prepared.get(sql);
    if (kept) {
      // Most recently used last: the Map keeps insertion order.
      this.prepared.delete(sql);
      this.prepared.set(sql, kept);
      use(kept);
      return;
    }
    const statement: sqlite3.Statement = this.raw.prepare(sql, (err: Error | null) => {
      if (err) return fail(err);
      this.prepared.set(sql, statement);
      if (this.prepared.size > CACHED_STATEMENTS) {
        const [oldest, evicted] = this.prepared.entries().next().value as [string, sqlite3.Statement];
        this.prepared.delete(oldest);
        evicted.finalize();
      }
      // In the sqlite3 package's callback, where a throw would be no one's to catch.
      try {
        use(statement);
      } catch (thrown) {
        fail(thrown instanceof Error ? thrown : new Error(String(thrown)));
      }
    });
  }

  get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return this.submit<T | undefined>((end) => {
      this.raw.get(sql, params, (err: Error | null, row: T | undefined) => end(err, row));
    });
  }

  all<T>(sql: string, params: Params = []): Promise<T[]> {
    return this.submit<T[]>((end) => {
      const done = (err: Error | null, rows: T[]) => end(err, rows);
      if (!cacheableRead(sql)) this.raw.all(sql, params, done);
      else this.withPrepared(sql, end, (statement) => statement.all(params, done));
    });
  }

  exec(sql: string): Promise<void> {
    return this.submit<void>((end) => this.raw.exec(sql, (err) => end(err)));
  }

  close(): Promise<void> {
    return this.submit<void>((end) => {
      // SQLite will not close a connection with statements still prepared.
      const statements = [...this.prepared.values()];
      this.prepared.clear();
      let left = statements.length;
      const closeNow = () => this.raw.close((err) => end(err));
      if (left === 0) closeNow();
      for (const s of statements) s.finalize(() => { if (--left === 0) closeNow(); });
    });
  }
}

/** The SQLite result code of an error from the sqlite3 package (e.g. 'SQLITE_FULL'). */
export function sqliteCode(err: unknown): string | null {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' && err.code.startsWith('SQLITE_')) {
    return err.code;
  }
  return null;
}

/** The Reader's name before base/handles.ts, kept for code that still says it. */
export type Queryable = Reader;
