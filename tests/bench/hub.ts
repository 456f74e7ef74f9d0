// The hub rows of `npm run bench`: push and pull of 100,000 operations through the code the
// engine runs, against its own embedded PostgreSQL, and the baseline the issue names: a raw
// COPY of the same rows into a table shaped like the hub's, on the same server. Then the same
// operations carried by a bundle and imported (issue #21 item 5: under 5 s), and the peak
// memory of the process during the pull and the import, to show both stream in batches. Each
// for two workloads (WORKLOADS): operations as consoles write them, which the targets are
// measured on, and a worst case no console writes, shown beside them.
//   BENCH_HUB=0 skips them; BENCH_HUB_OPS=20000 sets how many operations; BENCH_BUNDLE=0 skips the bundle row.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { openCore, type Core } from '../../electron/core';
import { systemOperator } from '../../electron/core/operators/operators';
import { createFileSettingsStore } from '../../electron/core/settings/fileSettingsStore';
import { ensurePost } from '../../electron/core/setup/setup';
import { ensureRollup } from '../../electron/core/stats/rollup';
import { operationsAbove } from '../../electron/core/sync/exchange';
import type pg from 'pg';
import { exportBundle, importBundle } from '../../electron/core/sync/bundles';
import { keepPostKey, readPostKey } from '../../electron/core/post/postKey';
import { connectHub, hubInit, operationsOnHub, pullFromHub, pushToHub } from '../../electron/core/sync/hub';
import { startPostgres } from '../hub/postgres';
import { createIncidents, ownOperations, writeAsLogged, writeEdits } from '../hub/workload';

type Record = (operation: string, size: number, samples: number[], target: string, baseline?: number | null) => void;

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const OPS = Number(process.env.BENCH_HUB_OPS ?? 100_000);

async function console_(dir: string): Promise<{ core: Core; operatorId: string }> {
  const core = await openCore({ dataDir: dir, settings: createFileSettingsStore(join(dir, 'settings.json')), log: { error: () => undefined, info: () => undefined }, safetyCopies: false, sync: false });
  const { post } = ensurePost(core.context.settings, core.context.secrets);
  // Built for the post's zone, as setting a console up does: the statistics' rollup is kept by
  // every incident written, and a console without it would apply a catch-up doing less.
  await ensureRollup(core.store, post.timeZone);
  const operatorId = await core.store.write(null, (w) => systemOperator(w, Date.now()));
  return { core, operatorId };
}

// A collection on demand, so that the heap kept after the work is measured rather than what
// V8 has not yet bothered to collect (it lets garbage grow while memory is plentiful).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * Runs `work` while sampling the process's resident memory: its result, its time, the CPU
 * time of this process meanwhile (SQLite's threads included; a figure the busy machine moves
 * less than the wall time), the peak RSS in MB, and the heap kept after it, after a collection.
 */
async function withUsage<T>(work: () => Promise<T>) {
  const mb = (bytes: number) => bytes / 1048576;
  collect();
  const beforeMb = mb(process.memoryUsage().rss);
  const heapBeforeMb = mb(process.memoryUsage().heapUsed);
  let peakMb = beforeMb;
  const sampler = setInterval(() => { peakMb = Math.max(peakMb, mb(process.memoryUsage().rss)); }, 25);
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    peakMb = Math.max(peakMb, mb(process.memoryUsage().rss));
    collect();
    return { value, ms, cpuMs: (used.user + used.system) / 1000, peakMb, beforeMb, heapBeforeMb, heapAfterMb: mb(process.memoryUsage().heapUsed) };
  } finally {
    clearInterval(sampler);
  }
}

type Usage<T = unknown> = Awaited<ReturnType<typeof withUsage<T>>>;

/** The run of median time among several. */
const medianRun = <T>(runs: Usage<T>[]) => [...runs].sort((x, y) => x.ms - y.ms)[Math.floor(runs.length / 2)]!;

/** The memory and CPU rows of one measured piece of work. */
function recordUsage(record: Record, what: string, total: number, usage: Usage): void {
  // Baselines: the wall time for the CPU time, the figure before the work for the memory.
  record(`${what}: CPU time (ms; baseline wall)`, total, [usage.cpuMs], '—', usage.ms);
  record(`${what}: peak RSS (MB)`, total, [usage.peakMb], 'bounded', usage.beforeMb);
  record(`${what}: heap kept after GC (MB)`, total, [usage.heapAfterMb], 'bounded', usage.heapBeforeMb);
}

/** One CSV field as COPY reads it: quoted, quotes doubled; an empty unquoted field is NULL. */
const csv = (v: string | number | null) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);

/**
 * The rows COPY reads, as a file. In a function of its own: the 100,000 operations read for it
 * are garbage once it is written, not a heap the pull's collections must mark again and again.
 */
async function writeCopyFile(core: Core, total: number, file: string): Promise<void> {
  const ops = await operationsAbove(core.store.reader, {}, total + 10);
  writeFileSync(file, ops.map((o) => [o.origin, o.seq, o.hlc, o.entity, o.rowId, o.field, o.value, o.operator].map(csv).join(',')).join('\n'));
  chmodSync(file, 0o644);
}

/**
 * The operations a bench console writes. `logged`, the targets' workload: as consoles write
 * them, with the app's time-ordered row ids and each incident's edits soon after its call
 * (`writeAsLogged`). `spread`, a worst case no console writes: random row ids (as no Beacon
 * makes), all incidents first, then edits spread over every one of them; a catch-up's writes
 * then land all over the log's row index and the tables.
 */
const WORKLOADS = {
  logged: {
    suffix: '',
    write: (a: { core: Core; operatorId: string }) => writeAsLogged(a.core.store, a.operatorId, OPS, Date.now()),
  },
  spread: {
    suffix: ' (worst case)',
    write: async (a: { core: Core; operatorId: string }) => {
      const ids: string[] = [];
      for (let made = 0; made < OPS / 5;) {
        const n = Math.min(5_000, OPS / 5 - made);
        ids.push(...await createIncidents(a.core.store, a.operatorId, n, Date.now(), `B${made}`));
        made += n;
      }
      await writeEdits(a.core.store, a.operatorId, ids, OPS - (await ownOperations(a.core.store)), 'bench', 5_000);
    },
  },
} as const;
type Workload = keyof typeof WORKLOADS;

export async function measureHub(record: Record): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'beacon-bench-hub-'));
  chmodSync(work, 0o755); // the server, running as `postgres`, reads the COPY file from here
  const server = await startPostgres();
  let stopped = false;
  const sources: { workload: Workload; a: { core: Core; operatorId: string }; total: number }[] = [];
  try {
    for (const workload of Object.keys(WORKLOADS) as Workload[]) {
      const a = await console_(join(work, `a-${workload}`));
      await WORKLOADS[workload].write(a);
      const total = await ownOperations(a.core.store);
      sources.push({ workload, a, total });
      await measurePull(record, server, join(work, workload), a, total, workload);
    }
    // A laptop importing a bundle runs no PostgreSQL: the server goes first, or its background
    // work on the databases just filled (autovacuum, checkpoints) shares the two cores with
    // the import.
    await server.stop();
    stopped = true;
    if (process.env.BENCH_BUNDLE !== '0') {
      for (const { workload, a, total } of sources) await measureBundleImport(a, join(work, `c-${workload}`), join(work, `${workload}.beacon-bundle`), total, record, workload);
    }
  } finally {
    // Every console closed and the server stopped, whichever of them fails.
    await Promise.allSettled([...sources.map(({ a }) => a.core.close()), stopped ? null : server.stop()]);
    rmSync(work, { recursive: true, force: true });
  }
}

/** Push, COPY and pull-and-apply of one console's `total` operations (`workload`), each three times. */
async function measurePull(record: Record, server: Awaited<ReturnType<typeof startPostgres>>, work: string, a: { core: Core }, total: number, workload: Workload): Promise<void> {
  const { suffix } = WORKLOADS[workload];
  const targets = workload === 'logged';
  mkdirSync(work);
  chmodSync(work, 0o755);
  // The baseline first and the push after, each three times into a fresh table or hub, so
  // that neither gains from the other's warm caches; the median of each counts.
  const file = join(work, 'operations.csv');
  await writeCopyFile(a.core, total, file);
  const copySamples: number[] = [];
  const pushSamples: number[] = [];
  let hub: pg.Client | null = null;
  for (let round = 0; round < 3; round++) {
    // The same columns, key and indexes as the hub's operations.
    const copyTarget = await connectHub(await server.createDatabase(`bench_copy_${workload}_${round}`));
    await hubInit(copyTarget);
    let start = performance.now();
    await copyTarget.query(`COPY beacon.operations (origin, seq, hlc, entity, row_id, field, value, operator) FROM '${file}' WITH (FORMAT csv)`);
    copySamples.push(performance.now() - start);
    // Emptied once measured: left full, its autovacuum would run during the pulls below.
    await copyTarget.query('TRUNCATE beacon.operations');
    await copyTarget.end();

    await hub?.query('TRUNCATE beacon.operations');
    await hub?.end();
    hub = await connectHub(await server.createDatabase(`bench_hub_${workload}_${round}`));
    await hubInit(hub);
    start = performance.now();
    const pushed = await pushToHub(a.core.store, hub);
    pushSamples.push(performance.now() - start);
    if (pushed !== total) throw new Error(`hub bench pushed ${pushed} of ${total}`);
  }
  const copyMs = median(copySamples);
  const pushMs = median(pushSamples);

  // What the hub serves a pulling console, page by page, without the console's work of applying it.
  const start = performance.now();
  let fetched = 0;
  for (let seq = 0; ;) {
    const page = await operationsOnHub(hub!, a.core.store.origin, seq, 2000);
    if (page.length === 0) break;
    fetched += page.length;
    seq = page.at(-1)!.seq;
  }
  const fetchMs = performance.now() - start;

  // A hub at headquarters tidies up after the pushes on its own machine; here it shares the
  // console's two cores, so its upkeep (autovacuum of 100,000 new rows) is done before the
  // pulls rather than in the middle of one. The pulls still read a hub just filled, unordered.
  await hub!.query('VACUUM ANALYZE beacon.operations');

  // Three pulls, each into a new console, as COPY and the push are measured three times: on a
  // shared machine one run moves by a fifth. The median counts; its run gives the usage rows.
  const pulls: Usage[] = [];
  for (let round = 0; round < 3; round++) {
    const b = await console_(join(work, `b${round}`));
    const pull = await withUsage(() => pullFromHub(b.core.store, hub!, () => Date.now()));
    await b.core.close();
    if (pull.value.applied !== total) throw new Error(`hub bench pulled ${pull.value.applied} of ${total}`);
    pulls.push(pull);
  }
  const pull = medianRun(pulls);
  const pullMs = pull.ms;
  // Emptied once measured, as the COPY targets are.
  await hub!.query('TRUNCATE beacon.operations');
  await hub!.end();

  if (fetched !== total) throw new Error(`hub bench served ${fetched} of ${total}`);
  const rate = (ms: number) => Math.round(total / (ms / 1000));
  const percent = (ms: number) => `${Math.round((copyMs / ms) * 100)}% of COPY`;
  record(`hub push (pushToHub, batches of 2000)${suffix}`, total, pushSamples, targets ? '≥ 25% of COPY' : '—', copyMs);
  record(`hub pull: rows served (per origin, 2000/page)${suffix}`, total, [fetchMs], '—', copyMs);
  record(`hub pull-and-apply into a console${suffix}`, total, pulls.map((p) => p.ms), targets ? '≥ 25% of COPY (ratio ≤ 4×)' : '—', copyMs);
  record(`hub baseline: raw COPY of the same rows${suffix}`, total, copySamples, '—');
  recordUsage(record, `pull-and-apply${suffix}`, total, pull);
  process.stderr.write([
    `hub, ${total} operations${suffix}:`,
    `  push  ${rate(pushMs)} ops/s (${percent(pushMs)})`,
    `  pull  ${rate(fetchMs)} ops/s served (${percent(fetchMs)}), ${rate(pullMs)} ops/s applied by a console (${percent(pullMs)})`,
    `  COPY  ${rate(copyMs)} ops/s`,
    `  pull-and-apply: ${(pull.cpuMs / 1000).toFixed(1)} s CPU in ${(pull.ms / 1000).toFixed(1)} s (median of ${pulls.map((p) => (p.ms / 1000).toFixed(1)).join(', ')}); peak RSS ${pull.peakMb.toFixed(0)} MB (${pull.beforeMb.toFixed(0)} MB before), heap kept ${pull.heapAfterMb.toFixed(0)} MB (${pull.heapBeforeMb.toFixed(0)} MB before)`,
    '',
  ].join('\n'));
}

/**
 * The same operations carried on a stick: exported by the console that made them, then imported
 * into a new console of the same post (checked, copied and applied in batches, as `import-bundle` does).
 */
async function measureBundleImport(from: { core: Core }, dir: string, file: string, total: number, record: Record, workload: Workload): Promise<void> {
  const { suffix } = WORKLOADS[workload];
  await exportBundle(from.core.context, file, {});
  const key = readPostKey(from.core.context.settings, from.core.context.secrets);
  if (!key) throw new Error('bench console has no post key');
  // Three imports, each into a new console; the median counts.
  const imports: Usage[] = [];
  for (let round = 0; round < 3; round++) {
    const c = await console_(`${dir}${round}`);
    keepPostKey(c.core.context.settings, c.core.context.secrets, key);
    const run = await withUsage(() => importBundle(c.core.context, file));
    await c.core.close();
    if (run.value.applied !== total) throw new Error(`bundle bench applied ${run.value.applied} of ${total}`);
    imports.push(run);
  }
  const imported = medianRun(imports);
  record(`bundle import (check, copy, apply)${suffix}`, total, imports.map((i) => i.ms), workload === 'logged' ? '< 5 s at 100,000' : '—');
  recordUsage(record, `bundle import${suffix}`, total, imported);
  process.stderr.write(`bundle, ${total} operations${suffix}: imported in ${(imported.ms / 1000).toFixed(1)} s (median of ${imports.map((i) => (i.ms / 1000).toFixed(1)).join(', ')}; ${Math.round(total / (imported.ms / 1000))} ops/s), ${(imported.cpuMs / 1000).toFixed(1)} s CPU; peak RSS ${imported.peakMb.toFixed(0)} MB (${imported.beforeMb.toFixed(0)} MB before), heap kept ${imported.heapAfterMb.toFixed(0)} MB (${imported.heapBeforeMb.toFixed(0)} MB before)\n`);
}
