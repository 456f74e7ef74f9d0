// Response-time percentiles counted from the daily rollup of bins (migration 014) equal those
// counted from the index alone and those of a plain sort, over periods of many days: whole days
// with edges mid-day, the autumn clock change in Berlin (25 October 2026), both delays, and
// after every kind of change a delay can go through. The table itself is checked against a
// recomputation with Intl's local dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIncidents, type HistoricalIncident } from '../../../electron/core/incidents/importIncidents';
import { localBuckets, type Bucket, type TimeRange } from '../../../electron/core/stats/bucketRanges';
import { responsePercentiles, type Delay } from '../../../electron/core/stats/responsePercentiles';
import { ensureRollup } from '../../../electron/core/stats/rollup';
import { delaysAtRanks } from '../../../electron/core/stats/responseRanks';
import { binOfDelay, delayOf, expectedResponseDays, quantile, storedResponseDays, type DelayRow } from './responseDayCounts';
import { openTestCore, SETUP, type TestCore } from '../testCore';
import type { Reader } from '../../../electron/core/base/handles';

const TZ = 'Europe/Berlin';
const NOW = Date.UTC(2026, 10, 20, 12);
const FIRST = Date.UTC(2026, 8, 1);
const LAST = Date.UTC(2026, 10, 15);
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 3_600_000;
const DAY = 86_400_000;

function expected(rows: DelayRow[], ranges: TimeRange[], delay: Delay) {
  const values = rows.filter((r) => ranges.some((x) => r.received_at >= x.start && r.received_at < x.end))
    .map((r) => delayOf(r, delay)).filter((v): v is number => v !== null).sort((a, b) => a - b);
  return values.length === 0 ? undefined : { n: values.length, p50: quantile(values, 0.5), p90: quantile(values, 0.9) };
}

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** The bin a quarter of the delays crowd into, most near its lower end: more than pass 2 sorts whole. */
const CROWDED = { from: 45255, to: 49351 };

/** Delays on and just below bin thresholds, ties, skewed clocks, beyond the last bin, crowded, and spread out. */
function someDelay(next: () => number): number {
  const kind = next();
  if (kind < 0.1) return 8724; // exactly a threshold
  if (kind < 0.15) return 8723.5; // a fraction below it
  if (kind < 0.3) return 90 * SEC; // ties
  if (kind < 0.33) return -Math.floor(next() * 20 * SEC);
  if (kind < 0.35) return (40 + next() * 100) * HOUR;
  if (kind < 0.65) return CROWDED.from + Math.floor((CROWDED.to - CROWDED.from) * next() ** 4);
  return Math.exp(Math.log(10 * SEC) + next() * Math.log(500)) + (next() < 0.2 ? 0.25 : 0);
}

let t: TestCore;
let rows: DelayRow[];
const readRows = async () => {
  rows = await t.core.store.reader.all<DelayRow>('SELECT received_at, dispatched_at, on_scene_at, cancel_reason FROM incidents');
};

beforeAll(async () => {
  t = await openTestCore({ setup: false });
  t.clock.time = NOW;
  await t.call('setup.complete', { ...SETUP, post: { ...SETUP.post, timeZone: TZ } });
  const operator = (await t.call('session.current', {}))!;
  const next = random(11);
  const incidents: HistoricalIncident[] = [];
  for (let i = 0; i < 4000; i++) {
    const receivedAt = FIRST + Math.floor(next() * (LAST - FIRST));
    const dispatchedAt = next() < 0.1 ? null : receivedAt + someDelay(next);
    const onSceneAt = dispatchedAt === null || next() < 0.15 ? null : dispatchedAt + someDelay(next);
    const duplicate = next() < 0.05;
    incidents.push({
      type: 'fire', priority: 2, district: next() < 0.5 ? 'jableh' : 'latakia', subdistrict: null, locality: null, landmark: null, lat: null, lon: null,
      description: null, trapped: 0, injured: 0, dead: 0, receivedAt, dispatchedAt, onSceneAt,
      clearedAt: null, closedAt: null, cancelledAt: duplicate ? receivedAt + HOUR : null, cancelReason: duplicate ? 'duplicate' : null,
      calls: [{ receivedAt, source: 'phone', callerName: null, callerPhone: null, description: null, trapped: 0, injured: 0, dead: 0 }],
    });
  }
  // Either side of local midnight, in the hour the clock change repeats, and in the first and
  // last hour of a whole day that a period's edge reaches into near the change (see PERIODS).
  for (const receivedAt of [Date.UTC(2026, 9, 24, 22), Date.UTC(2026, 9, 24, 22) - 1, Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2026, 9, 25, 1, 30),
    Date.UTC(2026, 9, 23, 22, 30), Date.UTC(2026, 9, 26, 22, 30)]) {
    incidents.push({ ...incidents[0]!, receivedAt, dispatchedAt: receivedAt + 2 * MIN, onSceneAt: receivedAt + 9 * MIN, cancelledAt: null, cancelReason: null });
  }
  await t.core.store.write(operator.id, (w) => importIncidents(w, operator.id, { post: { code: 'LTK', timeZone: TZ }, letter: 'A' }, incidents));
  await readRows();
});
afterAll(async () => t?.close());

/** The reader, noting the statements it runs. */
function noting(issued: string[]): Reader {
  const reader = t.core.store.reader;
  return {
    readsDatabase: true,
    all: <T>(sql: string, params?: readonly (string | number | null)[]) => { issued.push(sql); return reader.all<T>(sql, params); },
    get: <T>(sql: string, params?: readonly (string | number | null)[]) => { issued.push(sql); return reader.get<T>(sql, params); },
  };
}

/** How SQLite runs a statement (its parameters are not kept: any values give its plan). */
async function queryPlan(sql: string): Promise<string[]> {
  const plan = await t.core.store.reader.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 0));
  return plan.map((p) => p.detail);
}

/** A read of the incidents by bin and time range, on the bins' covering index. */
const INDEX_SEEK = /SEARCH incidents (EXISTS )?USING COVERING INDEX incidents_(dispatch|scene)_bins \(<expr>=\? AND received_at>\? AND received_at<\?\)/;

/** Periods of many days, most with edges mid-day, some across the clock change. */
const PERIODS: TimeRange[] = [
  { start: Date.UTC(2026, 8, 3, 9, 37), end: Date.UTC(2026, 10, 12, 15, 11) },
  { start: Date.UTC(2026, 9, 25, 0, 40), end: Date.UTC(2026, 9, 31, 1, 20) }, // starts in the repeated hour
  { start: Date.UTC(2026, 9, 18, 22), end: Date.UTC(2026, 9, 28, 23) }, // Berlin midnights, either side of the change
  { start: Date.UTC(2026, 9, 24, 21, 59, 59), end: Date.UTC(2026, 9, 26, 0, 0, 1) },
  // Within two days of the change, an edge's instants run an hour into a whole day (24 October
  // 00:00–01:00, 26 October 23:00–24:00): those are the day's, not the edge's.
  { start: Date.UTC(2026, 9, 23, 15, 5), end: Date.UTC(2026, 9, 27, 10) },
];

/** Rolled up, from the index alone and by a plain sort: all three the same, per bucket and overall. */
async function expectSame(buckets: Bucket<string | number>[], delay: Delay, builtFor = TZ) {
  const issued: string[] = [];
  const rolled = await responsePercentiles(noting(issued), 'test', buckets, {}, delay, { timeZone: TZ, builtFor });
  const raw = await responsePercentiles(t.core.store.reader, 'test', buckets, {}, delay);
  expect(rolled).toEqual(raw);
  for (const b of buckets) expect(rolled.byKey.get(b.key), `${delay} ${String(b.key)}`).toEqual(expected(rows, b.ranges, delay));
  expect(rolled.overall).toEqual(expected(rows, buckets.flatMap((b) => b.ranges), delay) ?? null);
  return issued;
}

async function expectAllSame() {
  await readRows();
  expect(await storedResponseDays(t.core.store.reader)).toEqual(expectedResponseDays(rows, TZ));
  for (const delay of ['dispatch', 'scene'] as const) {
    for (const period of PERIODS) {
      for (const unit of ['month', 'day'] as const) await expectSame(localBuckets(TZ, period.start, period.end, unit), delay);
      await expectSame([{ key: 'all', ranges: [period] }], delay);
    }
  }
}

describe('response-time percentiles from the daily rollup', () => {
  it('equal the index\'s and a plain sort\'s, and read whole days from response_days', async () => {
    await expectAllSame();
    const dispatched = rows.map((r) => delayOf(r, 'dispatch')).filter((v): v is number => v !== null);
    // The data has delays on a threshold and a fraction below it, in neighbouring bins.
    expect(binOfDelay(8724) - binOfDelay(8723.5)).toBe(1);
    expect(dispatched.filter((v) => v === 8724).length && dispatched.filter((v) => v === 8723.5).length).toBeGreaterThan(10);
    const issued = await expectSame(localBuckets(TZ, PERIODS[0]!.start, PERIODS[0]!.end, 'month'), 'scene');
    expect(issued.some((sql) => sql.includes('response_days'))).toBe(true);
  });

  it('read the index only for the partial days at the edges, and only response_days for whole days', async () => {
    const plans = async (buckets: Bucket<string | number>[]) => queryPlan((await expectSame(buckets, 'dispatch'))[0]!);
    // Berlin midnights: no edge, so no index read at all.
    const whole = await plans(localBuckets(TZ, PERIODS[2]!.start, PERIODS[2]!.end, 'day'));
    expect(whole.filter((d) => /\bincidents\b/.test(d))).toEqual([]);
    // Each (range, bin) is one seek of the day rows.
    const days = whole.filter((d) => /\bresponse_days\b/.test(d));
    expect(days.length).toBeGreaterThan(0);
    for (const read of days) expect(read).toMatch(/SEARCH response_days (EXISTS )?USING PRIMARY KEY \(delay=\? AND bin=\? AND day>\? AND day<\?\)/);
    // Mid-day edges: those are seeks by bin and time range on the covering index.
    const edged = await plans([{ key: 'all', ranges: [PERIODS[0]!] }]);
    const reads = edged.filter((d) => /\bincidents\b/.test(d));
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read).toMatch(INDEX_SEEK);
  });

  it('find any rank of a crowded bin exactly, though its delays are not evenly spread as pass 2 first guesses', async () => {
    const period = PERIODS[0]!;
    const bin = binOfDelay(CROWDED.from);
    for (const delay of ['dispatch', 'scene'] as const) {
      const inBin = rows.filter((r) => r.received_at >= period.start && r.received_at < period.end).map((r) => delayOf(r, delay))
        .filter((v): v is number => v !== null && binOfDelay(v) === bin).sort((a, b) => a - b);
      const n = inBin.length;
      expect(n).toBeGreaterThan(500);
      const offsets = [0, 1, Math.floor(n / 10), Math.floor(n / 2), Math.floor(n / 2) + 1, Math.floor(0.9 * n), n - 2, n - 1];
      const issued: string[] = [];
      const got = await delaysAtRanks(noting(issued), 'test', delay, [{ bin, ranges: [period], n, offsets }], {});
      expect(offsets.map((o) => got.get(`0:${o}`))).toEqual(offsets.map((o) => inBin[o]));
      // It was narrowed first: counted below a few values, then sorted in pieces; both read the index by bin and time.
      expect(issued).toHaveLength(2);
      for (const sql of issued) {
        const reads = (await queryPlan(sql)).filter((d) => /\bincidents\b/.test(d));
        expect(reads.length).toBeGreaterThan(0);
        for (const read of reads) expect(read).toMatch(INDEX_SEEK);
      }
    }
  });

  it('stay the same after a dispatch, an arrival on scene, a move across days, a duplicate and back, and a deletion', async () => {
    const open = await t.core.store.reader.all<{ id: string }>('SELECT id FROM incidents WHERE dispatched_at IS NULL AND cancel_reason IS NULL ORDER BY id LIMIT 6');
    expect(open).toHaveLength(6);
    // Dispatched now, long after the call; then on scene.
    for (const [k, { id }] of open.entries()) {
      t.clock.time = NOW + k * 7 * MIN;
      await t.call('incidents.setStatus', { id, status: 'dispatched', withoutTeam: true, note: 'Sent by radio' });
      if (k % 2 === 0) await t.call('incidents.setStatus', { id, status: 'on_scene' });
    }
    await expectAllSame();
    const some = (sql: string) => t.core.store.reader.all<{ id: string }>(sql);
    const [a, b, c, d, e, f, g] = await some(`SELECT id FROM incidents WHERE on_scene_at IS NOT NULL AND cancel_reason IS NULL
      AND received_at BETWEEN ${Date.UTC(2026, 9, 20)} AND ${Date.UTC(2026, 9, 30)} ORDER BY id LIMIT 7`);
    await t.core.store.write(null, async ({ tx }) => {
      await tx.run('UPDATE incidents SET on_scene_at = on_scene_at + 40 * ? WHERE id = ?', [MIN, a!.id]);
      await tx.run('UPDATE incidents SET on_scene_at = NULL WHERE id = ?', [b!.id]);
      // Across local midnight, and into the repeated hour of the clock change: the delays move with the call.
      await tx.run('UPDATE incidents SET received_at = received_at - 2 * ? - 5 * ? WHERE id = ?', [DAY, HOUR, c!.id]);
      await tx.run('UPDATE incidents SET received_at = ?, dispatched_at = ? WHERE id = ?', [Date.UTC(2026, 9, 25, 0, 45), Date.UTC(2026, 9, 25, 0, 47), d!.id]);
      await tx.run("UPDATE incidents SET cancel_reason = 'duplicate', status = 'cancelled' WHERE id IN (?, ?)", [e!.id, f!.id]);
      await tx.run('DELETE FROM incidents WHERE id = ?', [g!.id]);
    });
    await expectAllSame();
    // One duplicate was a mistake; and an edit that moves nothing a delay depends on changes nothing.
    await t.core.store.write(null, async ({ tx }) => {
      await tx.run("UPDATE incidents SET cancel_reason = NULL, status = 'on_scene' WHERE id = ?", [e!.id]);
      await tx.run("UPDATE incidents SET cancel_reason = 'false_alarm', type = 'flood' WHERE id = ?", [f!.id]);
    });
    await expectAllSame();
  });

  it('are rebuilt for another zone, and not read for a zone they are not built for', async () => {
    expect(await ensureRollup(t.core.store, 'Asia/Damascus')).toBe(true);
    expect(await storedResponseDays(t.core.store.reader)).toEqual(expectedResponseDays(rows, 'Asia/Damascus'));
    const buckets = localBuckets(TZ, PERIODS[0]!.start, PERIODS[0]!.end, 'month');
    const issued = await expectSame(buckets, 'scene', 'Asia/Damascus');
    expect(issued.some((sql) => sql.includes('response_days'))).toBe(false);
    // One filter: whole days from response_tallies (migration 018); two: the index alone.
    expect(await ensureRollup(t.core.store, TZ)).toBe(true);
    for (const filters of [{ district: 'jableh' }, { type: 'fire' as const }, { priority: 2 as const }, { district: 'jableh', priority: 2 as const }]) {
      for (const delay of ['dispatch', 'scene'] as const) {
        const filtered: string[] = [];
        const got = await responsePercentiles(noting(filtered), 'test', buckets, filters, delay, { timeZone: TZ, builtFor: TZ });
        expect(got, JSON.stringify(filters)).toEqual(await responsePercentiles(t.core.store.reader, 'test', buckets, filters, delay));
        expect(got.overall, JSON.stringify(filters)).not.toBeNull();
        expect(filtered.some((sql) => sql.includes('response_days'))).toBe(false);
        expect(filtered.some((sql) => sql.includes('response_tallies')), JSON.stringify(filters)).toBe(Object.keys(filters).length === 1);
      }
    }
    await expectAllSame();
  });
});
