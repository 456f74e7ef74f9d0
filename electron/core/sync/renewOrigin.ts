// A copied data folder (issue #21 item 3): two consoles writing under one origin give two
// different operations under each (origin, seq) past the copy. The console found to be the
// copy takes a new origin, as a restore does (db/restore.ts); its own operations past the
// point where the two parted are moved to the new origin, numbered from 1, so none is lost and
// none shares an identity with the other console's. Its counter for the old origin goes back
// to that point, so the other console's operations from there are fetched and merged.
import { randomBytes } from 'node:crypto';
import type { Renewal } from '../oplog/remoteWrites';
import type { Reader, WriteTx } from '../base/handles';

/** HLC text without its origin: 15 digits, '-', 4 counter digits, '-'. */
const HLC_PREFIX = 21;

export type { Renewal };

export async function renewOrigin(tx: WriteTx, previous: string, keepThrough: number, now: number): Promise<Renewal> {
  const origin = randomBytes(8).toString('hex');
  const { changes: moved } = await tx.run(
    `UPDATE operations SET origin = ?, seq = seq - ?, hlc = substr(hlc, 1, ${HLC_PREFIX}) || ? WHERE origin = ? AND seq > ?`,
    [origin, keepThrough, origin, previous, keepThrough]);
  // What the moved operations replaced, named by their old identities, now has their new ones.
  const naming = await tx.all<{ origin: string; seq: number; prev: string }>(
    "SELECT origin, seq, prev FROM operations WHERE prev LIKE '%' || ? || ':%'", [previous]);
  for (const op of naming) {
    const renamed = op.prev.split(' ').map((id) => {
      const [o, s] = id.split(':');
      return o === previous && Number(s) > keepThrough ? `${origin}:${Number(s) - keepThrough}` : id;
    }).join(' ');
    if (renamed !== op.prev) await tx.run('UPDATE operations SET prev = ? WHERE origin = ? AND seq = ?', [renamed, op.origin, op.seq]);
  }
  await tx.run('INSERT OR REPLACE INTO version_vector (origin, seq) VALUES (?, ?)', [previous, keepThrough]);
  if (moved > 0) await tx.run('INSERT OR REPLACE INTO version_vector (origin, seq) VALUES (?, ?)', [origin, moved]);
  for (const [key, value] of [['origin', origin], ['copied_from_origin', previous], ['copied_at', String(now)]] as const) {
    await tx.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }
  return { previous, origin, moved };
}

/** When this folder was found to be a copy, and of which origin (null: never). */
export async function copiedFolder(db: Reader): Promise<{ from: string; at: number } | null> {
  const from = (await db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'copied_from_origin'"))?.value;
  const at = (await db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'copied_at'"))?.value;
  return from && at ? { from, at: Number(at) } : null;
}
