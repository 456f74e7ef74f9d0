// npm run bench: seeds databases of 10k, 100k and 1M incidents (cached in .bench-cache/),
// runs each measured operation several times, and prints median and worst with the ratio to
// a baseline measured in the same run. Writes the table as JSON to bench-results/.
// Benchmarks are not tests: nothing here fails on a timing.
//   BENCH_SIZES=10000,100000 npm run bench     (default 10000,100000,1000000)
//   BENCH_HUB=0 skips the hub rows (push and pull of 100,000 operations, against COPY; import of a bundle of them;
//   peak memory of each); BENCH_BUNDLE=0 skips the bundle row only
//   BENCH_HISTORY=0 skips the rows of a team whose status was written thousands of times
//   BENCH_IMPORT=0 skips the CSV import row; BENCH_IMPORT=300000 imports that many unit rows (default 100000)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openCore, type Core } from '../../electron/core';
import { createFileSettingsStore } from '../../electron/core/settings/fileSettingsStore';
import { seedIncidents } from '../../electron/core/demo/seed';
import { systemOperator } from '../../electron/core/operators/operators';
import { ensurePost } from '../../electron/core/setup/setup';
import { queueSql, type QueueFilter } from '../../electron/core/incidents/queries';
import { Connection, type SqlValue } from '../../electron/core/db/connection';
import { DATABASE_FILE } from '../../electron/core/db/store';
import type { Input } from '../../shared/api';
import { statsQuery } from '../../shared/api/schemas';
import { statsReport } from '../../electron/core/stats/statistics';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number).filter((n) => n > 0); // 'none': renderer only
const CACHE = resolve('.bench-cache');
const RUNS = 15;

interface Row { operation: string; size: number; medianMs: number; worstMs: number; baselineMs: number | null; ratio: number | null; target: string }
const table: Row[] = [];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

function record(operation: string, size: number, samples: number[], target: string, baseline: number | null = null) {
  const medianMs = median(samples);
  table.push({ operation, size, medianMs, worstMs: Math.max(...samples), baselineMs: baseline, ratio: baseline ? medianMs / baseline : null, target });
}

function open(dir: string): Promise<Core> {
  // Safety copies of a 1M database would be timed with everything else: off here.
  return openCore({ dataDir: dir, settings: createFileSettingsStore(join(dir, 'settings.json')), log: { error: () => undefined, info: () => undefined }, safetyCopies: false });
}

async function prepare(size: number): Promise<string> {
  const dir = join(CACHE, String(size));
  if (existsSync(join(dir, 'complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const core = await open(dir);
  ensurePost(core.context.settings, core.context.secrets);
  const operator = await core.store.write(null, (w) => systemOperator(w, Date.now()));
  const started = performance.now();
  await seedIncidents(core.context, operator, { count: size, days: Math.min(3 * 365, Math.max(30, Math.ceil(size / 300))), seed: 1 }, (done) => {
    if (done % 100_000 === 0) process.stderr.write(`  seeded ${done} of ${size}\n`);
  });
  process.stderr.write(`  seeding ${size} took ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  await core.close();
  writeFileSync(join(dir, 'complete'), new Date().toISOString());
  return dir;
}

/**
 * The same SQL in Debian's sqlite3 shell: the baseline for queries. The shell's own timer
 * rounds sub-millisecond queries to zero, so this is its wall time for N runs of the query
 * minus N runs of SELECT 1 (start-up and output), divided by N.
 */
function shellMs(file: string, sql: string, params: readonly SqlValue[], runs: number): number | null {
  let i = 0;
  // Both kinds of parameter: `?` in turn, and `?N` by number.
  const inlined = sql.replace(/\?(\d+)?/g, (_, n: string | undefined) => {
    const v = n ? params[Number(n) - 1] : params[i++];
    return typeof v === 'number' ? String(v) : v === null || v === undefined ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`;
  }).replace(/\s+/g, ' ');
  const wall = (statement: string) => {
    const script = ['.output /dev/null', ...Array.from({ length: runs }, () => `${statement};`)].join('\n');
    const start = performance.now();
    execFileSync('sqlite3', ['-readonly', file], { input: script, maxBuffer: 1 << 30 });
    return performance.now() - start;
  };
  try {
    wall(inlined); // warm the page cache as the core's runs are warm
    const samples = Array.from({ length: 3 }, () => (wall(inlined) - wall('SELECT 1')) / runs);
    return Math.max(median(samples), 0.001);
  } catch {
    return null; // no sqlite3 shell on this machine
  }
}

async function measure(size: number) {
  const dir = await prepare(size);
  const file = join(dir, DATABASE_FILE);
  record('open the core (migrations checked)', size, await time(5, async () => (await open(dir)).close()), '≤ 300 ms at 1M');

  const core = await open(dir);
  const session = core.createSession();
  // A bench operator who can sign in.
  const name = `Bench ${randomUUID().slice(0, 8)}`;
  const { createOperator } = await import('../../electron/core/operators/operators');
  const op = await core.store.write(null, (w) => createOperator(w, Date.now(), { name, pin: '2468', role: 'administrator', language: 'en' }));
  session.operatorId = op.id;
  const invoke = async (channel: Parameters<Core['invoke']>[1], input: unknown) => {
    const r = await core.invoke(session, channel, input);
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.value;
  };

  const filters: [string, QueueFilter][] = [
    ['waiting', { queue: 'waiting' }], ['active', { queue: 'active' }], ['closure', { queue: 'closure' }],
    ['active, district Jableh', { queue: 'active', district: 'jableh' }], ['waiting, priority 1', { queue: 'waiting', priority: 1 }],
  ];
  // The floor under every channel: one statement's round trip through the sqlite3 package's
  // thread pool, which the shell does not pay. Queue pages of 0.1–0.5 ms are within a few of it.
  record('reader round trip (SELECT 1, no channel)', size, await time(4 * RUNS, () => core.store.reader.all('SELECT 1')), '—');
  for (const [label, filter] of filters) {
    // More runs than the other reads: a sample is a fraction of a millisecond, and the event loop's jitter is not.
    const samples = await time(4 * RUNS, () => invoke('incidents.queue', filter));
    const { sql, params } = queueSql(filter);
    record(`queue: ${label}`, size, samples, '≤ 5 ms at 1M, ≤ 2× shell', shellMs(file, sql, params, 200));
  }

  const call: Input<'incidents.log'> = {
    receivedAt: Date.now(), source: 'phone', type: 'fire', priority: 2, location: { district: 'latakia', locality: 'bench' },
    description: 'benchmark call', reported: { trapped: 0, injured: 1, dead: 0 },
  };
  // More runs than the reads: every few dozen commits one also checkpoints the WAL, and a median of 15 can land on it.
  const created = await time(4 * RUNS, () => invoke('incidents.log', call));
  // Baseline: a bare INSERT of the same row, in its own transaction, on a connection of its own.
  const raw = await Connection.open(file, 'readwrite');
  await raw.exec('PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL;');
  const bare = await time(RUNS, () => raw.run(
    `INSERT INTO incidents (id, number, type, priority, status, district, locality, locality_key, trapped, injured, dead, received_at, status_at, created_by)
     VALUES (?, 'BENCH', 'fire', 2, 'cancelled', 'latakia', 'bench', 'bench', 0, 1, 0, ?, ?, ?)`,
    [randomUUID(), Date.now(), Date.now(), op.id]));
  await raw.run("DELETE FROM incidents WHERE number = 'BENCH'");
  await raw.close();
  record('create one incident through the full API', size, created, '≤ 5 ms', median(bare));

  const ids = (await core.store.reader.all<{ id: string }>('SELECT id FROM incidents ORDER BY random() LIMIT 50')).map((r) => r.id);
  let k = 0;
  record('incident view (timeline, calls, assignments)', size, await time(RUNS, () => invoke('incidents.get', { id: ids[k++ % ids.length] })), '≤ 5 ms');
  record('team board', size, await time(RUNS, () => invoke('teams.board', {})), '—');
  // A page of either reads each field's writes once (tests/bench/history.ts: a field written thousands of times).
  record('audit trail: whole log, first page (200)', size, await time(RUNS, () => invoke('audit.list', {})), '—');
  record('conflicts view: first page', size, await time(RUNS, () => invoke('sync.conflicts', {})), '—');
  await measureStatistics(core, invoke, file, size);
  table.push({ operation: 'main-process memory (RSS, MB)', size, medianMs: process.memoryUsage().rss / 1048576, worstMs: process.memoryUsage().rss / 1048576, baselineMs: null, ratio: null, target: '≤ 250 MB at 1M' });
  await core.close();
}

/**
 * Each chart of the statistics screen: the statements it runs (named by the comment each one
 * carries), timed through the core and in the sqlite3 shell; then the whole screen.
 */
async function measureStatistics(core: Core, invoke: (channel: Parameters<Core['invoke']>[1], input: unknown) => Promise<unknown>, file: string, size: number) {
  const latest = (await core.store.reader.get<{ at: number }>('SELECT max(received_at) AS at FROM incidents'))!.at;
  const date = (ms: number) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 10); // the bench post is in Damascus, UTC+3
  const timeZone = core.context.settings.read().post?.timeZone ?? 'UTC';
  // The default view over a month and a year, and a year of one district (filters read other rollups).
  for (const [label, days, filters] of [['30 days', 30, {}], ['12 months', 365, {}], ['12 months, Jableh', 365, { district: 'jableh' }]] as const) {
    const query = { period: { from: date(latest - (days - 1) * 86_400_000), to: date(latest) }, filters };
    const statements: { sql: string; params: SqlValue[] }[] = [];
    const reader = core.store.reader;
    const recorder = {
      all: (sql: string, params: SqlValue[] = []) => { statements.push({ sql, params }); return reader.all(sql, params); },
      get: (sql: string, params: SqlValue[] = []) => { statements.push({ sql, params }); return reader.get(sql, params); },
    } as unknown as Connection;
    await statsReport(recorder, statsQuery.parse(query), timeZone, latest);
    const charts = new Map<string, typeof statements>();
    for (const s of statements) {
      const chart = /^\/\* (.+?) \*\//.exec(s.sql)?.[1] ?? 'other';
      charts.set(chart, [...(charts.get(chart) ?? []), s]);
    }
    for (const [chart, list] of charts) {
      const samples = await time(5, async () => { for (const s of list) await reader.all(s.sql, s.params); });
      const shell = list.map((s) => shellMs(file, s.sql, s.params, 5));
      const baseline = shell.every((x) => x !== null) ? shell.reduce((a, b) => a! + b!, 0) : null;
      record(`stats ${label}: ${chart}`, size, samples, '≤ 100 ms at 1M, vs shell', baseline);
    }
    record(`stats ${label}: whole screen (stats.report)`, size, await time(5, () => invoke('stats.report', query)), '—');
  }
  // The operators' queue while a supervisor's year of statistics is being worked out: the
  // report has a reader of its own, so the queue should stay near its idle time.
  const year = { period: { from: date(latest - 364 * 86_400_000), to: date(latest) }, filters: {} };
  const idle = median(await time(RUNS, () => invoke('incidents.queue', { queue: 'waiting' })));
  const busy: number[] = [];
  let done = false;
  const report = invoke('stats.report', year).finally(() => { done = true; });
  while (!done) {
    const started = performance.now();
    await invoke('incidents.queue', { queue: 'waiting' });
    busy.push(performance.now() - started);
  }
  await report;
  record('queue: waiting, during a 12-month stats report', size, busy, '≤ 5 ms at 1M (vs idle)', idle);
}

for (const size of SIZES) {
  process.stderr.write(`${size} incidents…\n`);
  await measure(size);
}

if (process.env.BENCH_HUB !== '0') {
  process.stderr.write('hub…\n');
  // Starts an embedded PostgreSQL of its own in a temporary folder.
  const { measureHub } = await import('./hub');
  await measureHub(record);
}

if (process.env.BENCH_HISTORY !== '0') {
  process.stderr.write('a field written thousands of times…\n');
  const { measureHistory } = await import('./history');
  await measureHistory(record);
}

if (process.env.BENCH_IMPORT !== '0') {
  const rows = Number(process.env.BENCH_IMPORT ?? 100_000) || 100_000;
  process.stderr.write(`import of ${rows} unit rows…\n`);
  const { measureImport } = await import('./importCsv');
  await measureImport(rows, record);
}

if (process.env.BENCH_RENDERER !== '0') {
  process.stderr.write('renderer…\n');
  // Needs `npm run build` first (dist/renderer) and Chromium, as the e2e tests do.
  const { measureRenderer } = await import('./renderer');
  await measureRenderer((operation, samples, target) => record(operation, 5000, samples, target));
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const num = (n: number | null) => (n === null ? '—' : n >= 100 ? n.toFixed(0) : n.toFixed(2));
// The first column as wide as its longest name.
const width = Math.max(46, ...table.map((r) => r.operation.length + 2));
console.log(`${pad('operation', width)}${pad('size', 10)}${pad('median', 10)}${pad('worst', 10)}${pad('baseline', 10)}${pad('ratio', 8)}target`);
for (const r of table) {
  console.log(`${pad(r.operation, width)}${pad(String(r.size), 10)}${pad(num(r.medianMs), 10)}${pad(num(r.worstMs), 10)}${pad(num(r.baselineMs), 10)}${pad(r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`, 8)}${r.target}`);
}
mkdirSync('bench-results', { recursive: true });
const out = join('bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(out, JSON.stringify({ machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, rows: table }, null, 2));
console.log(`\n(times in ms; written to ${out})`);
