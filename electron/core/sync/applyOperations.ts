// Applying operations from other consoles, hubs or bundles (ARCHITECTURE.md, the sync
// model): in the caller's one transaction, store each operation once, apply it to its row
// only if its clock beats the field's newest, and move the version vector only across
// contiguous sequence numbers. Any two consoles that have applied the same operations, in
// any order and any batches, end with the same rows.
import { ENTITIES, type EntityName, type EntitySpec, type FieldValue } from '../oplog/entities';
import { decodeHlc, type HybridClock } from '../oplog/hlc';
import type { Tx } from '../db/transaction';
import { rejectionOf, type Operation, type Rejection } from './operation';

/** How far ahead of this console's clock a remote clock may be before it is quarantined. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

export interface ApplyResult {
  applied: number;
  known: number;
  quarantined: { origin: string; seq: number; reason: Rejection | 'duplicateIdentity' | 'ownOrigin' | 'constraint' }[];
}

function columnsFor(spec: EntitySpec, values: Readonly<Record<string, FieldValue>>, fields: readonly string[]) {
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

/** The newest clock that has set this field of this row, not counting one operation. */
async function newestFor(tx: Tx, rowId: string, field: string, except: Operation): Promise<string | null> {
  const row = await tx.get<{ hlc: string | null }>(
    `SELECT max(hlc) AS hlc FROM operations WHERE row_id = ? AND field IN (?, '*') AND NOT (origin = ? AND seq = ?)`,
    [rowId, field, except.origin, except.seq],
  );
  return row?.hlc ?? null;
}

async function applyOne(tx: Tx, op: Operation): Promise<void> {
  const spec: EntitySpec = ENTITIES[op.entity as EntityName];
  const exists = (await tx.get(`SELECT 1 FROM ${spec.table} WHERE id = ?`, [op.rowId])) !== undefined;
  if (op.field === '*') {
    const values = JSON.parse(op.value) as Record<string, FieldValue>;
    if (!exists) {
      const { columns, params } = columnsFor(spec, values, Object.keys(spec.fields));
      await tx.run(`INSERT INTO ${spec.table} (id, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`, [op.rowId, ...params]);
      // Changes that arrived before the row itself: the newest of each, if newer than the create.
      const later = await tx.all<{ field: string; value: string; hlc: string }>(
        `SELECT field, value, max(hlc) AS hlc FROM operations WHERE row_id = ? AND field <> '*' GROUP BY field`, [op.rowId]);
      const overlay: Record<string, FieldValue> = {};
      for (const l of later) if (l.hlc > op.hlc) overlay[l.field] = JSON.parse(l.value) as FieldValue;
      await update(tx, spec, op.rowId, overlay);
      return;
    }
    // A create for a row we already have (the same row sent twice under two identities, or a
    // replay): each field takes it only where it is newer.
    const newer: Record<string, FieldValue> = {};
    for (const field of Object.keys(spec.fields)) {
      const newest = await newestFor(tx, op.rowId, field, op);
      if (newest === null || op.hlc > newest) newer[field] = values[field] ?? null;
    }
    await update(tx, spec, op.rowId, newer);
    return;
  }
  if (!exists) return; // kept in the log; applied when the row's create arrives
  const newest = await newestFor(tx, op.rowId, op.field, op);
  if (newest === null || op.hlc > newest) await update(tx, spec, op.rowId, { [op.field]: JSON.parse(op.value) as FieldValue });
}

async function update(tx: Tx, spec: EntitySpec, rowId: string, values: Record<string, FieldValue>): Promise<void> {
  const { columns, params } = columnsFor(spec, values, Object.keys(values));
  if (columns.length === 0) return;
  await tx.run(`UPDATE ${spec.table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...params, rowId]);
}

export async function applyOperations(
  tx: Tx,
  local: { origin: string; clock: HybridClock },
  operations: readonly Operation[],
  now: number,
): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, known: 0, quarantined: [] };
  const touched = new Set<string>();
  const quarantine = async (op: Operation, reason: ApplyResult['quarantined'][number]['reason']) => {
    await tx.run('INSERT OR IGNORE INTO quarantine (origin, seq, received_at, reason, operation) VALUES (?, ?, ?, ?, ?)',
      [String(op.origin).slice(0, 64), Number.isInteger(op.seq) ? op.seq : -1, now, reason, JSON.stringify(op).slice(0, 20_000)]);
    result.quarantined.push({ origin: op.origin, seq: op.seq, reason });
  };
  for (const op of operations) {
    const rejection = rejectionOf(op, now + MAX_CLOCK_AHEAD_MS);
    if (rejection) { await quarantine(op, rejection); continue; }
    const known = await tx.get<{ hlc: string; value: string; field: string; row_id: string }>(
      'SELECT hlc, value, field, row_id FROM operations WHERE origin = ? AND seq = ?', [op.origin, op.seq]);
    if (known) {
      // The same identity with other content: a console restored from a backup or a cloned disk.
      if (known.hlc !== op.hlc || known.value !== op.value || known.field !== op.field || known.row_id !== op.rowId) await quarantine(op, 'duplicateIdentity');
      else result.known++;
      continue;
    }
    if (op.origin === local.origin) { await quarantine(op, 'ownOrigin'); continue; }
    await tx.run('SAVEPOINT apply_op');
    try {
      await tx.run('INSERT INTO operations (origin, seq, hlc, entity, row_id, field, value, operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [op.origin, op.seq, op.hlc, op.entity, op.rowId, op.field, op.value, op.operator]);
      await applyOne(tx, op);
      await tx.run('RELEASE apply_op');
    } catch {
      // A value the tables cannot hold (a required field missing): undo this one, keep the rest.
      await tx.run('ROLLBACK TO apply_op');
      await tx.run('RELEASE apply_op');
      await quarantine(op, 'constraint');
      continue;
    }
    local.clock.receive(decodeHlc(op.hlc)!);
    touched.add(op.origin);
    result.applied++;
  }
  for (const origin of touched) await advanceVector(tx, origin);
  await tx.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('hlc', ?)", [local.clock.current()]);
  return result;
}

/** Moves an origin's counter past every operation held without a gap. */
async function advanceVector(tx: Tx, origin: string): Promise<void> {
  let seq = (await tx.get<{ seq: number }>('SELECT seq FROM version_vector WHERE origin = ?', [origin]))?.seq ?? 0;
  for (;;) {
    const next = await tx.all<{ seq: number }>('SELECT seq FROM operations WHERE origin = ? AND seq > ? ORDER BY seq LIMIT 500', [origin, seq]);
    let moved = false;
    for (const row of next) {
      if (row.seq !== seq + 1) break;
      seq = row.seq;
      moved = true;
    }
    if (!moved || next.length < 500 || next.at(-1)!.seq !== seq) break;
  }
  await tx.run('INSERT OR REPLACE INTO version_vector (origin, seq) VALUES (?, ?)', [origin, seq]);
}
