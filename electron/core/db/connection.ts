// A promise face over the sqlite3 package. The core keeps two connections: one writer
// (every write is serialised through it) and one reader (WAL lets it read the last
// committed state while a write is in progress).
import sqlite3 from 'sqlite3';

export type SqlValue = string | number | null;
export type Params = readonly SqlValue[];

export class Connection {
  /**
   * Statements of one connection run one after another anyway (SQLite's connection mutex).
   * Handed to the sqlite3 package all at once, as a Promise.all of a report does, each would
   * hold a libuv thread while it waits its turn; with four threads, a report could starve
   * the queues' own connection for seconds. So each connection submits one at a time.
   */
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(private readonly raw: sqlite3.Database) {}

  private next<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  static open(file: string, mode: 'readwrite' | 'readonly'): Promise<Connection> {
    const flags = mode === 'readonly' ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
    return new Promise((resolve, reject) => {
      const raw = new sqlite3.Database(file, flags, (err) => (err ? reject(err) : resolve(new Connection(raw))));
    });
  }

  run(sql: string, params: Params = []): Promise<{ changes: number }> {
    return this.next(() => new Promise((resolve, reject) => {
      this.raw.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ changes: this.changes });
      });
    }));
  }

  get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return this.next(() => new Promise((resolve, reject) => {
      this.raw.get(sql, params, (err: Error | null, row: T | undefined) => (err ? reject(err) : resolve(row)));
    }));
  }

  all<T>(sql: string, params: Params = []): Promise<T[]> {
    return this.next(() => new Promise((resolve, reject) => {
      this.raw.all(sql, params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
    }));
  }

  exec(sql: string): Promise<void> {
    return this.next(() => new Promise((resolve, reject) => this.raw.exec(sql, (err) => (err ? reject(err) : resolve()))));
  }

  close(): Promise<void> {
    return this.next(() => new Promise((resolve, reject) => this.raw.close((err) => (err ? reject(err) : resolve()))));
  }
}

/** The SQLite result code of an error from the sqlite3 package (e.g. 'SQLITE_FULL'). */
export function sqliteCode(err: unknown): string | null {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' && err.code.startsWith('SQLITE_')) {
    return err.code;
  }
  return null;
}
