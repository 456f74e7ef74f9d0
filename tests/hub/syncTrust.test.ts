// Issue #21 through a real PostgreSQL hub: hub-init leaves the current folder alone, and a
// copied data folder is caught.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHub, pushBatch, syncWithHub, HUB_SCHEMA_VERSION } from '../../electron/core/sync/hub';
import { operationsAbove } from '../../electron/core/sync/exchange';
import { stateHash, versionVector } from '../../electron/core/sync/exchange';
import { IDENTITY_CLASH } from '../../electron/core/sync/hubSchema';
import { databaseCheck } from '../../electron/cli/check';
import { intake, MINUTE, openTestCore, type TestCore } from '../core/testCore';
import { createHub, startPostgres, type TestPostgres } from './postgres';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => server?.stop());

const ROOT = resolve('.');
// tsx from this checkout: the command runs in an empty folder, where it could not be found.
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

describe('hub-init', () => {
  it('writes nothing in the current folder', async () => {
    const url = await server.createDatabase('hub_init_cwd');
    const cwd = mkdtempSync(join(tmpdir(), 'beacon-hubinit-'));
    try {
      const env = { ...process.env };
      delete env.BEACON_DATA_DIR;
      const run = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'electron/cli.ts'), 'hub-init', url],
        { cwd, env, encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ schemaVersion: expect.any(Number) });
      expect(readdirSync(cwd)).toEqual([]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 150_000);
});

describe('a copied data folder', () => {
  it('is caught through the hub: the copy takes a new origin, nothing is lost, both converge', async () => {
    const url = await createHub(server, 'hub_copy');
    const dirA = mkdtempSync(join(tmpdir(), 'beacon-copy-a-'));
    const dirB = mkdtempSync(join(tmpdir(), 'beacon-copy-b-'));
    const open: TestCore[] = [];
    const client = await connectHub(url);
    const sync = (t: TestCore) => syncWithHub(t.core.store, client, () => t.clock.now());
    try {
      const a = await openTestCore({ dir: dirA, letter: 'A' });
      open.push(a);
      const { incidentId: id } = await a.call('incidents.log', intake());
      await sync(a);
      await a.close();
      cpSync(dirA, dirB, { recursive: true }); // the whole folder copied to a second laptop
      const a2 = await openTestCore({ dir: dirA, setup: false });
      const b = await openTestCore({ dir: dirB, setup: false });
      open.push(a2, b);
      await a2.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
      await b.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
      expect(b.core.store.origin).toBe(a2.core.store.origin);
      const origin = a2.core.store.origin;

      // Both write under the same numbers, with different content.
      a2.clock.advance(MINUTE);
      b.clock.advance(2 * MINUTE);
      await a2.call('incidents.update', { id, changes: { landmark: 'by the original' } });
      await a2.call('incidents.log', intake({ receivedAt: a2.clock.now() }));
      await b.call('incidents.update', { id, changes: { priority: 2 } });
      await b.call('incidents.update', { id, changes: { priority: 3 } }); // names the edit above, which moves
      await b.call('incidents.log', intake({ receivedAt: b.clock.now(), description: 'logged on the copy' }));
      await sync(a2);
      const caught = await sync(b);
      expect(caught.copiedFrom).toBe(origin);
      // The copy says so, and writes as a new console from now on.
      expect(b.core.store.origin).not.toBe(origin);
      expect((await databaseCheck(b.core)).copiedFrom).toBe(origin);
      expect(a2.core.store.origin).toBe(origin);
      // The copy's second edit names its first by the first's new identity.
      const edits = await b.core.store.reader.all<{ seq: number; prev: string }>(
        "SELECT seq, prev FROM operations WHERE origin = ? AND field = 'priority' ORDER BY seq", [b.core.store.origin]);
      expect(edits).toHaveLength(2);
      expect(edits[1]!.prev).toBe(`${b.core.store.origin}:${edits[0]!.seq}`);

      await sync(a2);
      await sync(b);
      await sync(a2);
      expect(await stateHash(a2.core.store.reader)).toBe(await stateHash(b.core.store.reader));
      expect(await versionVector(a2.core.store.reader)).toEqual(await versionVector(b.core.store.reader));
      // Nothing lost: both edits and both new calls are on both consoles.
      for (const t of [a2, b]) {
        const incident = await t.call('incidents.get', { id });
        expect(incident).toMatchObject({ landmark: 'by the original', priority: 3 });
        const n = (await t.core.store.reader.get<{ n: number }>('SELECT count(*) AS n FROM calls'))!.n;
        expect(n).toBe(3);
      }
      // The hub holds one operation per identity, the original's.
      const clash = await client.query('SELECT count(*)::int AS n FROM beacon.operations WHERE origin = $1', [origin]);
      expect(clash.rows[0].n).toBe((await versionVector(a2.core.store.reader))[origin]);
    } finally {
      await client.end();
      for (const t of open) await t.close().catch(() => undefined);
      rmSync(dirA, { recursive: true, force: true });
      rmSync(dirB, { recursive: true, force: true });
    }
  }, 150_000);
});

describe('the hub', () => {
  it('refuses a different operation under an identity it holds, the whole push, and takes the same one again', async () => {
    const url = await createHub(server, 'hub_twin');
    const client = await connectHub(url);
    const t = await openTestCore({ letter: 'A' });
    try {
      await t.call('incidents.log', intake());
      const ops = await operationsAbove(t.core.store.reader, {}, 10_000);
      expect(ops.length).toBeGreaterThanOrEqual(3);
      await pushBatch(client, ops.slice(0, 2), HUB_SCHEMA_VERSION);
      await pushBatch(client, ops.slice(0, 2), HUB_SCHEMA_VERSION); // the same again: nothing happens
      const twin = { ...ops[1]!, value: '{"name":"not the same"}' };
      await expect(pushBatch(client, [...ops.slice(2), twin], HUB_SCHEMA_VERSION)).rejects.toMatchObject({ code: IDENTITY_CLASH });
      const held = await client.query<{ n: number; value: string }>(
        'SELECT count(*)::int AS n, max(value) FILTER (WHERE seq = $2) AS value FROM beacon.operations WHERE origin = $1', [ops[0]!.origin, ops[1]!.seq]);
      expect(held.rows[0]).toEqual({ n: 2, value: ops[1]!.value });
    } finally {
      await client.end();
      await t.close();
    }
  });
});

describe('the clock warning', () => {
  it('compares this laptop\'s clock with the hub\'s at each exchange', async () => {
    const url = await createHub(server, 'hub_clock');
    const client = await connectHub(url);
    const t = await openTestCore({ letter: 'A' });
    try {
      t.clock.time = Date.now();
      await syncWithHub(t.core.store, client, () => Date.now());
      const right = (await t.call('sync.health', {})).clock;
      expect(right.warn).toBe(false);
      expect(Math.abs(right.hubOffsetMs!)).toBeLessThan(MINUTE);
      // The laptop's clock set ten minutes slow.
      await syncWithHub(t.core.store, client, () => Date.now() - 10 * MINUTE);
      const wrong = (await t.call('sync.health', {})).clock;
      expect(wrong.warn).toBe(true);
      expect(wrong.hubOffsetMs).toBeGreaterThan(9 * MINUTE);
    } finally {
      await client.end();
      await t.close();
    }
  });
});
