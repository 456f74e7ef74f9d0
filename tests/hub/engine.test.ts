// The background engine against a real PostgreSQL: consoles converge through it, a hub that
// cannot be reached is retried later and later (capped), and the status the header shows
// says what is waiting and what went wrong.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs } from '../../electron/core/sync/engine';
import { stateHash } from '../../electron/core/sync/exchange';
import { intake, openTestCore, type TestCore } from '../core/testCore';
import { createHub, startPostgres, type TestPostgres } from './postgres';

let server: TestPostgres;
const consoles: TestCore[] = [];
let n = 0;

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => server?.stop());
afterEach(async () => {
  for (const t of consoles.splice(0)) await t.close();
});

const hubUrl = () => createHub(server, `engine_${++n}`);

const PLAIN = { mode: 'disable', caFile: null } as const;

async function consoleWith(letter: string, hubs: { id: string; name: string; url: string }[]): Promise<TestCore> {
  const t = await openTestCore({ letter });
  consoles.push(t);
  t.core.context.settings.write({ ...t.core.context.settings.read(), hubs: hubs.map((h) => ({ ...h, tls: PLAIN })) });
  return t;
}

const engine = (t: TestCore) => t.core.context.sync!;

describe('the sync engine', () => {
  it('brings consoles to the same state through a hub, and reports what is waiting', async () => {
    const hub = { id: randomUUID(), name: 'Post hub', url: await hubUrl() };
    const [a, b] = [await consoleWith('A', [hub]), await consoleWith('B', [hub])];
    const logged = await a.call('incidents.log', intake());
    const before = await a.call('sync.status', {});
    expect(before).toMatchObject([{ id: hub.id, name: 'Post hub', state: 'waiting', waiting: null, lastSuccessAt: null }]);

    const [afterA] = await engine(a).syncNow();
    expect(afterA).toMatchObject({ state: 'ok', failures: 0, lastError: null, waiting: 0 });
    expect(afterA!.lastMoved!.pushed).toBeGreaterThan(0);
    await b.call('sync.now', {});
    expect((await b.call('incidents.get', { id: logged.incidentId })).number).toBe(logged.number);
    await engine(a).syncNow();
    expect(await stateHash(a.core.store.reader)).toBe(await stateHash(b.core.store.reader));

    // New work is counted as waiting until the next exchange carries it.
    await a.call('incidents.log', intake({ location: { district: 'jableh' } }));
    const [waiting] = await a.call('sync.status', {});
    expect(waiting!.waiting).toBeGreaterThan(0);
    const [sent] = await engine(a).syncNow();
    expect(sent!.waiting).toBe(0);
  });

  it('backs off while a hub cannot be reached, then recovers when it can', async () => {
    const id = randomUUID();
    const a = await consoleWith('A', [{ id, name: 'Headquarters', url: 'postgres://beacon@127.0.0.1:1/beacon' }]);
    await a.call('incidents.log', intake());
    const waits: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const [s] = await engine(a).syncNow();
      expect(s).toMatchObject({ state: 'error', lastError: 'hub.unreachable', failures: i });
      waits.push(s!.nextAttemptAt! - a.clock.now());
    }
    // 5 s, 10 s, 20 s, each ±20 %.
    expect(waits[0]).toBeGreaterThanOrEqual(4_000);
    expect(waits[0]).toBeLessThanOrEqual(6_000);
    expect(waits[2]).toBeGreaterThan(waits[0]! * 2);
    // The hub comes back (same hub, now reachable): the next exchange succeeds and the count resets.
    const settings = a.core.context.settings.read();
    a.core.context.settings.write({ ...settings, hubs: [{ id, name: 'Headquarters', url: await hubUrl(), tls: PLAIN }] });
    const [ok] = await engine(a).syncNow();
    expect(ok).toMatchObject({ state: 'ok', failures: 0, lastError: null, waiting: 0 });
  });

  it('waits longer after each failure, never more than the cap', () => {
    const half = () => 0.5;
    expect([1, 2, 3, 4].map((f) => backoffMs(f, 5_000, 60_000, half))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(12, 5_000, 60_000, half)).toBe(60_000);
    expect(backoffMs(3, 5_000, 60_000, () => 0)).toBe(16_000);
    expect(backoffMs(3, 5_000, 60_000, () => 1)).toBe(24_000);
  });
});
