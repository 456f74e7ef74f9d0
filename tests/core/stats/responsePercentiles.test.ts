// Binned response-time percentiles checked against sorting every delay and interpolating
// (type 7), on awkward delays: ties filling one bin, negative and zero delays, delays past the
// last bin, fractions of a millisecond, duplicates with extreme delays that must not count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIncidents, type HistoricalIncident } from '../../../electron/core/incidents/importIncidents';
import { localBuckets, type Bucket, type TimeRange } from '../../../electron/core/stats/bucketRanges';
import { responsePercentiles, type Delay } from '../../../electron/core/stats/responsePercentiles';
import { INCIDENT_TYPES, type IncidentType, type Priority } from '../../../shared/domain';
import type { StatsFilters } from '../../../shared/api/types';
import { delayOf, quantile } from './responseDayCounts';
import { openTestCore, type TestCore } from '../testCore';
import type { Reader } from '../../../electron/core/base/handles';

const TZ = 'Europe/Berlin';
const START = Date.UTC(2026, 9, 20, 0, 0); // a week across the autumn clock change
const END = Date.UTC(2026, 9, 27, 0, 0);
const SEC = 1000;
const HOUR = 3_600_000;

interface Row {
  received_at: number; dispatched_at: number | null; on_scene_at: number | null;
  type: string; district: string; priority: number; cancel_reason: string | null;
}

function expected(rows: Row[], ranges: TimeRange[], filters: StatsFilters, delay: Delay) {
  const values = rows
    .filter((r) => ranges.some((x) => r.received_at >= x.start && r.received_at < x.end))
    .filter((r) => (!filters.district || r.district === filters.district) && (!filters.type || r.type === filters.type) && (!filters.priority || r.priority === filters.priority))
    .map((r) => delayOf(r, delay)).filter((v): v is number => v !== null);
  return values.length === 0 ? undefined : { n: values.length, p50: quantile(values, 0.5), p90: quantile(values, 0.9) };
}

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

function incident(receivedAt: number, dispatchDelay: number | null, sceneDelay: number | null, more: Partial<HistoricalIncident> = {}): HistoricalIncident {
  const dispatchedAt = dispatchDelay === null ? null : receivedAt + dispatchDelay;
  return {
    type: 'fire', priority: 2, district: 'jableh', subdistrict: null, locality: null, landmark: null, lat: null, lon: null,
    description: null, trapped: 0, injured: 0, dead: 0, receivedAt, dispatchedAt,
    onSceneAt: dispatchedAt === null || sceneDelay === null ? null : dispatchedAt + sceneDelay,
    clearedAt: null, closedAt: null, cancelledAt: null, cancelReason: null,
    calls: [{ receivedAt, source: 'phone', callerName: null, callerPhone: null, description: null, trapped: 0, injured: 0, dead: 0 }],
    ...more,
  };
}

let t: TestCore;
let rows: Row[];
/** Instants of incidents placed on purpose, for buckets of one and two delays. */
const ALONE = Date.UTC(2026, 9, 21, 3, 17);
const PAIR = Date.UTC(2026, 9, 22, 3, 17);

beforeAll(async () => {
  t = await openTestCore();
  const operator = (await t.call('session.current', {}))!;
  const next = random(7);
  const districts = ['jableh', 'latakia', 'qardaha'];
  const incidents: HistoricalIncident[] = [];
  for (let i = 0; i < 700; i++) {
    // Whole ms apart and never on ALONE or PAIR (those minutes are kept free).
    let at = START + Math.floor(next() * (END - START));
    if (Math.abs(at - ALONE) < 60_000 || Math.abs(at - PAIR) < 60_000) at += 120_000;
    const kind = next();
    const dispatch = kind < 0.2 ? 60 * SEC // ties: one bin holds many equal delays
      : kind < 0.25 ? -Math.floor(next() * 30 * SEC) // clock skew
      : kind < 0.28 ? 0
      : kind < 0.31 ? (40 + next() * 300) * HOUR // beyond the last bin
      : kind < 0.36 ? null // never dispatched
      : Math.exp(Math.log(20 * SEC) + next() * Math.log(400)) + 0.25; // 20 s to 2 h, fractions of a ms
    const scene = next() < 0.1 ? null : next() < 0.1 ? -Math.floor(next() * 5000) : next() < 0.15 ? 14 * 60 * SEC : next() * 3 * HOUR;
    incidents.push(incident(at, dispatch, scene, {
      district: districts[Math.floor(next() * districts.length)]!,
      type: INCIDENT_TYPES[Math.floor(next() * 4)] as IncidentType,
      priority: (1 + Math.floor(next() * 3)) as Priority,
    }));
  }
  // Duplicates with delays that would move every percentile if they were counted.
  for (let i = 0; i < 60; i++) {
    const at = START + Math.floor(next() * (END - START));
    incidents.push(incident(at, 500 * HOUR, 500 * HOUR, { cancelledAt: at + HOUR, cancelReason: 'duplicate' }));
  }
  incidents.push(incident(ALONE, 95 * SEC, 11 * 60 * SEC));
  // Two delays in different bins: the median lies between them.
  incidents.push(incident(PAIR, 30 * SEC, 5 * 60 * SEC), incident(PAIR + 1, 45 * 60 * SEC, 7 * 60 * SEC));
  await t.core.store.write(operator.id, (w) => importIncidents(w, operator.id, { post: { code: 'LTK', timeZone: TZ }, letter: 'A' }, incidents));
  rows = await t.core.store.reader.all<Row>('SELECT received_at, dispatched_at, on_scene_at, type, district, priority, cancel_reason FROM incidents');
});
afterAll(async () => t?.close());

async function check(buckets: Bucket<string | number>[], filters: StatsFilters, delay: Delay) {
  const got = await responsePercentiles(t.core.store.reader, 'test', buckets, filters, delay);
  for (const b of buckets) expect(got.byKey.get(b.key), `${delay} ${String(b.key)}`).toEqual(expected(rows, b.ranges, filters, delay));
  expect(got.overall).toEqual(expected(rows, buckets.flatMap((b) => b.ranges), filters, delay) ?? null);
  return got;
}

describe('response-time percentiles by bins', () => {
  it('match a plain sort per local day, with ties, skewed clocks, huge delays and duplicates left out', async () => {
    const days = localBuckets(TZ, START - 86_400_000, END + 86_400_000, 'day'); // a quiet day at each end
    for (const delay of ['dispatch', 'scene'] as const) {
      const got = await check(days, {}, delay);
      expect(got.byKey.size).toBe(days.length - 2);
    }
    // The data really has what the test says it has.
    const dispatch = rows.map((r) => delayOf(r, 'dispatch')).filter((v): v is number => v !== null);
    expect(dispatch.filter((v) => v === 60 * SEC).length).toBeGreaterThan(100);
    expect(dispatch.some((v) => v < 0) && dispatch.some((v) => v === 0) && dispatch.some((v) => v > 40 * HOUR)).toBe(true);
    expect(dispatch.some((v) => !Number.isInteger(v))).toBe(true);
  });

  it('match per hour across the repeated hour of the clock change, and per month', async () => {
    for (const delay of ['dispatch', 'scene'] as const) {
      await check(localBuckets(TZ, Date.UTC(2026, 9, 24, 12), Date.UTC(2026, 9, 26, 0), 'hour'), {}, delay);
      await check(localBuckets(TZ, START, END, 'month'), {}, delay);
    }
  });

  it('match with filters, one at a time and together', async () => {
    const days = localBuckets(TZ, START, END, 'day');
    for (const filters of [{ district: 'latakia' }, { priority: 1 as const }, { type: INCIDENT_TYPES[1], district: 'jableh', priority: 3 as const }]) {
      for (const delay of ['dispatch', 'scene'] as const) await check(days, filters, delay);
    }
  });

  it('one delay is its own median and 90th percentile; two are interpolated across bins', async () => {
    const alone = { key: 'alone', ranges: [{ start: ALONE, end: ALONE + 1 }] };
    const pair = { key: 'pair', ranges: [{ start: PAIR, end: PAIR + 2 }] };
    const empty = { key: 'empty', ranges: [{ start: END + 86_400_000, end: END + 2 * 86_400_000 }] };
    const got = await check([alone, pair, empty], {}, 'dispatch');
    expect(got.byKey.get('alone')).toEqual({ n: 1, p50: 95 * SEC, p90: 95 * SEC });
    expect(got.byKey.get('pair')).toEqual({ n: 2, p50: (30 * SEC + 45 * 60 * SEC) / 2, p90: 30 * SEC + 0.9 * (45 * 60 * SEC - 30 * SEC) });
    expect(got.byKey.has('empty')).toBe(false);
  });

  it('a bucket of several ranges counts each once; nothing at all gives nothing', async () => {
    const split = { key: 'split', ranges: [{ start: START, end: START + 30 * HOUR }, { start: START + 50 * HOUR, end: START + 70 * HOUR }] };
    const rest = { key: 'rest', ranges: [{ start: START + 30 * HOUR, end: START + 50 * HOUR }] };
    await check([split, rest], {}, 'scene');
    expect(await responsePercentiles(t.core.store.reader, 'test', [], {}, 'dispatch')).toEqual({ byKey: new Map(), overall: null });
    expect((await responsePercentiles(t.core.store.reader, 'test', [{ key: 0, ranges: [{ start: END + HOUR, end: END + 2 * HOUR }] }], {}, 'scene')).overall).toBeNull();
  });

  it('reads the bins\' covering indexes, filtered or not', async () => {
    const plans: string[] = [];
    const reader = t.core.store.reader;
    const watched = {
      async all<T>(sql: string, params: readonly (string | number | null)[] = []): Promise<T[]> {
        plans.push((await reader.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((p) => p.detail).join('\n'));
        return reader.all<T>(sql, params);
      },
    } as Reader;
    for (const delay of ['dispatch', 'scene'] as const) {
      for (const filters of [{}, { district: 'jableh', priority: 2 as const }]) {
        await responsePercentiles(watched, 'test', localBuckets(TZ, START, END, 'day'), filters, delay);
      }
    }
    expect(plans).toHaveLength(8);
    for (const plan of plans) {
      // Every read of incidents is a seek by bin and time range, on the covering index.
      const reads = plan.split('\n').filter((line) => /\bincidents\b/.test(line));
      expect(reads.length).toBeGreaterThan(0);
      for (const read of reads) expect(read).toMatch(/SEARCH incidents (EXISTS )?USING COVERING INDEX incidents_(dispatch|scene)_bins \(<expr>=\? AND received_at>\? AND received_at<\?\)/);
    }
  });
});

describe('response-time percentiles while calls keep coming', () => {
  it('a write between the passes is noticed and the delays are counted again: the answer is that of the state after it', async () => {
    const own = await openTestCore();
    try {
      const operator = (await own.call('session.current', {}))!;
      const add = (from: number, count: number, delay: (i: number) => number) => own.core.store.write(operator.id, (w) => importIncidents(w, operator.id, { post: { code: 'LTK', timeZone: TZ }, letter: 'A' },
        Array.from({ length: count }, (_, i) => incident(START + from + i * 60_000, delay(i), 5 * 60 * SEC))));
      await add(0, 900, (i) => 30 * SEC + (i % 97) * 1000);
      const reader = own.core.store.reader;
      let statements = 0;
      let written = false;
      // A real write on the writer, landing after the first statement of the first attempt.
      const busy = {
        async all<T>(sql: string, params: readonly (string | number | null)[] = []): Promise<T[]> {
          statements += 1;
          const rows = await reader.all<T>(sql, params);
          if (!written) {
            written = true;
            // Into the bins that hold the median and the 90th percentile, which pass 2 sorts.
            await add(HOUR, 400, (i) => (i % 2 ? 76 : 118) * SEC + (i % 13) * 100);
          }
          return rows;
        },
      } as Reader;
      const day = [{ key: 'day', ranges: [{ start: START, end: START + 86_400_000 }] }];
      const before = expected(await reader.all<Row>('SELECT received_at, dispatched_at, on_scene_at, type, district, priority, cancel_reason FROM incidents'), day[0]!.ranges, {}, 'dispatch');
      const got = await responsePercentiles(busy, 'test', day, {}, 'dispatch');
      const after = await reader.all<Row>('SELECT received_at, dispatched_at, on_scene_at, type, district, priority, cancel_reason FROM incidents');
      expect(after).toHaveLength(1300);
      expect(got.overall).toEqual(expected(after, day[0]!.ranges, {}, 'dispatch'));
      expect(got.overall).not.toEqual(before);
      // Counted again: more statements than one attempt takes.
      const once = { n: 0 };
      await responsePercentiles({ all: (sql, params) => { once.n += 1; return reader.all(sql, params); } } as Reader, 'test', day, {}, 'dispatch');
      expect(statements).toBeGreaterThan(once.n);
    } finally {
      await own.close();
    }
  });
});
