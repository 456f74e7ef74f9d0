import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectHub, hubInit, pageSql, syncWithHub, HUB_SCHEMA_VERSION } from '../../electron/core/sync/hub';
import { connectEndpoint } from '../../electron/core/sync/hubConnection';
import { HUB_MIGRATIONS } from '../../electron/core/sync/hubSchema';
import { stateHash, versionVector } from '../../electron/core/sync/exchange';
import { intake, MINUTE, openTestCore, type TestCore } from '../core/testCore';
import { startPostgres, type TestPostgres } from './postgres';

let server: TestPostgres;
const clients: pg.Client[] = [];
const consoles: TestCore[] = [];
let n = 0;

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => server?.stop());
afterEach(async () => {
  for (const c of clients.splice(0)) await c.end();
  for (const t of consoles.splice(0)) await t.close();
});

async function hub(): Promise<pg.Client> {
  const client = await connectHub(await server.createDatabase(`hub_${++n}`));
  clients.push(client);
  await hubInit(client);
  return client;
}

async function console_(letter: string): Promise<TestCore> {
  const t = await openTestCore({ letter });
  consoles.push(t);
  return t;
}

const sync = (t: TestCore, h: pg.Client) => syncWithHub(t.core.store, h, () => t.clock.now());

/** The kinds of the plan nodes PostgreSQL would run `sql` with. */
async function planNodes(client: pg.Client, sql: string, params: readonly unknown[]): Promise<string[]> {
  const rows = (await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, [...params])).rows;
  return [...JSON.stringify(rows[0]!['QUERY PLAN']).matchAll(/"Node Type":"([^"]+)"/g)].map((m) => m[1]!);
}

describe('a hub', () => {
  it('serves a page by walking its key, even before its statistics know a flood of pushes', async () => {
    const h = await hub();
    const url = server.url(`hub_${n}`);
    // A flood of operations the planner has no statistics for (autovacuum held off, as right after a push).
    await h.query('ALTER TABLE beacon.operations SET (autovacuum_enabled = false)');
    await h.query(`INSERT INTO beacon.operations (origin, seq, hlc, entity, row_id, field, value, operator)
      SELECT 'a000000000000001', g, lpad(g::text, 15, '0') || '-0000-a000000000000001', 'incident', gen_random_uuid()::text, 'priority', '2', NULL
      FROM generate_series(1, 20000) g`);
    const page = [pageSql(HUB_SCHEMA_VERSION), ['a000000000000001', 0, 2000]] as const;
    // Left to itself the planner reads every operation above the cursor and sorts them, for each page.
    const plain = new pg.Client({ connectionString: url });
    await plain.connect();
    clients.push(plain);
    expect(await planNodes(plain, ...page)).toContain('Bitmap Heap Scan');
    // A console's sessions, by either way of connecting, walk the key and stop at the page's end.
    const engine = await connectEndpoint({ url, password: null, tls: { mode: 'disable', caFile: null } }, pg.Client);
    clients.push(engine);
    for (const client of [h, engine]) {
      const nodes = await planNodes(client, ...page);
      expect(nodes).toContain('Index Scan');
      expect(nodes).not.toContain('Bitmap Heap Scan');
    }
  });

  it('is created by hub-init, again without harm, and refuses a schema newer than this build', async () => {
    const h = await hub();
    expect(await hubInit(h)).toBe(HUB_SCHEMA_VERSION);
    await h.query("UPDATE beacon.meta SET value = '99' WHERE key = 'schema_version'");
    await expect(hubInit(h)).rejects.toMatchObject({ code: 'hub.newerSchema', params: { version: 99 } });
    const a = await console_('A');
    await expect(sync(a, h)).rejects.toMatchObject({ code: 'hub.newerSchema' });
  });

  it('migrates a hub of the first schema, keeping its operations and showing their current state', async () => {
    const client = await connectHub(await server.createDatabase(`hub_${++n}`));
    clients.push(client);
    await client.query(HUB_MIGRATIONS[0]!);
    await client.query("INSERT INTO beacon.meta (key, value) VALUES ('schema_version', '1')");
    const a = await console_('A');
    const logged = await a.call('incidents.log', intake());
    const ops = await a.core.store.reader.all<{ origin: string; seq: number; hlc: string; entity: string; row_id: string; field: string; value: string }>('SELECT origin, seq, hlc, entity, row_id, field, value FROM operations');
    for (const op of ops) await client.query('INSERT INTO beacon.operations (origin, seq, hlc, entity, row_id, field, value) VALUES ($1, $2, $3, $4, $5, $6, $7)', [op.origin, op.seq, op.hlc, op.entity, op.row_id, op.field, op.value]);
    expect(await hubInit(client)).toBe(HUB_SCHEMA_VERSION);
    const state = await client.query<{ value: string }>("SELECT value FROM beacon.field_state WHERE entity = 'incident' AND row_id = $1 AND field = 'priority'", [logged.incidentId]);
    expect(state.rows[0]?.value).toBe('1');
    const b = await console_('B');
    await sync(b, client);
    expect((await b.call('incidents.get', { id: logged.incidentId })).number).toBe(logged.number);
  });

  it('brings two consoles to the same state, and pushing twice changes nothing', async () => {
    const h = await hub();
    const [a, b] = [await console_('A'), await console_('B')];
    const first = await a.call('incidents.log', intake());
    await b.call('incidents.log', intake({ location: { district: 'jableh' } }));
    b.clock.advance(MINUTE);
    const pushedA = await sync(a, h);
    expect(pushedA.pushed).toBeGreaterThan(0);
    await sync(b, h);
    await b.call('incidents.update', { id: first.incidentId, changes: { priority: 3 } });
    await sync(b, h);
    const again = await sync(a, h);
    expect(again.pushed).toBe(0);
    expect(await stateHash(a.core.store.reader)).toBe(await stateHash(b.core.store.reader));
    expect(await versionVector(a.core.store.reader)).toEqual(await versionVector(b.core.store.reader));
    const count = await h.query<{ n: string }>('SELECT count(*) AS n FROM beacon.operations');
    expect(Number(count.rows[0]!.n)).toBe(Object.values(await versionVector(a.core.store.reader)).reduce((x, y) => x + y, 0));
    // Headquarters reads the current state with plain SQL: the newest priority won.
    const priority = await h.query<{ value: string }>("SELECT value FROM beacon.field_state WHERE entity = 'incident' AND row_id = $1 AND field = 'priority'", [first.incidentId]);
    expect(priority.rows[0]?.value).toBe('3');
  });

  it('relays: operations reach a console through another that syncs with both hubs', async () => {
    const [h1, h2] = [await hub(), await hub()];
    const [a, b, c] = [await console_('A'), await console_('B'), await console_('C')];
    const logged = await a.call('incidents.log', intake());
    await sync(a, h1);
    await sync(b, h1);
    await sync(b, h2);
    await sync(c, h2);
    expect((await c.call('incidents.get', { id: logged.incidentId })).number).toBe(logged.number);
  });

  it('pulls past an operation it holds back, in every batch, and counts each operation once', async () => {
    const h = await hub();
    const [a, b] = [await console_('A'), await console_('B')];
    for (let i = 0; i < 6; i++) await a.call('incidents.log', intake());
    await sync(a, h);
    // One early operation turned into a field this build does not know: it is quarantined.
    const origin = a.core.store.origin;
    await h.query("UPDATE beacon.operations SET field = 'fieldFromTheFuture' WHERE origin = $1 AND seq = 3", [origin]);
    const onHub = Number((await h.query<{ n: string }>('SELECT count(*) AS n FROM beacon.operations WHERE origin = $1', [origin])).rows[0]!.n);
    expect(onHub).toBeGreaterThan(10);
    const moved = await syncWithHub(b.core.store, h, () => b.clock.now(), { batch: 3 });
    expect(moved).toMatchObject({ pulled: onHub, applied: onHub - 1, quarantined: 1 });
    const held = await b.core.store.reader.get<{ n: number }>('SELECT count(*) AS n FROM operations WHERE origin = ?', [origin]);
    expect(held?.n).toBe(onHub - 1);
    // The next exchange offers the held-back operation again (it may have come right), and only that batch.
    expect(await syncWithHub(b.core.store, h, () => b.clock.now(), { batch: 3 })).toMatchObject({ pulled: 3, applied: 0, quarantined: 1 });
  });
});
