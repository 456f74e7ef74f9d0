// Many consoles pushing to one hub at once while others pull (issue #6): transactions begin
// and commit in every order, and a puller that kept a global cursor (a serial id, a time)
// would step past rows committed late. Each puller must end with every operation, once.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionVector } from '../../electron/core/sync/exchange';
import { connectHub, hubInit, pullFromHub, pushToHub } from '../../electron/core/sync/hub';
import { openTestCore, type TestCore } from '../core/testCore';
import { startPostgres, type TestPostgres } from './postgres';
import { createIncidents, expectedFieldState, hubFieldState, ownOperations, writeEdits } from './workload';

const TOTAL = 10_000;
const PUSHERS = 8;
const PULLERS = 2;

let server: TestPostgres;
const clients: pg.Client[] = [];
const consoles: TestCore[] = [];

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  for (const c of clients) await c.end().catch(() => undefined);
  for (const t of consoles) await t.close();
  await server?.stop();
});

async function client(url: string): Promise<pg.Client> {
  const c = await connectHub(url);
  clients.push(c);
  return c;
}

async function console_(letter: string): Promise<TestCore> {
  const t = await openTestCore({ letter });
  consoles.push(t);
  return t;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a hub under concurrent pushes and pulls', () => {
  it(`gives ${PULLERS} pullers every one of ${TOTAL} operations pushed by ${PUSHERS} consoles at once, none skipped or twice`, async () => {
    const url = await server.createDatabase('concurrent');
    await hubInit(await client(url));
    const pushers = await Promise.all(Array.from({ length: PUSHERS }, (_, i) => console_(String.fromCharCode(65 + i))));
    const pullers = await Promise.all(Array.from({ length: PULLERS }, (_, i) => console_(String.fromCharCode(80 + i))));

    // Rows every console edits, so that last-writer-wins decides between consoles on the hub.
    const first = pushers[0]!;
    const shared = await createIncidents(first.core.store, first.session.operatorId!, 20, first.clock.now(), 'S');
    const firstHub = await client(url);
    await pushToHub(first.core.store, firstHub);
    for (const [i, p] of pushers.entries()) {
      if (i > 0) await pullFromHub(p.core.store, await client(url), p.clock.now);
      p.clock.advance(i * 7); // clocks a little apart, as on real machines
    }
    let written = 0;
    for (const p of pushers) written += await ownOperations(p.core.store);
    const perPusher = Math.floor((TOTAL - written) / PUSHERS);
    const shares = pushers.map((_, i) => perPusher + (i === 0 ? TOTAL - written - perPusher * PUSHERS : 0));

    // Each pusher writes in chunks and pushes in small batches (many transactions each), on a connection of its own.
    let pushing = PUSHERS;
    const pulledWhilePushing = new Array<number>(PULLERS).fill(0);
    const pushAll = pushers.map(async (p, i) => {
      const hub = await client(url);
      const own = await createIncidents(p.core.store, p.session.operatorId!, 5, p.clock.now(), String.fromCharCode(65 + i));
      let left = shares[i]! - own.length;
      while (left > 0) {
        const n = Math.min(left, 100 + Math.floor(Math.random() * 200));
        await writeEdits(p.core.store, p.session.operatorId!, [...shared, ...own], n, `${i}/${left}`, 60);
        p.clock.advance(1 + Math.floor(Math.random() * 5));
        left -= n;
        await pushToHub(p.core.store, hub, { batch: 20 + Math.floor(Math.random() * 60) });
      }
      pushing--;
    });
    const pullAll = pullers.map(async (t, i) => {
      const hub = await client(url);
      while (pushing > 0) {
        pulledWhilePushing[i]! += (await pullFromHub(t.core.store, hub, t.clock.now, { batch: 150 })).pulled;
        await pause(5);
      }
      await pullFromHub(t.core.store, hub, t.clock.now);
    });
    await Promise.all([...pushAll, ...pullAll]);

    const hub = await client(url);
    const pushed = new Map<string, number>();
    for (const p of pushers) pushed.set(p.core.store.origin, await ownOperations(p.core.store));
    expect([...pushed.values()].reduce((a, b) => a + b, 0)).toBe(TOTAL);
    const onHub = await hub.query<{ origin: string; n: string; top: string }>('SELECT origin, count(*) AS n, max(seq) AS top FROM beacon.operations GROUP BY origin');
    expect(new Map(onHub.rows.map((r) => [r.origin, Number(r.n)]))).toEqual(pushed);
    expect(onHub.rows.every((r) => r.n === r.top)).toBe(true);

    for (const [i, t] of pullers.entries()) {
      // The pulls ran during the pushes, not only after them.
      expect(pulledWhilePushing[i]).toBeGreaterThan(0);
      const held = await t.core.store.reader.all<{ origin: string; n: number; distinct_seqs: number; top: number }>(
        'SELECT origin, count(*) AS n, count(DISTINCT seq) AS distinct_seqs, max(seq) AS top FROM operations WHERE origin <> ? GROUP BY origin', [t.core.store.origin]);
      expect(new Map(held.map((r) => [r.origin, r.n]))).toEqual(pushed);
      expect(held.every((r) => r.n === r.distinct_seqs && r.n === r.top)).toBe(true);
      const vector = await versionVector(t.core.store.reader);
      for (const [origin, seq] of pushed) expect(vector[origin]).toBe(seq);
    }

    // The hub's current state is the newest value of each field over all operations, and the pullers show it.
    const { state: hubState, ops: all } = await hubFieldState(hub);
    expect(hubState).toEqual(expectedFieldState(all));
    const description = (id: string) => JSON.parse(hubState.get(`incident|${id}|description`)!) as string;
    for (const t of pullers) {
      const rows = await t.core.store.reader.all<{ id: string; description: string }>(`SELECT id, description FROM incidents WHERE id IN (${shared.map(() => '?').join(', ')})`, shared);
      expect(new Map(rows.map((r) => [r.id, r.description]))).toEqual(new Map(shared.map((id) => [id, description(id)])));
    }
  }, 120_000);
});
