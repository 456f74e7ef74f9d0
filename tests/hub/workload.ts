// Real operations in bulk for hub tests and the hub bench: incidents created and edited through
// the store's own operation log, exactly as services write them, in transactions of a few
// hundred changes so that thousands take seconds, not minutes.
import { randomUUID } from 'node:crypto';
import type { Store } from '../../electron/core/db/store';
import type { Change } from '../../electron/core/oplog/opLog';

/** Creates `count` incidents (one operation each) and returns their ids. */
export async function createIncidents(store: Store, operatorId: string, count: number, now: number, label = 'W'): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await store.write(operatorId, (w) => w.record(ids.map((id, i): Change => ({
    entity: 'incident', rowId: id,
    create: { number: `${label}-${i + 1}`, type: 'fire', priority: 1 + (i % 3), status: 'waiting', district: 'latakia', locality: `street ${i}`, description: `${label} incident ${i}`, trapped: 0, injured: 0, dead: 0, receivedAt: now, statusAt: now, createdBy: operatorId },
  }))));
  return ids;
}

/** Writes exactly `count` field edits (one operation each) spread over `incidentIds`. */
export async function writeEdits(store: Store, operatorId: string, incidentIds: readonly string[], count: number, label: string, perTransaction = 250): Promise<void> {
  for (let done = 0; done < count;) {
    const n = Math.min(perTransaction, count - done);
    const changes = Array.from({ length: n }, (_, k): Change => {
      const i = done + k;
      const rowId = incidentIds[i % incidentIds.length]!;
      switch (i % 3) {
        case 0: return { entity: 'incident', rowId, set: { description: `${label} edit ${i}` } };
        case 1: return { entity: 'incident', rowId, set: { trapped: i % 7 } };
        default: return { entity: 'incident', rowId, set: { priority: 1 + (i % 3) } };
      }
    });
    await store.write(operatorId, (w) => w.record(changes));
    done += n;
  }
}

/** How many operations this console wrote itself (its own counter). */
export async function ownOperations(store: Store): Promise<number> {
  return (await store.reader.get<{ seq: number }>('SELECT seq FROM version_vector WHERE origin = ?', [store.origin]))?.seq ?? 0;
}
