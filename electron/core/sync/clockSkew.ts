// Whether this laptop's clock can be trusted (issue #21): its difference from the hub's clock,
// measured at each exchange, and how far ahead of it the operations it receives are stamped.
// The header warns when either is more than a minute.
import type pg from 'pg';
import type { z } from 'zod';
import type { syncHealth } from '../../../shared/api/sync';
import type { Store } from '../db/store';
import { screenedWall } from './screening';
import type { Operation } from '../oplog/operation';
import type { Reader, WriteTx } from '../base/handles';

export const CLOCK_WARN_MS = 60_000;
/** A note of operations stamped ahead is shown for this long after it was made. */
export const RECEIVED_NOTE_MS = 60 * 60_000;

/**
 * `hubOffsetMs`: the hub's clock minus this laptop's, at the last exchange (null: never
 * measured); `receivedAheadMs`: how far ahead of this laptop's clock the latest operations it
 * received were stamped.
 */
export type ClockHealth = z.output<typeof syncHealth>['clock'];

/** One round trip to the hub: its clock against the midpoint of ours around the question. */
export async function noteHubClock(store: Store, client: pg.Client, now: () => number): Promise<void> {
  const before = now();
  const row = (await client.query<{ ms: string }>('SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms')).rows[0];
  const after = now();
  if (!row) return;
  const offsetMs = Number(row.ms) - Math.round((before + after) / 2);
  await store.write(null, async ({ tx }) => {
    await tx.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_hub', ?)", [JSON.stringify({ offsetMs, at: after })]);
  });
}

/** In the applying transaction: operations stamped more than a minute ahead of this laptop's clock. */
export async function noteReceivedClocks(tx: WriteTx, operations: readonly Operation[], now: number): Promise<void> {
  let ahead = 0;
  for (const op of operations) {
    const wall = screenedWall(op);
    if (wall !== null) ahead = Math.max(ahead, wall - now);
  }
  if (ahead > CLOCK_WARN_MS) {
    await tx.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_received', ?)", [JSON.stringify({ aheadMs: ahead, at: now })]);
  }
}

export async function clockHealth(db: Reader, now: number): Promise<ClockHealth> {
  const read = async (key: string) => {
    const value = (await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]))?.value;
    try {
      return value ? (JSON.parse(value) as Record<string, number>) : null;
    } catch {
      return null;
    }
  };
  const hub = await read('clock_hub');
  const received = await read('clock_received');
  const recent = received && typeof received.at === 'number' && now - received.at < RECEIVED_NOTE_MS ? received : null;
  const hubOffsetMs = typeof hub?.offsetMs === 'number' ? hub.offsetMs : null;
  const receivedAheadMs = typeof recent?.aheadMs === 'number' ? recent.aheadMs : null;
  return {
    hubOffsetMs, hubAt: hub?.at ?? null, receivedAheadMs, receivedAt: recent?.at ?? null,
    warn: (hubOffsetMs !== null && Math.abs(hubOffsetMs) > CLOCK_WARN_MS) || receivedAheadMs !== null,
  };
}
