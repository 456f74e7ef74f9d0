// Operations set aside (issue #21 item 4): `quarantine` is what is still held; when an
// operation held back is applied later (its clock came right), or arrives again and is found
// already held, its row moves to quarantine_released (migration 020). `check` and the sync
// screen count what is still held, and show the history apart.
import type { z } from 'zod';
import type { syncHealth } from '../../../shared/api/sync';
import type { Operation } from '../oplog/operation';
import type { Reader, WriteTx } from '../base/handles';

export type HoldReason = string;

/** Sets an operation aside; the same identity held again keeps its first arrival. */
export async function holdBack(tx: WriteTx, op: Operation, reason: HoldReason, now: number): Promise<void> {
  await tx.run('INSERT OR IGNORE INTO quarantine (origin, seq, received_at, reason, operation) VALUES (?, ?, ?, ?, ?)',
    [String(op.origin).slice(0, 64), Number.isInteger(op.seq) ? op.seq : -1, now, reason, JSON.stringify(op).slice(0, 20_000)]);
}

/**
 * Of these identities, those held and now in the log with the same content are released. A
 * different operation under the same identity (a copied folder) stays held.
 */
export async function releaseHeld(tx: WriteTx, identities: readonly { origin: string; seq: number }[], now: number): Promise<number> {
  if (identities.length === 0) return 0;
  // The usual case, nothing held: one cheap look.
  if (!(await tx.get('SELECT 1 FROM quarantine LIMIT 1'))) return 0;
  const matching = `FROM json_each(?) j
      JOIN quarantine q ON q.origin = json_extract(j.value, '$[0]') AND q.seq = json_extract(j.value, '$[1]')
      JOIN operations o ON o.origin = q.origin AND o.seq = q.seq
     WHERE o.hlc = json_extract(q.operation, '$.hlc') AND o.value = json_extract(q.operation, '$.value')
       AND o.field = json_extract(q.operation, '$.field') AND o.row_id = json_extract(q.operation, '$.rowId')`;
  const batch = JSON.stringify(identities.map((i) => [i.origin, i.seq]));
  await tx.run(`INSERT OR REPLACE INTO quarantine_released (origin, seq, received_at, reason, released_at)
                SELECT q.origin, q.seq, q.received_at, q.reason, ? ${matching}`, [now, batch]);
  const released = await tx.all<{ origin: string; seq: number }>(`SELECT q.origin, q.seq ${matching}`, [batch]);
  for (const r of released) await tx.run('DELETE FROM quarantine WHERE origin = ? AND seq = ?', [r.origin, r.seq]);
  return released.length;
}

/** `held`: operations still set aside, never applied; `released`: once held and applied since (the history). */
export type QuarantineCounts = z.output<typeof syncHealth>['quarantine'];

export async function quarantineCounts(db: Reader): Promise<QuarantineCounts> {
  const byReason = async (table: 'quarantine' | 'quarantine_released') => Object.fromEntries(
    (await db.all<{ reason: string; n: number }>(`SELECT reason, count(*) AS n FROM ${table} GROUP BY reason ORDER BY reason`)).map((r) => [r.reason, r.n]));
  const heldByReason = await byReason('quarantine');
  const releasedByReason = await byReason('quarantine_released');
  const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
  return { held: sum(heldByReason), heldByReason, released: sum(releasedByReason), releasedByReason };
}
