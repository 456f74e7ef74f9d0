// A batch of synced operations applied as a set (issue #21 item 5): per table, one read of
// every write of the rows the batch touches, each touched field's winner decided once by the
// one rule (fieldWinner.ts), then new rows written with one INSERT and changed rows with one
// UPDATE per set of changed columns. Applying operations one at a time did a lookup, a read
// and an UPDATE per operation, and fired the tables' triggers once per operation.
//
// The result is what applying the same operations one by one gives: a row's field holds the
// value of its winning write, so a field only changes where the batch changed its winner.
import { ENTITIES, type EntityName, type EntitySpec, type FieldValue } from '../oplog/entities';
import { CREATE_FIELD, OPERATION_COLUMNS } from '../oplog/opLog';
import type { WriteTx } from '../base/handles';
import { jsonRows, keepsEveryText, type JsonRows } from '../db/jsonRows';
import { identity, resolveField, type FieldWrite } from '../oplog/fieldWinner';
import type { Operation } from '../oplog/operation';
import { screenedValue } from './screening';

/** Below SQLite's limit of 32766 bound parameters a statement. */
const MAX_PARAMS = 32000;

/** A write of a field; `op`: the batch's own operation, for a write the batch carries. */
type Write = FieldWrite & { row_id: string; field: string; op?: Operation };

/** The columns (derived ones too) and values for these fields of a row. */
export function columnsFor(spec: EntitySpec, values: Readonly<Record<string, FieldValue>>, fields: readonly string[]) {
  const columns: string[] = [];
  const params: FieldValue[] = [];
  for (const field of fields) {
    const column = spec.fields[field];
    if (!column) continue;
    const value = values[field] ?? null;
    columns.push(column);
    params.push(value);
    const derive = spec.derived?.[field];
    if (derive) for (const [c, v] of Object.entries(derive(value))) { columns.push(c); params.push(v); }
  }
  return { columns, params };
}

/** The fields whose columns are NOT NULL. */
async function required(tx: WriteTx, spec: EntitySpec): Promise<readonly string[]> {
  const columns = await tx.columnsOf(spec.table);
  return Object.entries(spec.fields).filter(([, column]) => columns.get(column)?.notNull === true).map(([field]) => field);
}

/**
 * Whether an operation of the batch would put NULL in a NOT NULL column. One by one, the table
 * refuses exactly that operation at the moment it would win, which only the path of one
 * statement per operation reproduces; such a batch (never one a Beacon wrote) takes that path.
 */
export async function mayWriteNull(tx: WriteTx, operations: readonly Operation[]): Promise<boolean> {
  // Each table's required fields looked up once, not awaited per operation.
  const requiredOf = new Map<string, readonly string[]>();
  for (const entity of new Set(operations.map((op) => op.entity))) requiredOf.set(entity, await required(tx, ENTITIES[entity as EntityName]));
  for (const op of operations) {
    const fields = requiredOf.get(op.entity)!;
    const value = screenedValue(op) as FieldValue | Record<string, FieldValue>;
    if (op.field === CREATE_FIELD) {
      const values = value as Record<string, FieldValue>;
      for (const field of fields) if ((values[field] ?? null) === null) return true;
    } else if (value === null && fields.includes(op.field)) return true;
  }
  return false;
}

/** An operation as a row of `operations`, in OPERATION_COLUMNS' order. */
const rowOf = (op: Operation) => [op.origin, op.seq, op.hlc, op.entity, op.rowId, op.field, op.value, op.operator, op.prev ?? null];

const STORE_SQL = `INSERT INTO operations (${OPERATION_COLUMNS.join(', ')})
  SELECT ${OPERATION_COLUMNS.map((_, i) => `value ->> ${i}`).join(', ')} FROM jsonb_each(?)`;

/**
 * Stores operations (validated, none held already) in `operations`. A batch goes as one JSON
 * text of rows (arrays: shorter than the objects, and SQLite reads a column by position
 * faster than by key); every column is typed, so a number reads back as bound. One with a text
 * JSON would change (keepsEveryText) goes as the transaction's bound INSERTs.
 */
export function storeOperations(tx: WriteTx, operations: readonly Operation[]): Promise<void> {
  const rows = operations.map(rowOf);
  const text = JSON.stringify(rows);
  if (operations.length > 0 && keepsEveryText(text)) return tx.run(STORE_SQL, [text]).then(() => undefined);
  for (const row of rows) tx.insert('operations', OPERATION_COLUMNS, row);
  return tx.flush();
}

/** Stores validated operations none of which is held already, and applies them to their tables. */
export async function applySet(tx: WriteTx, operations: readonly Operation[]): Promise<void> {
  const byEntity = [...groupBy(operations, (op) => op.entity)].map(([entity, ops]) => ({ spec: ENTITIES[entity as EntityName] as EntitySpec, ops }));
  await tx.flush(); // rows queued before this batch go first
  // SQLite runs one statement after another on its own thread, while this one works: so every
  // statement is sent as soon as what it needs is known, and the work here waits for answers
  // only where it needs them. In SQLite's order: the reads the decisions need (the writes held
  // before this batch, which of its rows each table has), the batch stored, its new rows,
  // then the changed fields. Meanwhile this thread reads the answers, decides each field's
  // winner and prepares the changes: a catch-up's two largest costs side by side, not in turn.
  // A transaction runs statements in the order they are asked for (db/transaction.ts): the
  // reads, asked for first, hold only writes from before this batch.
  const reading = priorWrites(tx, operations);
  // Which rows are here already: for most tables, what the read of writes says (heldCreates).
  const presence = byEntity.map(({ spec, ops }) => (spec.implicit ? presentRows(tx, spec, ops) : null));
  const storing = storeOperations(tx, operations);
  const sent: Promise<unknown>[] = [reading, ...presence.filter((p) => p !== null), storing];
  for (const p of sent) p.catch(() => undefined); // all awaited below, whatever the decisions do
  let changes: Statement[] = [];
  try {
    const prior = await reading;
    const plans: TablePlan[] = [];
    for (const [i, { spec, ops }] of byEntity.entries()) plans.push(decide(tx, spec, ops, prior, (await presence[i]) ?? heldCreates(ops, prior)));
    // New rows go now (they follow the store in SQLite's order), changes are prepared meanwhile.
    const inserting = tx.flush();
    inserting.catch(() => undefined);
    sent.push(inserting);
    for (const plan of plans) changes = changes.concat(await updatesOf(tx, plan));
  } finally {
    await Promise.allSettled(sent);
  }
  await Promise.all(sent); // the first refusal, if SQLite refused any of them
  for (const { sql, params } of changes) await tx.run(sql, params);
}

/**
 * The writes held before the batch that can decide what it settles, by row (without their
 * values: only winners' values are read): every field of a row it creates, the fields it
 * changes (and the row's create) of any other.
 */
async function priorWrites(tx: WriteTx, operations: readonly Operation[]): Promise<Map<string, Write[]>> {
  const whole = new Set<string>();
  for (const op of operations) if (op.field === CREATE_FIELD) whole.add(op.rowId);
  // By row, the fields whose writes decide (its create's among them).
  const fieldsOf = new Map<string, Set<string>>();
  for (const op of operations) {
    if (whole.has(op.rowId)) continue;
    const fields = fieldsOf.get(op.rowId);
    if (fields) fields.add(op.field);
    else fieldsOf.set(op.rowId, new Set([CREATE_FIELD, op.field]));
  }
  // Each answer as one JSON text: the sqlite3 package builds a JS object per row, a property at
  // a time, on the main thread; one JSON.parse of tens of thousands of rows costs a fraction of that.
  const prior = new Map<string, Write[]>();
  const add = (json: string | undefined) => {
    for (const [origin, seq, hlc, prev, row_id, field] of JSON.parse(json ?? '[]') as [string, number, string, string | null, string, string][]) {
      const w: Write = { origin, seq, hlc, prev, row_id, field, id: `${origin}:${seq}` };
      const list = prior.get(row_id);
      if (list) list.push(w);
      else prior.set(row_id, [w]);
    }
  };
  const WRITE = 'json_group_array(json_array(o.origin, o.seq, o.hlc, o.prev, o.row_id, o.field)) AS rows';
  // Both sent before either answer is read.
  const answers = [
    whole.size === 0 ? null : tx.get<{ rows: string }>(
      `SELECT ${WRITE} FROM operations o WHERE o.row_id IN (SELECT value FROM json_each(?))`, [JSON.stringify([...whole])]),
    // `[["row id", "field", …], …]`; CROSS JOIN: SQLite takes rows, then their fields, as the
    // outer loops, each pair one probe of operations_row_field.
    fieldsOf.size === 0 ? null : tx.get<{ rows: string }>(
      `SELECT ${WRITE} FROM jsonb_each(?) r CROSS JOIN jsonb_each(r.value) f
         CROSS JOIN operations o ON o.row_id = r.value ->> 0 AND o.field = f.value WHERE f.key > 0`,
      [JSON.stringify(Array.from(fieldsOf, ([rowId, fields]) => [rowId, ...fields]))]),
  ];
  for (const answer of answers) answer?.catch(() => undefined); // each awaited below
  for (const answer of answers) if (answer) add((await answer)?.rows);
  return prior;
}

/**
 * The batch's rows whose create the log holds: a row of a table whose rows are created by an
 * operation is here exactly then, since rows are written only with their operations, in one
 * transaction, and never deleted. The read of prior writes holds every row's creates, so no
 * lookup of the table is needed (it was 10 % of a catch-up's SQLite time). A row there without
 * its create (never written by Beacon) would make a create's INSERT fail, and the batch then
 * goes one at a time, which looks; an edit of it waits for its create, as for a row not here.
 */
function heldCreates(ops: readonly Operation[], prior: ReadonlyMap<string, Write[]>): ReadonlySet<string> {
  const held = new Set<string>();
  for (const op of ops) if (prior.get(op.rowId)?.some((w) => w.field === CREATE_FIELD)) held.add(op.rowId);
  return held;
}

/** Rows of a table whose rows exist by their id alone (implicit): looked up. */
async function presentRows(tx: WriteTx, spec: EntitySpec, ops: readonly Operation[]): Promise<ReadonlySet<string>> {
  const rowIds = new Set<string>();
  for (const op of ops) rowIds.add(op.rowId);
  const found = await tx.get<{ ids: string }>(`SELECT json_group_array(id) AS ids FROM ${spec.table} WHERE id IN (SELECT value FROM json_each(?))`, [JSON.stringify([...rowIds])]);
  return new Set(JSON.parse(found?.ids ?? '[]') as string[]);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** What a batch does to one table: its new rows are queued on the transaction already (decide). */
interface TablePlan {
  spec: EntitySpec;
  /** Each field whose winner the batch changed, and that winner. */
  decided: { rowId: string; field: string; winner: Write }[];
}

const asWrite = (op: Operation): Write => ({ origin: op.origin, seq: op.seq, hlc: op.hlc, prev: op.prev ?? null, row_id: op.rowId, field: op.field, id: identity(op), op });

function sortWrite(w: Write, creates: Write[], byField: Map<string, Write[]>): void {
  if (w.field === CREATE_FIELD) creates.push(w);
  else {
    const list = byField.get(w.field);
    if (list) list.push(w);
    else byField.set(w.field, [w]);
  }
}

/** The writes of one field: the row's creates, then the field's own writes. */
function writesOf(creates: readonly Write[], byField: ReadonlyMap<string, Write[]>, field: string): Write[] {
  const own = byField.get(field);
  return own ? [...creates, ...own] : creates.slice();
}

/**
 * Each field's winner, by row, decided in memory from the writes held before the batch
 * (`prior`) and the batch's own; new rows are queued as INSERTs with their first create's values.
 */
function decide(tx: WriteTx, spec: EntitySpec, ops: readonly Operation[], prior: ReadonlyMap<string, Write[]>, present: ReadonlySet<string>): TablePlan {
  const allFields = Object.keys(spec.fields);
  // By row, the batch's operations and their writes (each identity worked out once).
  const rows = new Map<string, { rowId: string; ops: Operation[]; writes: Write[] }>();
  for (const op of ops) {
    const row = rows.get(op.rowId);
    if (row) {
      row.ops.push(op);
      row.writes.push(asWrite(op));
    } else rows.set(op.rowId, { rowId: op.rowId, ops: [op], writes: [asWrite(op)] });
  }
  const decided: TablePlan['decided'] = [];
  // By value, not entry: a Map's entries are an array each (a catch-up has tens of thousands of rows).
  for (const { rowId, ops: rowOps, writes: rowWrites } of rows.values()) {
    // The row's writes, creates apart and the others by field.
    const creates: Write[] = [];
    const byField = new Map<string, Write[]>();
    for (const w of prior.get(rowId) ?? []) sortWrite(w, creates, byField);
    for (const w of rowWrites) sortWrite(w, creates, byField);
    let create: Operation | undefined;
    for (const op of rowOps) if (op.field === CREATE_FIELD) { create = op; break; }
    const createId = create ? identity(create) : null;

    let fields: readonly string[];
    // The field's winner before the batch (null: none, or the row did not exist).
    let before: ((writes: readonly Write[], after: Write) => string | null) | null = null;
    if (present.has(rowId)) {
      fields = create ? allFields : [...new Set(rowOps.map((op) => op.field))];
      before = winnerBefore;
    } else if (create) {
      // The row as its first create in the batch writes it; later writes then settle each field.
      const { columns, params } = columnsFor(spec, screenedValue(create) as Record<string, FieldValue>, allFields);
      tx.insert(spec.table, ['id', ...columns], [rowId, ...params]);
      // A field only its create wrote (most fields of a new row): nothing to settle.
      fields = creates.length === 1 ? allFields.filter((f) => byField.has(f)) : allFields;
      before = () => createId;
    } else if (spec.implicit) {
      tx.insert(spec.table, ['id'], [rowId], 'INSERT OR IGNORE');
      fields = [...new Set(rowOps.map((op) => op.field))];
    } else continue; // changes that came before their row: kept in the log, applied when its create arrives

    for (const field of fields) {
      const mine = writesOf(creates, byField, field);
      // A field only the arriving create wrote: nothing to settle.
      if (mine.length === 1 && identity(mine[0]!) === createId) continue;
      const after = resolveField(mine).winner;
      if (!after) continue;
      if (before !== null && identity(after) === before(mine, after)) continue;
      decided.push({ rowId, field, winner: after });
    }
  }
  return { spec, decided };
}

/**
 * The field's winner among the writes held before the batch (those it does not carry). A winner
 * the batch carries cannot be it, which spares most edits the second decision.
 */
function winnerBefore(writes: readonly Write[], after: Write): string | null {
  if (after.op) return null;
  const winner = resolveField(writes.filter((w) => !w.op)).winner;
  return winner ? identity(winner) : null;
}

/** A statement to run, once the batch's rows are written. */
interface Statement {
  sql: string;
  params: FieldValue[];
}

/**
 * A table's decided winners as UPDATEs, one per set of changed columns (per chunk of rows).
 * Winners the batch does not carry have their values read in one statement.
 */
async function updatesOf(tx: WriteTx, { spec, decided }: TablePlan): Promise<Statement[]> {
  const stored = new Map<string, string>();
  const missing = decided.filter((d) => !d.winner.op).map((d) => [d.winner.origin, d.winner.seq]);
  if (missing.length > 0) {
    for (const row of await tx.all<{ origin: string; seq: number; value: string }>(
      `SELECT o.origin, o.seq, o.value FROM json_each(?) j
         JOIN operations o ON o.origin = json_extract(j.value, '$[0]') AND o.seq = json_extract(j.value, '$[1]')`,
      [JSON.stringify(missing)])) stored.set(identity(row), row.value);
  }
  // A create's values are read for each of its fields: parsed once (a write is the same object in each).
  const values = new Map<Write, FieldValue | Record<string, FieldValue>>();
  const setByRow = new Map<string, Record<string, FieldValue>>();
  for (const { rowId, field, winner } of decided) {
    let value = values.get(winner);
    if (value === undefined) {
      const op = winner.op;
      values.set(winner, value = (op ? screenedValue(op) : JSON.parse(stored.get(identity(winner))!)) as FieldValue | Record<string, FieldValue>);
    }
    let set = setByRow.get(rowId);
    if (!set) setByRow.set(rowId, set = {});
    set[field] = winner.field === CREATE_FIELD ? ((value as Record<string, FieldValue>)[field] ?? null) : (value as FieldValue);
  }
  // Rows to change, grouped by which columns change: one UPDATE per group.
  const changes = new Map<string, { columns: string[]; rows: FieldValue[][] }>();
  for (const rowId of setByRow.keys()) {
    const set = setByRow.get(rowId)!;
    const { columns, params } = columnsFor(spec, set, Object.keys(set));
    const shape = columns.join(',');
    const group = changes.get(shape);
    if (group) group.rows.push([rowId, ...params]);
    else changes.set(shape, { columns, rows: [[rowId, ...params]] });
  }
  const statements: Statement[] = [];
  const info = await tx.columnsOf(spec.table); // read before the batch was stored (mayWriteNull)
  for (const { columns, rows } of changes.values()) {
    // As one JSON text a statement where the values survive it exactly (updateChunks).
    const numeric = [false, ...columns.map((c) => info.get(c)?.numeric === true)];
    for (const chunk of updateChunks(rows, columns.length + 1, numeric)) {
      if (!Array.isArray(chunk)) {
        statements.push({
          sql: `UPDATE ${spec.table} AS t SET ${columns.map((c, i) => `${c} = ${chunk.columns[i + 1]}`).join(', ')}
             FROM jsonb_each(?) AS s WHERE t.id = ${chunk.columns[0]}`,
          params: [chunk.text],
        });
        continue;
      }
      const tuple = `(${new Array<string>(columns.length + 1).fill('?').join(', ')})`;
      statements.push({
        sql: `UPDATE ${spec.table} AS t SET ${columns.map((c, i) => `${c} = s.column${i + 2}`).join(', ')}
           FROM (VALUES ${new Array<string>(chunk.length).fill(tuple).join(', ')}) AS s WHERE t.id = s.column1`,
        params: chunk.flat(),
      });
    }
  }
  return statements;
}

/**
 * An UPDATE's rows in statements: as JSON texts of up to 10,000 rows (db/jsonRows.ts), or
 * bound, at most MAX_PARAMS values a statement, where JSON would not carry a value exactly.
 */
function updateChunks(rows: readonly FieldValue[][], width: number, numeric: readonly boolean[]): (JsonRows | FieldValue[][])[] {
  const out: (JsonRows | FieldValue[][])[] = [];
  for (let start = 0; start < rows.length; start += 10_000) {
    const slice = rows.slice(start, start + 10_000);
    const json = jsonRows(slice, 's.value', numeric);
    if (json !== null) {
      out.push(json);
      continue;
    }
    const perStatement = Math.max(1, Math.floor(MAX_PARAMS / width));
    for (let at = 0; at < slice.length; at += perStatement) out.push(slice.slice(at, at + perStatement));
  }
  return out;
}
