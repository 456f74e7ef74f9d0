// Every change is an operation (docs/architecture.md, the write path). `record` appends the operations
// to the log and applies them to the tables inside the caller's transaction, so the log
// and the tables can never disagree.
import { ENTITIES, type EntityName, type EntitySpec, type FieldOf, type FieldValue } from './entities';
import type { HybridClock } from './hlc';
import { identity, resolveField, type FieldWrite } from './fieldWinner';
import type { WriteTx } from '../base/handles';

/** The field name of an operation that creates a whole row. */
export const CREATE_FIELD = '*';

export type Values<E extends EntityName> = Partial<Record<FieldOf<E>, FieldValue>>;

export type Change =
  { [E in EntityName]: { entity: E; rowId: string; create: Values<E> } | { entity: E; rowId: string; set: Values<E> } }[EntityName];

export const OPERATION_COLUMNS = ['origin', 'seq', 'hlc', 'entity', 'row_id', 'field', 'value', 'operator', 'prev'] as const;

/** One encoding for values in the log: JSON with object keys sorted. */
export function canonicalJson(value: FieldValue | Readonly<Record<string, FieldValue>>): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(value[k] ?? null)}`).join(',')}}`;
}

export class OpLog {
  constructor(
    readonly origin: string,
    readonly clock: HybridClock,
    private lastSeq: number,
  ) {}

  get seq(): number {
    return this.lastSeq;
  }

  snapshot(): { seq: number; clock: { wall: number; counter: number } } {
    return { seq: this.lastSeq, clock: this.clock.snapshot() };
  }

  restore(state: { seq: number; clock: { wall: number; counter: number } }): void {
    this.lastSeq = state.seq;
    this.clock.restore(state.clock);
  }

  async record(tx: WriteTx, operatorId: string | null, changes: readonly Change[]): Promise<void> {
    for (const change of changes) {
      const spec: EntitySpec = ENTITIES[change.entity];
      if ('create' in change) {
        if (spec.implicit) throw new Error(`${change.entity} rows are never created, only their fields set`);
        const values = change.create as Record<string, FieldValue>;
        // A field missing from a create is null: leaving nulls out keeps the log a third smaller.
        const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));
        this.appendOperation(tx, operatorId, change.entity, change.rowId, CREATE_FIELD, canonicalJson(present));
        insertRow(tx, spec, change.rowId, values);
      } else {
        const values = await withGroups(tx, spec, change.rowId, change.set as Record<string, FieldValue>);
        const fields = Object.keys(values);
        const replaced = await replacedWrites(tx, change.rowId, fields);
        const groupClock = new Map<readonly string[], string>();
        for (const field of fields) {
          if (!spec.mutable.has(field)) throw new Error(`${change.entity}.${field} cannot change after creation`);
          // One clock for a group's fields, so each field's merge picks the same change.
          const group = spec.groups?.find((g) => g.includes(field));
          const hlc = group ? groupClock.get(group) : undefined;
          this.appendOperation(tx, operatorId, change.entity, change.rowId, field, canonicalJson(values[field] ?? null), hlc, replaced.get(field) ?? '');
          if (group && !hlc) groupClock.set(group, this.clock.current());
        }
        if (spec.implicit) await tx.run(`INSERT OR IGNORE INTO ${spec.table} (id) VALUES (?)`, [change.rowId]);
        await updateRow(tx, spec, change.rowId, values);
      }
    }
    // Buffered upserts: the last row of the transaction wins, one statement at flush.
    tx.insert('version_vector', ['origin', 'seq'], [this.origin, this.lastSeq], 'INSERT OR REPLACE');
    tx.insert('meta', ['key', 'value'], ['hlc', this.clock.current()], 'INSERT OR REPLACE');
  }

  private appendOperation(
    tx: WriteTx, operatorId: string | null, entity: string, rowId: string, field: string, value: string, sharedHlc?: string, prev: string | null = null,
  ): void {
    this.lastSeq += 1;
    const hlc = sharedHlc ?? this.clock.tick();
    tx.insert('operations', OPERATION_COLUMNS, [this.origin, this.lastSeq, hlc, entity, rowId, field, value, operatorId, prev]);
  }
}

/**
 * Per field, the writes this change replaces: those not replaced by any other this console
 * holds (one, or several after a conflict), as `prev` (fieldWinner.ts).
 */
async function replacedWrites(tx: WriteTx, rowId: string, fields: readonly string[]): Promise<Map<string, string>> {
  // As one JSON text: a field written for years (a team's status) has thousands of writes, and
  // the sqlite3 package would build a JS object per row, a property at a time (most of the time
  // of a change after 3,000 earlier ones).
  const answer = await tx.get<{ writes: string }>(
    `SELECT json_group_array(json_array(origin, seq, hlc, prev, field)) AS writes FROM operations
      WHERE row_id = ? AND field IN (${fields.map(() => '?').join(', ')}, '${CREATE_FIELD}')`,
    [rowId, ...fields]);
  const writes = (JSON.parse(answer?.writes ?? '[]') as [string, number, string, string | null, string][])
    .map(([origin, seq, hlc, prev, field]): FieldWrite & { field: string } => ({ origin, seq, hlc, prev, field }));
  return new Map(fields.map((f) => [f, resolveField(writes.filter((w) => w.field === f || w.field === CREATE_FIELD)).frontier
    .map(identity).sort().join(' ')]));
}

/** A change to a field of a group, completed with the group's other fields as the row has them. */
async function withGroups(tx: WriteTx, spec: EntitySpec, rowId: string, values: Record<string, FieldValue>): Promise<Record<string, FieldValue>> {
  const missing = (spec.groups ?? []).filter((g) => g.some((f) => Object.hasOwn(values, f))).flat().filter((f) => !Object.hasOwn(values, f));
  if (missing.length === 0) return values;
  const row = await tx.get<Record<string, FieldValue>>(
    `SELECT ${missing.map((f) => `${spec.fields[f]} AS "${f}"`).join(', ')} FROM ${spec.table} WHERE id = ?`, [rowId]);
  return { ...values, ...Object.fromEntries(missing.map((f) => [f, row?.[f] ?? null])) };
}

function columnsAndValues(spec: EntitySpec, values: Readonly<Record<string, FieldValue>>, onlyGiven: boolean) {
  const columns: string[] = [];
  const params: FieldValue[] = [];
  for (const [field, column] of Object.entries(spec.fields)) {
    if (onlyGiven && !Object.hasOwn(values, field)) continue;
    const value = values[field] ?? null;
    columns.push(column);
    params.push(value);
    const derive = spec.derived?.[field];
    if (derive) {
      for (const [derivedColumn, derivedValue] of Object.entries(derive(value))) {
        columns.push(derivedColumn);
        params.push(derivedValue);
      }
    }
  }
  return { columns, params };
}

function insertRow(tx: WriteTx, spec: EntitySpec, rowId: string, values: Readonly<Record<string, FieldValue>>): void {
  const { columns, params } = columnsAndValues(spec, values, false);
  tx.insert(spec.table, ['id', ...columns], [rowId, ...params]);
}

async function updateRow(tx: WriteTx, spec: EntitySpec, rowId: string, values: Readonly<Record<string, FieldValue>>): Promise<void> {
  const { columns, params } = columnsAndValues(spec, values, true);
  if (columns.length === 0) return;
  await tx.run(`UPDATE ${spec.table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...params, rowId]);
}
