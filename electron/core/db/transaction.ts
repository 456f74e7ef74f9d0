// A write transaction. Rows that are only inserted (operations, new incidents, calls,
// timeline entries) are buffered and flushed as multi-row INSERTs: one binding call costs
// ~28 µs here against ~2 µs a row in a multi-row statement, which is what lets a sync batch
// or a seed of 100k incidents finish in seconds. Any read or other statement flushes first,
// so code inside a transaction always sees its own writes.
import type { InsertVerb, SqlValue, WriteTx } from '../base/handles';
import type { Connection, Params } from './connection';

/** SQLite's default limit on bound parameters per statement is 32766. */
const MAX_PARAMS = 32000;

export type { InsertVerb };

interface PendingInsert {
  sql: string;
  width: number;
  rows: SqlValue[][];
}

export class Tx implements WriteTx {
  declare readonly readsDatabase: true;
  declare readonly writesInTransaction: true;
  private pending = new Map<string, PendingInsert>();

  constructor(private readonly conn: Connection) {}

  /**
   * Queue a row for a buffered INSERT. `verb` is `INSERT`, `INSERT OR IGNORE` or `INSERT OR REPLACE`.
   * Rows of the same table and column list are written together, in order.
   */
  insert(table: string, columns: readonly string[], values: SqlValue[], verb: InsertVerb = 'INSERT'): void {
    const key = `${verb}|${table}|${columns.join(',')}`;
    let batch = this.pending.get(key);
    if (!batch) {
      batch = { sql: `${verb} INTO ${table} (${columns.join(', ')}) VALUES `, width: columns.length, rows: [] };
      this.pending.set(key, batch);
    }
    batch.rows.push(values);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batches = [...this.pending.values()];
    this.pending = new Map();
    for (const batch of batches) {
      const perStatement = Math.max(1, Math.floor(MAX_PARAMS / batch.width));
      const tuple = `(${new Array<string>(batch.width).fill('?').join(', ')})`;
      for (let start = 0; start < batch.rows.length; start += perStatement) {
        const chunk = batch.rows.slice(start, start + perStatement);
        await this.conn.run(batch.sql + new Array<string>(chunk.length).fill(tuple).join(', '), chunk.flat());
      }
    }
  }

  async run(sql: string, params: Params = []): Promise<{ changes: number }> {
    await this.flush();
    return this.conn.run(sql, params);
  }

  async get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    await this.flush();
    return this.conn.get<T>(sql, params);
  }

  async all<T>(sql: string, params: Params = []): Promise<T[]> {
    await this.flush();
    return this.conn.all<T>(sql, params);
  }
}

/** Runs write transactions one after another on the writer connection. */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly conn: Connection) {}

  transaction<T>(work: (tx: Tx) => Promise<T>, hooks?: { onRollback?: () => void }): Promise<T> {
    const result = this.tail.then(async () => {
      const tx = new Tx(this.conn);
      // IMMEDIATE takes the write lock now, so a busy database fails here, before any work.
      await this.conn.run('BEGIN IMMEDIATE');
      try {
        const value = await work(tx);
        await tx.flush();
        await this.conn.run('COMMIT');
        return value;
      } catch (err) {
        hooks?.onRollback?.();
        try {
          await this.conn.run('ROLLBACK');
        } catch {
          // SQLite may already have rolled back (e.g. after SQLITE_FULL); nothing more to undo.
        }
        throw err;
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every queued transaction has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
