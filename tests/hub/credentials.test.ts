// A hub reached with the password from the secret store and the hub's own TLS setting, against
// a real PostgreSQL: the right password syncs, a wrong one and a refused TLS are told apart
// from "unreachable" in the status the header shows.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectHub, hubInit } from '../../electron/core/sync/hub';
import { memorySecretStore } from '../../electron/core/secrets/secretStore';
import { connectEndpoint } from '../../electron/core/sync/hubConnection';
import { openTestCore, type TestCore } from '../core/testCore';
import { startPostgres, type TestPostgres } from './postgres';

let server: TestPostgres;
let hub: URL;
let t: TestCore | undefined;

beforeAll(async () => {
  server = await startPostgres();
  const url = await server.createDatabase('credentials');
  const client: pg.Client = await connectHub(url);
  await hubInit(client);
  await client.end();
  hub = new URL(url);
}, 120_000);
afterAll(async () => server?.stop());
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const address = () => `postgres://${hub.username}@${hub.host}${hub.pathname}`;
const PLAIN = { mode: 'disable', caFile: null } as const;

describe('hub credentials', () => {
  it('a connection the hub ends is an error for the query under way, not a crash of the process', async () => {
    const client = await connectEndpoint({ url: address(), password: decodeURIComponent(hub.password), tls: PLAIN }, pg.Client);
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const admin: pg.Client = await connectHub(hub.toString());
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.end();
    await expect(client.query('SELECT 1')).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 200)); // an unheard 'error' event would fail the run here
    await client.end().catch(() => undefined);
  });

  it('the password kept in the secret store is what the engine connects with', async () => {
    t = await openTestCore({ secrets: memorySecretStore() });
    const { id } = await t.call('sync.addHub', { name: 'HQ', url: address(), password: decodeURIComponent(hub.password), tls: PLAIN });
    expect(t.core.context.settings.read().hubs[0]!.url).toBe(address());
    const [status] = await t.core.context.sync!.syncNow(id);
    expect(status).toMatchObject({ state: 'ok', lastError: null });
    await t.call('sync.testHub', { url: address(), password: decodeURIComponent(hub.password), tls: PLAIN });
  });

  it('a wrong password, and encryption the hub does not offer, are named as such', async () => {
    t = await openTestCore({ secrets: memorySecretStore() });
    const wrong = await t.core.invoke(t.session, 'sync.testHub', { url: address(), password: 'not-it', tls: PLAIN });
    expect(wrong.ok ? null : wrong.error.code).toBe('hub.passwordRejected');
    const tls = await t.core.invoke(t.session, 'sync.testHub', { url: address(), password: decodeURIComponent(hub.password), tls: { mode: 'require', caFile: null } });
    expect(tls.ok ? null : tls.error.code).toBe('hub.tlsRefused');
    const { id } = await t.call('sync.addHub', { name: 'HQ', url: address(), password: 'not-it', tls: PLAIN });
    const [status] = await t.core.context.sync!.syncNow(id);
    expect(status).toMatchObject({ state: 'error', lastError: 'hub.passwordRejected' });
  });
});
