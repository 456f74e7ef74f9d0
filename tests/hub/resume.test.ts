// An exchange cut short, from either end (issue #6): the console's process killed mid-push and
// restarted, the hub's connections terminated or the hub shut down mid-batch. The next exchange
// resumes where the last committed batch ended: every operation on the hub exactly once, and a
// second console that pulls ends with the same state hash.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateHash } from '../../electron/core/sync/exchange';
import { connectHub, hubInit, pushToHub, syncWithHub } from '../../electron/core/sync/hub';
import { openTestCore, type TestCore } from '../core/testCore';
import { startPostgres, type TestPostgres } from './postgres';
import { createIncidents, expectedFieldState, hubFieldState, ownOperations, writeEdits } from './workload';

const KILLS = 3;
let server: TestPostgres;
const work = mkdtempSync(join(tmpdir(), 'beacon-resume-'));
// Inside the project, so that the bundled syncer resolves sqlite3 and pg from node_modules.
const syncer = join(process.cwd(), '.tmp', `hub-syncer-${process.pid}.mjs`);
const clients: pg.Client[] = [];
const consoles: TestCore[] = [];

beforeAll(async () => {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true });
  const [pgServer] = await Promise.all([
    startPostgres(),
    build({ entryPoints: ['tests/hub/syncer.ts'], outfile: syncer, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['sqlite3', 'pg'],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" }, logLevel: 'error' }),
  ]);
  server = pgServer;
}, 120_000);
afterAll(async () => {
  for (const c of clients) await c.end().catch(() => undefined);
  for (const t of consoles) await t.close();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
  rmSync(syncer, { force: true });
});

async function hubAt(name: string): Promise<{ url: string; client: pg.Client }> {
  const url = await server.createDatabase(name);
  const client = await connectHub(url);
  clients.push(client);
  await hubInit(client);
  return { url, client };
}

async function consoleWithBacklog(letter: string, operations: number, dir?: string): Promise<TestCore> {
  const t = await openTestCore({ letter, ...(dir ? { dir } : {}) });
  consoles.push(t);
  const ids = await createIncidents(t.core.store, t.session.operatorId!, 40, t.clock.now(), letter);
  await writeEdits(t.core.store, t.session.operatorId!, ids, operations - (await ownOperations(t.core.store)), letter, 500);
  return t;
}

/** Runs the syncer on `dataDir`; SIGKILLs it as soon as `cut()` says so, unless it finishes first. */
function runSyncer(dataDir: string, url: string, cut: (() => Promise<boolean>) | null): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [syncer, dataDir, url, '100'], { stdio: ['ignore', 'pipe', 'pipe'], cwd: process.cwd() });
    let stdout = '';
    let stderr = '';
    let exited = false;
    const watch = async () => {
      while (!exited && cut && !(await cut())) await new Promise((r) => setTimeout(r, 1));
      if (!exited && cut) child.kill('SIGKILL');
    };
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (d.toString().includes('ready')) void watch();
    });
    child.on('exit', (code, signal) => {
      exited = true;
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 && stdout.includes('done')) resolve('finished');
      else reject(new Error(`syncer failed (${code}): ${stderr}`));
    });
  });
}

async function hubCounts(hub: pg.Client): Promise<Map<string, { n: number; top: number }>> {
  const rows = await hub.query<{ origin: string; n: string; top: string }>('SELECT origin, count(*) AS n, max(seq) AS top FROM beacon.operations GROUP BY origin');
  return new Map(rows.rows.map((r) => [r.origin, { n: Number(r.n), top: Number(r.top) }]));
}

/** Every operation of each console on the hub once (seqs 1..n, no gap), and the current state right. */
async function expectHubHolds(hub: pg.Client, consoles_: readonly TestCore[]): Promise<void> {
  const counts = await hubCounts(hub);
  for (const t of consoles_) {
    const n = await ownOperations(t.core.store);
    expect(counts.get(t.core.store.origin)).toEqual({ n, top: n });
  }
  const { state, ops } = await hubFieldState(hub);
  expect(state).toEqual(expectedFieldState(ops));
}

/** Waits until the hub has committed some, but not all, of `origin`'s operations. */
async function midPush(hub: pg.Client, origin: string, total: number): Promise<void> {
  for (;;) {
    const n = (await hubCounts(hub)).get(origin)?.n ?? 0;
    if (n >= total) throw new Error('the push finished before it could be cut');
    if (n > 0) return;
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('an exchange cut short', () => {
  it(`resumes after the console's core is killed mid-push ${KILLS} times: every operation once, the same state hash`, async () => {
    const { url, client: hub } = await hubAt('killed');
    // Another console's work already on the hub, so that the killed exchange pulls too.
    const other = await consoleWithBacklog('B', 500);
    await pushToHub(other.core.store, hub);
    const dir = join(work, 'a');
    mkdirSync(dir);
    const a = await consoleWithBacklog('A', 4_000, dir);
    const origin = a.core.store.origin;
    const total = await ownOperations(a.core.store);
    await a.close(); // the child process owns the database now

    const outcomes: string[] = [];
    const seen: number[] = [];
    for (let i = 0; i < KILLS; i++) {
      // A random moment of the push: once the hub has committed a random share of the backlog.
      const threshold = 1 + Math.floor(Math.random() * total * 0.8);
      outcomes.push(await runSyncer(dir, url, async () => ((await hubCounts(hub)).get(origin)?.n ?? 0) >= threshold));
      seen.push((await hubCounts(hub)).get(origin)?.n ?? 0);
    }
    // The kills landed in the middle of the push.
    expect(seen.some((n) => n > 0 && n < total), `hub held ${seen.join(', ')} of ${total}`).toBe(true);
    expect(await runSyncer(dir, url, null)).toBe('finished');

    const restarted = await openTestCore({ dir, setup: false });
    consoles.push(restarted);
    expect((await restarted.core.store.reader.get<{ integrity_check: string }>('PRAGMA integrity_check'))?.integrity_check).toBe('ok');
    await expectHubHolds(hub, [restarted, other]);
    await syncWithHub(other.core.store, hub, other.clock.now);
    expect(await stateHash(other.core.store.reader)).toBe(await stateHash(restarted.core.store.reader));
    expect(outcomes).toContain('killed');
  }, 90_000);

  it('resumes after the hub terminates the connection mid-batch, then after the hub shuts down mid-batch', async () => {
    const { url, client: watcher } = await hubAt('dying');
    const a = await consoleWithBacklog('C', 3_000);
    const total = await ownOperations(a.core.store);
    const sync = (client: pg.Client) => syncWithHub(a.core.store, client, a.clock.now, { batch: 100 });

    // The server ends this console's backend while a push is under way.
    const first = await connectHub(url);
    const cut = sync(first);
    // Heard from now on: the push may fail before the terminate's own answer comes back, and
    // a rejection nobody listens to yet fails the run.
    cut.catch(() => undefined);
    await midPush(watcher, a.core.store.origin, total);
    await watcher.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    await expect(cut).rejects.toThrow();
    await first.end().catch(() => undefined);
    const afterTerminate = (await hubCounts(watcher)).get(a.core.store.origin)!.n;
    expect(afterTerminate).toBeLessThan(total);

    // More work, then the whole server goes down mid-batch and comes back.
    await writeEdits(a.core.store, a.session.operatorId!, (await a.core.store.reader.all<{ id: string }>('SELECT id FROM incidents')).map((r) => r.id), 1_500, 'more', 500);
    const second = await connectHub(url);
    const outcome = sync(second).then(() => 'finished', () => 'failed');
    await midPush(watcher, a.core.store.origin, await ownOperations(a.core.store));
    await server.restart(async () => expect(await outcome).toBe('failed'));
    await second.end().catch(() => undefined);

    const again = await connectHub(url);
    clients.push(again);
    const resumed = await sync(again);
    expect(resumed.pushed).toBeGreaterThan(0);
    expect(resumed.pushed).toBeLessThan(await ownOperations(a.core.store));
    await expectHubHolds(again, [a]);
    expect(await syncWithHub(a.core.store, again, a.clock.now)).toEqual({ pushed: 0, pulled: 0, applied: 0, quarantined: 0 });
  }, 90_000);
});
