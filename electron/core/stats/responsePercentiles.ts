// Median and 90th percentile of a response time per bucket, exact, without sorting the period.
// The definition is percentiles.ts's (linear interpolation between closest ranks, type 7):
// x_k + f·(x_{k+1} − x_k) with k + f = p·(n − 1) over the n sorted delays.
//
// Delays are binned in an index (migration 010): a bin's delays all sort before the next
// bin's. Pass 1 (responseCounts.ts) counts the delays of each bin in each time range, from the
// index or, for whole local days, from a daily rollup of those counts (migration 014); those
// counts say which bin holds rank k and k + 1 and where within it. Pass 2 (responseRanks.ts)
// sorts only those bins, or the part of them that holds the ranks, within the bucket's ranges.
import type { StatsFilters } from '../../../shared/api/types';
import { LAST_RESPONSE_BIN } from '../db/migrations/010_response_bins';
import type { Bucket, TimeRange } from './bucketRanges';
import { countBins, type DayRollup, type Delay } from './responseCounts';
import { CountsMoved, delaysAtRanks } from './responseRanks';
import type { Reader } from '../base/handles';

export type { DayRollup, Delay } from './responseCounts';

/** Over the delays of a bucket, in ms. */
export interface Percentiles {
  n: number;
  p50: number;
  p90: number;
}

export interface ResponsePercentiles<K> {
  /** Buckets with no delay are left out. */
  byKey: Map<K, Percentiles>;
  /** Over every range of every bucket: the key figure of a chart's period, from the same counts. */
  overall: Percentiles | null;
}

const QUANTILES = { p50: 0.5, p90: 0.9 } as const;

interface Group {
  ranges: TimeRange[];
  /** Delays per bin, over the group's ranges. */
  bins: number[];
  n: number;
}

/** Where rank `rank` (from 0) of a group falls: its bin and its rank within that bin. */
function locate(bins: number[], rank: number): { bin: number; offset: number } {
  let before = 0;
  for (let bin = 0; bin < bins.length; bin++) {
    if (rank < before + bins[bin]!) return { bin, offset: rank - before };
    before += bins[bin]!;
  }
  throw new RangeError(`rank ${rank} beyond ${before} delays`);
}

/** Ranges sorted, with touching ones joined: fewer seeks in pass 2. */
function joined(ranges: TimeRange[]): TimeRange[] {
  const out: TimeRange[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && last.end === r.start) last.end = r.end; else out.push({ ...r });
  }
  return out;
}

/**
 * Median and 90th percentile of call → dispatch or dispatch → on scene for each bucket (its
 * ranges must not overlap another's), over incidents received in its ranges that pass the
 * filters; duplicates are left out. `chart` tags the statements for the benchmark. With
 * `rollup`, whole local days are counted from the daily rollup where it answers.
 */
export async function responsePercentiles<K>(
  db: Reader, chart: string, buckets: Bucket<K>[], filters: StatsFilters, delay: Delay, rollup?: DayRollup,
): Promise<ResponsePercentiles<K>> {
  // The passes are separate statements on a reader: a write committed between them (calls
  // keep coming while a supervisor reads a year) can move the ranks. Counted again, then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await percentilesOnce(db, chart, buckets, filters, delay, rollup);
    } catch (err) {
      if (!(err instanceof CountsMoved) || attempt >= ATTEMPTS) throw err;
    }
  }
}

const ATTEMPTS = 3;

async function percentilesOnce<K>(
  db: Reader, chart: string, buckets: Bucket<K>[], filters: StatsFilters, delay: Delay, rollup?: DayRollup,
): Promise<ResponsePercentiles<K>> {
  // Pass 1: delays per (range, bin).
  const ranges = new Map<string, { id: number; range: TimeRange }>();
  for (const b of buckets) for (const r of b.ranges) if (r.end > r.start && !ranges.has(`${r.start}:${r.end}`)) ranges.set(`${r.start}:${r.end}`, { id: ranges.size, range: r });
  if (ranges.size === 0) return { byKey: new Map(), overall: null };
  const rangeRows = [...ranges.values()];
  const perRange = await countBins(db, chart, delay, rangeRows.map((r) => r.range), filters, rollup);

  // Buckets over the same instants (a lone bucket and the whole period) share one group, so
  // pass 2 sorts their bins once.
  const groups: Group[] = [];
  const bySpan = new Map<string, number>();
  const groupOf = (own: TimeRange[]): number => {
    const spanned = joined(own.filter((r) => r.end > r.start));
    const signature = spanned.map((r) => `${r.start}:${r.end}`).join(',');
    const known = bySpan.get(signature);
    if (known !== undefined) return known;
    const bins = new Array<number>(LAST_RESPONSE_BIN + 1).fill(0);
    for (const r of own) {
      const counts = perRange[ranges.get(`${r.start}:${r.end}`)?.id ?? -1];
      if (counts) counts.forEach((n, bin) => { bins[bin]! += n; });
    }
    bySpan.set(signature, groups.length);
    return groups.push({ ranges: spanned, bins, n: bins.reduce((a, b) => a + b, 0) }) - 1;
  };
  const bucketGroups = buckets.map((b) => groupOf(b.ranges));
  const overallGroup = groupOf(rangeRows.map((r) => r.range));

  // The ranks each group needs, by the bin that holds them.
  const cells = new Map<string, { id: number; group: number; bin: number; offsets: Set<number> }>();
  const wanted = (g: number, rank: number) => {
    const { bin, offset } = locate(groups[g]!.bins, rank);
    const cell = cells.get(`${g}:${bin}`) ?? { id: cells.size, group: g, bin, offsets: new Set<number>() };
    cell.offsets.add(offset);
    cells.set(`${g}:${bin}`, cell);
  };
  const ranksOf = (n: number, p: number) => {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    return { k, f: h - k };
  };
  groups.forEach(({ n }, g) => {
    if (n === 0) return;
    for (const p of Object.values(QUANTILES)) {
      const { k, f } = ranksOf(n, p);
      wanted(g, k);
      if (f > 0) wanted(g, k + 1);
    }
  });

  // Pass 2: the delays of those ranks, each bin sorted (or the piece of it that holds them) within its group's ranges.
  const cellRows = [...cells.values()];
  if (cellRows.length === 0) return { byKey: new Map(), overall: null };
  const values = await delaysAtRanks(db, chart, delay, cellRows.map((c) => ({
    bin: c.bin, ranges: groups[c.group]!.ranges, n: groups[c.group]!.bins[c.bin]!, offsets: [...c.offsets],
  })), filters);
  const valueAt = (g: number, rank: number) => {
    const { bin, offset } = locate(groups[g]!.bins, rank);
    const v = values.get(`${cells.get(`${g}:${bin}`)!.id}:${offset}`);
    if (v === undefined) throw new CountsMoved(`delay of rank ${rank} not found`);
    return v;
  };
  const percentile = (g: number, p: number) => {
    const { k, f } = ranksOf(groups[g]!.n, p);
    const x = valueAt(g, k);
    return f > 0 ? x + f * (valueAt(g, k + 1) - x) : x;
  };
  const result = (g: number): Percentiles | null =>
    groups[g]!.n === 0 ? null : { n: groups[g]!.n, p50: percentile(g, QUANTILES.p50), p90: percentile(g, QUANTILES.p90) };

  const byKey = new Map<K, Percentiles>();
  buckets.forEach((b, i) => {
    const r = result(bucketGroups[i]!);
    if (r) byKey.set(b.key, r);
  });
  return { byKey, overall: result(overallGroup) };
}
