// The database as the services are given it: two handles instead of the seven shapes passed
// before (Connection, Queryable, Pick<Connection, …>, Tx, …). A Reader queries: the store's
// reader, the writer connection, or a write transaction reading its own writes. A WriteTx
// changes rows, and only the one write transaction is one (db/transaction.ts), so a write
// cannot be made on a bare connection outside it. Branded by declared fields no plain object
// has: a stand-in with the right methods is taken for neither.
export type SqlValue = string | number | null;
export type SqlParams = readonly SqlValue[];

export interface Reader {
  /** The brand: declared by db/connection.ts and db/transaction.ts, never set at run time. */
  readonly readsDatabase: true;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
}

export type InsertVerb = 'INSERT' | 'INSERT OR IGNORE' | 'INSERT OR REPLACE';

export interface WriteTx extends Reader {
  /** The brand: declared by db/transaction.ts alone. */
  readonly writesInTransaction: true;
  run(sql: string, params?: SqlParams): Promise<{ changes: number }>;
  /** Queues a row for a buffered multi-row INSERT, written before the next statement. */
  insert(table: string, columns: readonly string[], values: SqlValue[], verb?: InsertVerb): void;
  flush(): Promise<void>;
  /** By name, `table`'s columns (db/jsonRows.ts), read once a transaction. */
  columnsOf(table: string): Promise<ReadonlyMap<string, ColumnInfo>>;
}

/** What a write needs to know of a column. */
export interface ColumnInfo {
  /** Its affinity is INTEGER, REAL or NUMERIC (db/jsonRows.ts numericAffinity). */
  numeric: boolean;
  notNull: boolean;
}
