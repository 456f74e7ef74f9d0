// Applying operations from other consoles, hubs or bundles (docs/architecture.md, the sync
// model): in the caller's one transaction, store each operation once, apply it to its row
// only if its clock beats the field's newest, and move the version vector only across
// contiguous sequence numbers. Any two consoles that have applied the same operations, in
// any order and any batches, end with the same rows.
import { ENTITIES, type EntityName, type EntitySpec, type FieldValue } from '../oplog/entities';
import { decodeHlc, type HybridClock } from '../oplog/hlc';
import { identity, resolveField, type FieldWrite } from '../oplog/fieldWinner';
import type { Operation } from '../oplog/operation';
import type { ApplyResult, TrustRejection } from '../oplog/remoteWrites';
import { unauthorized } from './authorization';
import { screenedRejection, screenedUnsafe } from './screening';
import { holdBack, releaseHeld } from './quarantine';
import { noteReceivedClocks } from './clockSkew';
import type { WriteTx } from '../base/handles';
import { applySet, columnsFor, mayWriteNull, storeOperations } from './applySet';

/** How far ahead of this console's clock a remote clock may be before it is quarantined. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;
/**
 * For operations that merge by what their writer had seen (a create, or one naming what it
 * replaced: fieldWinner.ts), a clock ahead wins nothing it should not: they are applied, and
 * this console's clock follows them only up to MAX_CLOCK_AHEAD_MS. Only a clock beyond any
 * sense is refused. Older operations, which merge by clock alone, are still held back.
 */
export const MAX_SEEN_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

const mergesBySight = (op: Operation) => op.field === '*' || typeof op.prev === 'string';

/** A remote clock as this console's clock may follow it: never more than MAX_CLOCK_AHEAD_MS ahead of `now`. */
function capped(hlc: string, now: number) {
  const parts = decodeHlc(hlc)!;
  return parts.wall > now + MAX_CLOCK_AHEAD_MS ? { ...parts, wall: now + MAX_CLOCK_AHEAD_MS, counter: 0 } : parts;
}

/**
 * This console's clock follows every operation applied, each capped: as receiving each in
 * turn, since a clock keeps the latest (wall, counter) it has seen; so only the latest below
 * the cap and, if any is past it, the cap itself are received. An HLC's text sorts as its
 * (wall, counter) does (fixed-width wall and counter): no operation is decoded for it.
 */
function receiveAll(clock: HybridClock, operations: readonly Operation[], now: number): void {
  const limit = now + MAX_CLOCK_AHEAD_MS;
  const limitText = String(limit).padStart(15, '0');
  let latest: string | null = null;
  let past = false;
  for (const op of operations) {
    if (op.hlc.slice(0, 15) > limitText) past = true;
    else if (latest === null || op.hlc.slice(0, 20) > latest.slice(0, 20)) latest = op.hlc;
  }
  if (latest !== null) clock.receive(decodeHlc(latest)!);
  if (past) clock.receive({ wall: limit, counter: 0, origin: '' });
}

export type { ApplyResult, TrustRejection };

async function applyOne(tx: WriteTx, op: Operation): Promise<void> {
  const spec: EntitySpec = ENTITIES[op.entity as EntityName];
  const here = (await tx.get(`SELECT 1 FROM ${spec.table} WHERE id = ?`, [op.rowId])) !== undefined;
  if (op.field !== '*') {
    if (!here) {
      if (!spec.implicit) return; // kept in the log; applied when the row's create arrives
      await tx.run(`INSERT INTO ${spec.table} (id) VALUES (?)`, [op.rowId]);
    }
    await settle(tx, spec, op, [op.field], false);
    return;
  }
  if (!here) {
    const values = JSON.parse(op.value) as Record<string, FieldValue>;
    const { columns, params } = columnsFor(spec, values, Object.keys(spec.fields));
    await tx.run(`INSERT INTO ${spec.table} (id, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`, [op.rowId, ...params]);
  }
  // Changes that arrived before the row itself, or a create for a row held already (the same
  // row sent twice under two identities, or a replay): each field as its writes decide.
  await settle(tx, spec, op, Object.keys(spec.fields), !here);
}

/**
 * Sets each of these fields of the operation's row to its winning write (fieldWinner.ts),
 * where the operation's arrival changed the winner. `inserted`: the row was just written
 * with this create's values, which are therefore what the fields hold now.
 */
async function settle(tx: WriteTx, spec: EntitySpec, op: Operation, fields: readonly string[], inserted: boolean): Promise<void> {
  const writes = await tx.all<FieldWrite & { field: string; value: string }>(
    'SELECT origin, seq, hlc, prev, field, value FROM operations WHERE row_id = ?', [op.rowId]);
  const arriving = identity(op);
  const set: Record<string, FieldValue> = {};
  for (const field of fields) {
    const mine = writes.filter((w) => w.field === field || w.field === '*');
    if (inserted && mine.length === 1) continue;
    const after = resolveField(mine).winner;
    if (!after) continue;
    const before = inserted ? arriving : resolveField(mine.filter((w) => identity(w) !== arriving)).winner;
    const beforeId = typeof before === 'string' ? before : before ? identity(before) : null;
    if (beforeId === identity(after)) continue;
    const value = JSON.parse(after.value) as FieldValue | Record<string, FieldValue>;
    set[field] = after.field === '*' ? ((value as Record<string, FieldValue>)[field] ?? null) : (value as FieldValue);
  }
  await update(tx, spec, op.rowId, set);
}

async function update(tx: WriteTx, spec: EntitySpec, rowId: string, values: Record<string, FieldValue>): Promise<void> {
  const { columns, params } = columnsFor(spec, values, Object.keys(values));
  if (columns.length === 0) return;
  await tx.run(`UPDATE ${spec.table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...params, rowId]);
}

export async function applyOperations(
  tx: WriteTx,
  local: { origin: string; clock: HybridClock },
  operations: readonly Operation[],
  now: number,
): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, known: 0, quarantined: [] };
  const quarantine = async (op: Operation, reason: ApplyResult['quarantined'][number]['reason']) => {
    await holdBack(tx, op, reason, now);
    result.quarantined.push({ origin: op.origin, seq: op.seq, reason });
  };

  // A sender (or this laptop) whose clock is off, for the header's warning.
  await noteReceivedClocks(tx, operations, now);
  // Which of the batch this console holds already: one lookup for the whole batch.
  const valid: Operation[] = [];
  for (const op of operations) {
    const rejection = screenedRejection(op, now + (mergesBySight(op) ? MAX_SEEN_AHEAD_MS : MAX_CLOCK_AHEAD_MS));
    if (rejection) await quarantine(op, rejection);
    else valid.push(op);
  }
  // By identity, what is held: a row of the log, or an operation met earlier in this batch.
  const held = new Map<string, { hlc: string; value: string; field: string; row_id: string } | Operation>();
  // Only an operation at or below the highest seq held of its origin can be held: one probe
  // per origin, and a catch-up (all of it above) looks nothing else up.
  const top = new Map<string, number>();
  for (const origin of new Set(valid.map((op) => op.origin))) {
    top.set(origin, (await tx.get<{ top: number | null }>('SELECT max(seq) AS top FROM operations WHERE origin = ?', [origin]))?.top ?? 0);
  }
  const mayBeHeld = valid.filter((op) => op.seq <= (top.get(op.origin) ?? 0));
  if (mayBeHeld.length > 0) {
    for (const row of await tx.all<{ origin: string; seq: number; hlc: string; value: string; field: string; row_id: string }>(
      `SELECT o.origin, o.seq, o.hlc, o.value, o.field, o.row_id FROM json_each(?) j
         JOIN operations o ON o.origin = json_extract(j.value, '$[0]') AND o.seq = json_extract(j.value, '$[1]')`,
      [JSON.stringify(mayBeHeld.map((op) => [op.origin, op.seq]))])) held.set(`${row.origin}/${row.seq}`, row);
  }
  let fresh: Operation[] = [];
  const knownOps: Operation[] = [];
  for (const op of valid) {
    const key = `${op.origin}/${op.seq}`;
    const known = held.get(key);
    if (known) {
      // The same identity with other content: a console restored from a backup or a cloned disk.
      const knownRow = 'rowId' in known ? known.rowId : known.row_id;
      if (known.hlc !== op.hlc || known.value !== op.value || known.field !== op.field || knownRow !== op.rowId) await quarantine(op, 'duplicateIdentity');
      else { result.known++; knownOps.push(op); }
      continue;
    }
    if (op.origin === local.origin) { await quarantine(op, 'ownOrigin'); continue; }
    // Later in the same batch, the same identity counts as held.
    held.set(key, op);
    // Signed is not enough: values pass the API's rules (syncedValues.ts), guarded changes need their author's role (authorization.ts).
    if (screenedUnsafe(op)) { await quarantine(op, 'unsafeValue'); continue; }
    fresh.push(op);
  }
  const refused = await unauthorized(tx, fresh);
  for (const op of refused) await quarantine(op, 'notAuthorized');
  if (refused.size > 0) fresh = fresh.filter((op) => !refused.has(op));

  // The usual case, a batch the tables accept, in few statements: every operation stored at
  // once, then applied together. Stored first is safe: an operation only wins over the others of
  // its field if its clock is newer, whichever was stored first. If any operation is refused
  // by a constraint, the batch is undone and taken one operation at a time.
  await tx.run('SAVEPOINT apply_batch');
  try {
    // As a set (applySet.ts); one operation at a time only for a batch that may meet a NOT NULL column.
    if (await mayWriteNull(tx, fresh)) {
      await storeOperations(tx, fresh);
      for (const op of fresh) await applyOne(tx, op);
    } else await applySet(tx, fresh);
    await tx.run('RELEASE apply_batch');
    receiveAll(local.clock, fresh, now);
    result.applied += fresh.length;
  } catch {
    await tx.run('ROLLBACK TO apply_batch');
    await tx.run('RELEASE apply_batch');
    await applyEach(tx, local, fresh, result, now, quarantine);
  }
  for (const [origin, seqs] of seqsByOrigin(fresh)) await advanceVector(tx, origin, seqs);
  // What was held back and is now in the log is no longer held (item 4 of issue #21).
  await releaseHeld(tx, [...fresh, ...knownOps], now);
  await tx.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('hlc', ?)", [local.clock.current()]);
  // Reported in the batch's own order, whichever pass set each one aside.
  if (result.quarantined.length < 2) return result;
  const position = new Map(operations.map((op, i) => [`${op.origin}/${op.seq}`, i]));
  result.quarantined.sort((x, y) => (position.get(`${x.origin}/${x.seq}`) ?? 0) - (position.get(`${y.origin}/${y.seq}`) ?? 0));
  return result;
}

/** One operation at a time, each in a savepoint: one the tables refuse is quarantined, the rest applied. */
async function applyEach(
  tx: WriteTx, local: { clock: HybridClock }, operations: readonly Operation[], result: ApplyResult, now: number,
  quarantine: (op: Operation, reason: 'constraint') => Promise<void>,
): Promise<void> {
  for (const op of operations) {
    await tx.run('SAVEPOINT apply_op');
    try {
      await tx.run('INSERT INTO operations (origin, seq, hlc, entity, row_id, field, value, operator, prev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [op.origin, op.seq, op.hlc, op.entity, op.rowId, op.field, op.value, op.operator, op.prev ?? null]);
      await applyOne(tx, op);
      await tx.run('RELEASE apply_op');
    } catch {
      // A value the tables cannot hold (a required field missing): undo this one, keep the rest.
      await tx.run('ROLLBACK TO apply_op');
      await tx.run('RELEASE apply_op');
      await quarantine(op, 'constraint');
      continue;
    }
    local.clock.receive(capped(op.hlc, now));
    result.applied++;
  }
}

/** By origin, the sequence numbers just stored, in order. */
function seqsByOrigin(operations: readonly Operation[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const op of operations) {
    const list = out.get(op.origin);
    if (list) list.push(op.seq);
    else out.set(op.origin, [op.seq]);
  }
  for (const list of out.values()) list.sort((x, y) => x - y);
  return out;
}

/**
 * Moves an origin's counter past every operation held without a gap. `stored`: this origin's
 * operations just stored, in order: a catch-up's run past the counter is known without reading it back.
 */
async function advanceVector(tx: WriteTx, origin: string, stored: readonly number[]): Promise<void> {
  let seq = (await tx.get<{ seq: number }>('SELECT seq FROM version_vector WHERE origin = ?', [origin]))?.seq ?? 0;
  for (const s of stored) {
    if (s === seq + 1) seq = s;
    else if (s > seq + 1) break;
  }
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
