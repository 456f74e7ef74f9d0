// Real operations in bulk for hub tests and the hub bench: incidents created and edited through
// the store's own operation log, exactly as services write them, in transactions of a few
// hundred changes so that thousands take seconds, not minutes.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Store } from '../../electron/core/db/store';
import type { Change } from '../../electron/core/oplog/opLog';
import { newRowId } from '../../electron/core/oplog/rowId';

/** An incident's create, the `i`th of `label`, received at `at`. */
const incidentCreate = (id: string, i: number, at: number, label: string, operatorId: string): Change => ({
  entity: 'incident', rowId: id,
  create: { number: `${label}-${i + 1}`, type: 'fire', priority: 1 + (i % 3), status: 'received', district: 'latakia', locality: `street ${i}`, description: `${label} incident ${i}`, trapped: 0, injured: 0, dead: 0, receivedAt: at, statusAt: at, createdBy: operatorId },
});

/** Creates `count` incidents (one operation each), with random row ids, and returns their ids. */
export async function createIncidents(store: Store, operatorId: string, count: number, now: number, label = 'W'): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await store.write(operatorId, (w) => w.record(ids.map((id, i) => incidentCreate(id, i, now, label, operatorId))));
  return ids;
}

/** One call every 13 s: 20,000 incidents are three days of a flare-up. */
const CALL_EVERY_MS = 13_000;

/**
 * Operations as consoles write them, until this console has written `count`: incidents with
 * the app's own row ids (time-ordered, oplog/rowId.ts), received one every 13 s up to `now`,
 * each thousand followed by four edits of each (an incident is edited within hours of its
 * call, not days). Returns the incidents' ids.
 */
export async function writeAsLogged(store: Store, operatorId: string, count: number, now: number, label = 'L'): Promise<string[]> {
  const incidents = Math.floor((count - (await ownOperations(store))) / 5);
  const start = now - incidents * CALL_EVERY_MS;
  const ids: string[] = [];
  for (let made = 0; made < incidents; made += 1_000) {
    const chunk = Array.from({ length: Math.min(1_000, incidents - made) }, (_, k) => made + k);
    const at = (i: number) => start + i * CALL_EVERY_MS;
    const chunkIds = chunk.map((i) => newRowId(at(i)));
    await store.write(operatorId, (w) => w.record(chunk.map((i, k) => incidentCreate(chunkIds[k]!, i, at(i), label, operatorId))));
    // The last thousand's edits make the count exact.
    const edits = made + 1_000 >= incidents ? count - (await ownOperations(store)) : 4 * chunk.length;
    await writeEdits(store, operatorId, chunkIds, edits, `${label}${made}`, Math.max(1, edits));
    ids.push(...chunkIds);
  }
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

export interface HubOperation { origin: string; seq: number; hlc: string; entity: string; row_id: string; field: string; value: string }

/** The newest value of each field, worked out from the operations themselves: what the hub's field_state must hold. */
export function expectedFieldState(ops: readonly HubOperation[]): Map<string, string> {
  const newest = new Map<string, { hlc: string; value: string }>();
  const set = (key: string, hlc: string, value: string) => {
    const seen = newest.get(key);
    if (!seen || hlc > seen.hlc) newest.set(key, { hlc, value });
  };
  for (const op of ops) {
    if (op.field !== '*') set(`${op.entity}|${op.row_id}|${op.field}`, op.hlc, op.value);
    else for (const [field, value] of Object.entries(JSON.parse(op.value) as Record<string, unknown>)) set(`${op.entity}|${op.row_id}|${field}`, op.hlc, JSON.stringify(value));
  }
  return new Map([...newest].map(([k, v]) => [k, v.value]));
}

/** The hub's field_state as a map, to compare with expectedFieldState. */
export async function hubFieldState(hub: Pick<pg.Client, 'query'>): Promise<{ state: Map<string, string>; ops: HubOperation[] }> {
  const ops = (await hub.query<HubOperation>('SELECT origin, seq::int AS seq, hlc, entity, row_id, field, value FROM beacon.operations')).rows;
  const rows = await hub.query<{ entity: string; row_id: string; field: string; value: string }>('SELECT entity, row_id, field, value FROM beacon.field_state');
  return { state: new Map(rows.rows.map((r) => [`${r.entity}|${r.row_id}|${r.field}`, r.value])), ops };
}
