// The post's settings through a real PostgreSQL hub: a supervisor's shift pattern reaches the
// post's other console, and a post operation that cannot be trusted, pushed into the hub by
// anyone, is set aside by the console that pulls it, never applied, never stopping the rest.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../electron/core/oplog/hlc';
import { postRowId } from '../../electron/core/post/postSettings';
import { stateHash } from '../../electron/core/sync/exchange';
import { connectHub } from '../../electron/core/sync/hub';
import { openTestCore, T0, type TestCore } from '../core/testCore';
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

const hubUrl = () => createHub(server, `post_${++n}`);

async function consoleWith(letter: string, hub: { id: string; name: string; url: string }): Promise<TestCore> {
  const t = await openTestCore({ letter });
  consoles.push(t);
  t.core.context.settings.write({ ...t.core.context.settings.read(), hubs: [{ ...hub, tls: { mode: 'disable', caFile: null } }] });
  return t;
}

describe('the post\u2019s settings through a hub', () => {
  it('a supervisor\u2019s shift pattern and defaults reach the other console; a bad post operation in the hub is set aside', async () => {
    const hub = { id: randomUUID(), name: 'Post hub', url: await hubUrl() };
    const [a, b] = [await consoleWith('A', hub), await consoleWith('B', hub)];
    await a.call('post.setShifts', { starts: ['06:00', '14:00', '22:00'] });
    await a.call('post.setDefaults', { language: 'ar', digits: 'arab' });
    await a.core.context.sync!.syncNow();

    // Someone with the hub's password pushes a post operation no console would write.
    const origin = 'badbadbadbadbad0';
    const client: pg.Client = await connectHub(hub.url);
    await client.query(
      `INSERT INTO beacon.operations (origin, seq, hlc, entity, row_id, field, value, operator) VALUES ($1, 1, $2, 'post', $3, 'language', '"fr"', NULL)`,
      [origin, encodeHlc({ wall: T0, counter: 0, origin }), postRowId('LTK')]);
    await client.end();

    const [status] = await b.core.context.sync!.syncNow();
    expect(status).toMatchObject({ state: 'ok', lastError: null });
    expect(status!.lastMoved!.quarantined).toBeGreaterThan(0);
    expect(await b.core.store.reader.all('SELECT origin, seq, reason FROM quarantine')).toEqual([{ origin, seq: 1, reason: 'badValue' }]);
    expect(await b.call('setup.status', {})).toMatchObject({ shiftStarts: ['06:00', '14:00', '22:00'], language: 'ar', digits: 'arab' });
    expect(b.core.context.settings.restoredFrom()).toBeNull();
    await a.core.context.sync!.syncNow();
    expect(await stateHash(a.core.store.reader)).toBe(await stateHash(b.core.store.reader));
  });
});
