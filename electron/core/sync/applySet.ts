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
import { identity, resolveField, type FieldWrite } from '../oplog/fieldWinner';
import type { Operation } from '../oplog/operation';

/** Below SQLite's limit of 32766 bound parameters a statement. */
const MAX_PARAMS = 32000;

type Write = FieldWrite & { row_id: string; field: string };

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

/** Per table, its NOT NULL columns: the schema is the app's own, so read once per process. */
const requiredColumns = new Map<string, ReadonlySet<string>>();

async function required(tx: WriteTx, table: string): Promise<ReadonlySet<string>> {
  let columns = requiredColumns.get(table);
  if (!columns) {
    const info = await tx.all<{ name: string; notnull: number }>(`SELECT name, "notnull" FROM pragma_table_info('${table}')`);
    columns = new Set(info.filter((c) => c.notnull === 1).map((c) => c.name));
    requiredColumns.set(table, columns);
  }
  return columns;
}

/**
 * Whether an operation of the batch would put NULL in a NOT NULL column. One by one, the table
 * refuses exactly that operation at the moment it would win, which only the path of one
 * statement per operation reproduces; such a batch (never one a Beacon wrote) takes that path.
 */
export async function mayWriteNull(tx: WriteTx, operations: readonly Operation[]): Promise<boolean> {
  for (const op of operations) {
    const spec: EntitySpec = ENTITIES[op.entity as EntityName];
    const notNull = await required(tx, spec.table);
    const value = JSON.parse(op.value) as FieldValue | Record<string, FieldValue>;
    if (op.field === CREATE_FIELD) {
      const values = value as Record<string, FieldValue>;
      if (Object.entries(spec.fields).some(([field, column]) => notNull.has(column) && (values[field] ?? null) === null)) return true;
    } else if (value === null && notNull.has(spec.fields[op.field] ?? '')) return true;
  }
  return false;
}

/** Operations stored by one statement: a size SQLite parses in a few milliseconds. */
const STORE_CHUNK = 5000;
const STORE_SQL = `INSERT INTO operations (${OPERATION_COLUMNS.join(', ')})
  SELECT ${OPERATION_COLUMNS.map((_, i) => `value ->> ${i}`).join(', ')} FROM json_each(?)`;

/**
 * Stores operations (validated, none held already) in `operations`. Passed as one JSON text
 * per chunk, read by json_each, rather than nine bound values a row: the sqlite3 package
 * converts each bound value on the main thread, which was most of the JS time of storing a
 * catch-up, and the short statement stays prepared across batches.
 */
export async function storeOperations(tx: WriteTx, operations: readonly Operation[]): Promise<void> {
  for (let start = 0; start < operations.length; start += STORE_CHUNK) {
    const rows = operations.slice(start, start + STORE_CHUNK).map((op) => [op.origin, op.seq, op.hlc, op.entity, op.rowId, op.field, op.value, op.operator, op.prev ?? null]);
    await tx.run(STORE_SQL, [JSON.stringify(rows)]);
  }
}

/** Stores validated operations none of which is held already, and applies them to their tables. */
export async function applySet(tx: WriteTx, operations: readonly Operation[]): Promise<void> {
  // The writes held before this batch, read before it is stored: the batch's own are in hand,
  // and a row the batch creates (most of a catch-up) then costs one probe of the index. Only
  // the writes that can decide what the batch settles: every field of a row it creates, the
  // fields it changes (and the row's create) of any other.
  const whole = new Set(operations.filter((op) => op.field === CREATE_FIELD).map((op) => op.rowId));
  const pairs = new Set<string>();
  for (const op of operations) {
    if (whole.has(op.rowId)) continue;
    pairs.add(JSON.stringify([op.rowId, op.field]));
    pairs.add(JSON.stringify([op.rowId, CREATE_FIELD]));
  }
  const prior = groupBy([
    ...await tx.all<Write>(
      'SELECT origin, seq, hlc, prev, row_id, field FROM operations WHERE row_id IN (SELECT value FROM json_each(?))', [JSON.stringify([...whole])]),
    // CROSS JOIN: SQLite takes the pairs as the outer loop, each one probe of operations_row_field.
    ...await tx.all<Write>(
      `SELECT o.origin, o.seq, o.hlc, o.prev, o.row_id, o.field FROM json_each(?) j
         CROSS JOIN operations o ON o.row_id = json_extract(j.value, '$[0]') AND o.field = json_extract(j.value, '$[1]')`,
      [`[${[...pairs].join(',')}]`]),
  ], (w) => w.row_id);
  await storeOperations(tx, operations);
  for (const [entity, ops] of groupBy(operations, (op) => op.entity)) await applyToTable(tx, ENTITIES[entity as EntityName], ops, prior);
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

/** `prior`: by row, the writes held before the batch, without their values (only winners' values are read). */
async function applyToTable(tx: WriteTx, spec: EntitySpec, ops: readonly Operation[], prior: ReadonlyMap<string, Write[]>): Promise<void> {
  const opsByRow = groupBy(ops, (op) => op.rowId);
  const rowIds = JSON.stringify([...opsByRow.keys()]);
  const present = new Set((await tx.all<{ id: string }>(
    `SELECT id FROM ${spec.table} WHERE id IN (SELECT value FROM json_each(?))`, [rowIds])).map((r) => r.id));
  // Every write of these rows: those held before, and the batch's own.
  const asWrite = (op: Operation): Write => ({ origin: op.origin, seq: op.seq, hlc: op.hlc, prev: op.prev ?? null, row_id: op.rowId, field: op.field });
  const writesByRow = new Map([...opsByRow].map(([rowId, rowOps]) => [rowId, [...(prior.get(rowId) ?? []), ...rowOps.map(asWrite)]]));
  const arriving = new Set(ops.map(identity));
  const batchValue = new Map(ops.map((op) => [identity(op), op.value]));
  const allFields = Object.keys(spec.fields);
  // Rows to change, grouped by which columns change: one UPDATE per group.
  const changes = new Map<string, { columns: string[]; rows: FieldValue[][] }>();

  // Each field's winner, by row, decided first; then the values of the winners the batch does
  // not carry read in one statement; then each row's changes.
  const decided: { rowId: string; field: string; winner: Write }[] = [];

  for (const [rowId, rowOps] of opsByRow) {
    const writes = writesByRow.get(rowId) ?? [];
    const ofField = (field: string) => writes.filter((w) => w.field === field || w.field === CREATE_FIELD);
    const create = rowOps.find((op) => op.field === CREATE_FIELD);
    let fields: readonly string[];
    let before: (field: string) => string | null;
    if (present.has(rowId)) {
      fields = create ? allFields : [...new Set(rowOps.map((op) => op.field))];
      const winnerBefore = (field: string) => resolveField(ofField(field).filter((w) => !arriving.has(identity(w)))).winner;
      before = (field) => {
        const w = winnerBefore(field);
        return w ? identity(w) : null;
      };
    } else if (create) {
      // The row as its first create in the batch writes it; later writes then settle each field.
      const { columns, params } = columnsFor(spec, JSON.parse(create.value) as Record<string, FieldValue>, allFields);
      tx.insert(spec.table, ['id', ...columns], [rowId, ...params]);
      fields = allFields;
      before = () => identity(create);
    } else if (spec.implicit) {
      tx.insert(spec.table, ['id'], [rowId], 'INSERT OR IGNORE');
      fields = [...new Set(rowOps.map((op) => op.field))];
      before = () => null;
    } else continue; // changes that came before their row: kept in the log, applied when its create arrives

    for (const field of fields) {
      const mine = ofField(field);
      // A field only its create wrote (most fields of a new row): nothing to settle.
      if (mine.length === 1 && create && identity(mine[0]!) === identity(create)) continue;
      const after = resolveField(mine).winner;
      if (!after || identity(after) === before(field)) continue;
      decided.push({ rowId, field, winner: after });
    }
  }

  const stored = new Map<string, string>();
  const missing = decided.filter((d) => !batchValue.has(identity(d.winner))).map((d) => [d.winner.origin, d.winner.seq]);
  if (missing.length > 0) {
    for (const row of await tx.all<{ origin: string; seq: number; value: string }>(
      `SELECT o.origin, o.seq, o.value FROM json_each(?) j
         JOIN operations o ON o.origin = json_extract(j.value, '$[0]') AND o.seq = json_extract(j.value, '$[1]')`,
      [JSON.stringify(missing)])) stored.set(identity(row), row.value);
  }
  // A create's values are read for each of its fields: parsed once.
  const values = new Map<string, FieldValue | Record<string, FieldValue>>();
  const parsed = (w: Write) => {
    const id = identity(w);
    let v = values.get(id);
    if (v === undefined) values.set(id, v = JSON.parse(batchValue.get(id) ?? stored.get(id)!) as FieldValue | Record<string, FieldValue>);
    return v;
  };
  const setByRow = new Map<string, Record<string, FieldValue>>();
  for (const { rowId, field, winner } of decided) {
    const value = parsed(winner);
    let set = setByRow.get(rowId);
    if (!set) setByRow.set(rowId, set = {});
    set[field] = winner.field === CREATE_FIELD ? ((value as Record<string, FieldValue>)[field] ?? null) : (value as FieldValue);
  }
  for (const [rowId, set] of setByRow) {
    const { columns, params } = columnsFor(spec, set, Object.keys(set));
    const shape = columns.join(',');
    const group = changes.get(shape);
    if (group) group.rows.push([rowId, ...params]);
    else changes.set(shape, { columns, rows: [[rowId, ...params]] });
  }

  for (const { columns, rows } of changes.values()) {
    // Values bound as parameters, as the tables' other writes bind them (not re-read from JSON).
    const perStatement = Math.max(1, Math.floor(MAX_PARAMS / (columns.length + 1)));
    const tuple = `(${new Array<string>(columns.length + 1).fill('?').join(', ')})`;
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      await tx.run(
        `UPDATE ${spec.table} AS t SET ${columns.map((c, i) => `${c} = s.column${i + 2}`).join(', ')}
           FROM (VALUES ${new Array<string>(chunk.length).fill(tuple).join(', ')}) AS s WHERE t.id = s.column1`,
        chunk.flat());
    }
  }
  await tx.flush();
}
