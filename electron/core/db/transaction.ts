// A write transaction. Rows that are only inserted (operations, new incidents, calls,
// timeline entries) are buffered and flushed as multi-row INSERTs: one binding call costs
// ~28 µs here against ~2 µs a row in a multi-row statement, which is what lets a sync batch
// or a seed of 100k incidents finish in seconds. Any read or other statement flushes first,
// so code inside a transaction always sees its own writes.
import type { ColumnInfo, InsertVerb, SqlValue, WriteTx } from '../base/handles';
import type { Connection, Params } from './connection';
import { columnsOf, jsonRows, type JsonRows } from './jsonRows';

/** SQLite's default limit on bound parameters per statement is 32766. */
const MAX_PARAMS = 32000;
/** From this many rows of one INSERT, they go as JSON (flushAsJson); so many a statement. */
const AS_JSON_FROM = 64;
const AS_JSON_ROWS = 10_000;

interface PendingInsert {
  sql: string;
  table: string;
  columns: readonly string[];
  rows: SqlValue[][];
}

export class Tx implements WriteTx {
  declare readonly readsDatabase: true;
  declare readonly writesInTransaction: true;
  private pending = new Map<string, PendingInsert>();
  /** The flush under way, if any (flush). */
  private flushing: Promise<void> | null = null;
  /** By table, columnsOf: within one transaction no table changes its columns. */
  private readonly columns = new Map<string, Promise<ReadonlyMap<string, ColumnInfo>>>();

  constructor(private readonly conn: Connection) {}

  /**
   * Queue a row for a buffered INSERT. `verb` is `INSERT`, `INSERT OR IGNORE` or `INSERT OR REPLACE`.
   * Rows of the same table and column list are written together, in order.
   */
  insert(table: string, columns: readonly string[], values: SqlValue[], verb: InsertVerb = 'INSERT'): void {
    const key = `${verb}|${table}|${columns.join(',')}`;
    let batch = this.pending.get(key);
    if (!batch) {
      batch = { sql: `${verb} INTO ${table} (${columns.join(', ')}) VALUES `, table, columns: [...columns], rows: [] };
      this.pending.set(key, batch);
    }
    batch.rows.push(values);
  }

  /**
   * Hands every buffered row to SQLite. Statements asked for while a flush is under way wait
   * for it, and are then sent in the order they were asked for: a batch sends its reads and
   * writes without waiting for each (sync/applySet.ts), and each must see the rows before it.
   */
  flush(): Promise<void> {
    if (this.pending.size === 0) return this.flushing ?? Promise.resolve();
    const batches = [...this.pending.values()];
    this.pending = new Map();
    const write = () => this.write(batches);
    const done = this.flushing ? this.flushing.then(write) : write();
    this.flushing = done;
    const settled = () => {
      if (this.flushing === done) this.flushing = null;
    };
    done.then(settled, settled);
    return done;
  }

  /** A statement sent now, or once the rows buffered before it are (flush). */
  private afterFlush<T>(send: () => Promise<T>): Promise<T> {
    return this.pending.size === 0 && !this.flushing ? send() : this.flush().then(send);
  }

  private async write(batches: readonly PendingInsert[]): Promise<void> {
    for (const batch of batches) {
      if (batch.rows.length >= AS_JSON_FROM && (await this.flushAsJson(batch))) continue;
      const perStatement = Math.max(1, Math.floor(MAX_PARAMS / batch.columns.length));
      const tuple = `(${new Array<string>(batch.columns.length).fill('?').join(', ')})`;
      for (let start = 0; start < batch.rows.length; start += perStatement) {
        const chunk = batch.rows.slice(start, start + perStatement);
        await this.conn.run(batch.sql + new Array<string>(chunk.length).fill(tuple).join(', '), chunk.flat());
      }
    }
  }

  /**
   * Many rows as one JSON text per statement, read by jsonb_each: the sqlite3 package converts
   * each bound value on the main thread (a catch-up's new incidents are half a million), and the
   * short statement stays prepared. False, and nothing written, for values JSON would not carry
   * exactly (jsonRows.ts); those rows are bound as usual.
   */
  private async flushAsJson(batch: PendingInsert): Promise<boolean> {
    const info = await this.columnsOf(batch.table);
    const numeric = batch.columns.map((c) => info.get(c)?.numeric === true);
    const chunks: JsonRows[] = [];
    for (let start = 0; start < batch.rows.length; start += AS_JSON_ROWS) {
      const chunk = jsonRows(batch.rows.slice(start, start + AS_JSON_ROWS), 'value', numeric);
      if (chunk === null) return false;
      chunks.push(chunk);
    }
    const into = batch.sql.slice(0, -' VALUES '.length);
    for (const { text, columns } of chunks) await this.conn.run(`${into} SELECT ${columns.join(', ')} FROM jsonb_each(?)`, [text]);
    return true;
  }

  columnsOf(table: string): Promise<ReadonlyMap<string, ColumnInfo>> {
    let known = this.columns.get(table);
    if (!known) {
      known = columnsOf(this.conn, table);
      known.catch(() => this.columns.delete(table));
      this.columns.set(table, known);
    }
    return known;
  }

  run(sql: string, params: Params = []): Promise<{ changes: number }> {
    return this.afterFlush(() => this.conn.run(sql, params));
  }

  get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return this.afterFlush(() => this.conn.get<T>(sql, params));
  }

  all<T>(sql: string, params: Params = []): Promise<T[]> {
    return this.afterFlush(() => this.conn.all<T>(sql, params));
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
