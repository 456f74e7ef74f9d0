// Pass 1 of responsePercentiles.ts: how many delays each time range holds in each bin. From the
// bins' covering indexes (migration 010), one seek per (range, bin); and, unfiltered or with one
// filter, for the whole local days of a range, from response_days (migration 014) or
// response_tallies (018) when the rollup is built for the post's zone: a year then reads a few
// hundred day rows a day at most instead of ~330k index entries.
import type { StatsFilters } from '../../../shared/api/types';
import { DISPATCH_DELAY, LAST_RESPONSE_BIN, SCENE_DELAY, responseBinSql } from '../db/migrations/010_response_bins';
import type { TimeRange } from './bucketRanges';
import { offsetSegments } from './localTime';
import { planRollup, type RollupPlan } from './rollupSql';
import { filterSql, tag, type Params } from './statsSql';
import type { Reader } from '../base/handles';

export type Delay = 'dispatch' | 'scene';

export const DELAYS: Record<Delay, { value: string; bin: string; known: string }> = {
  // `known` with filterSql's duplicate condition spells the partial index's WHERE, so SQLite may use it.
  dispatch: { value: DISPATCH_DELAY, bin: responseBinSql(DISPATCH_DELAY), known: 'dispatched_at IS NOT NULL' },
  scene: { value: SCENE_DELAY, bin: responseBinSql(SCENE_DELAY), known: 'on_scene_at IS NOT NULL AND dispatched_at IS NOT NULL' },
};

/** The post's zone and the zone the rollup is built for (rollupZone): whole local days are read from it when they agree. */
export interface DayRollup {
  timeZone: string;
  builtFor: string | null;
}

const DAY = 86_400_000;
/** No local day is shorter: a shorter range (an hour bucket) holds no whole day, and is not planned. */
const SHORTEST_DAY = DAY / 2;

/** A range's instants outside the local days [firstDay, endDay), as time ranges (one per offset in force). */
function outsideDays(range: TimeRange, plan: RollupPlan): TimeRange[] {
  const out: TimeRange[] = [];
  const segments = offsetSegments(plan.timeZone, range.start, range.end);
  segments.forEach(({ from, offset }, i) => {
    const to = segments[i + 1]?.from ?? range.end;
    // Under one offset, instant t is on day floor((t + offset) / DAY): the whole days are one span of instants.
    const inLo = Math.max(from, plan.firstDay * DAY - offset);
    const inHi = Math.min(to, plan.endDay * DAY - offset);
    const pieces = inLo < inHi ? [{ start: from, end: inLo }, { start: inHi, end: to }] : [{ start: from, end: to }];
    for (const p of pieces) if (p.end > p.start) out.push(p);
  });
  return out;
}

/**
 * Delays per bin for each range (index i of the result is ranges[i]), over incidents that pass
 * the filters, duplicates left out.
 */
export async function countBins(
  db: Reader, chart: string, delay: Delay, ranges: readonly TimeRange[], filters: StatsFilters, rollup?: DayRollup,
): Promise<number[][]> {
  const d = DELAYS[delay];
  const filter = filterSql(filters);
  const where = `${d.known} AND ${filter.where.join(' AND ')}`;
  // Whole days come from response_days unfiltered, from response_tallies (018) with one filter;
  // with two or more, everything from the index.
  const given = (['district', 'type', 'priority'] as const).filter((dim) => filters[dim] !== undefined);
  const single = given.length === 1 ? { dim: given[0]!, value: filters[given[0]!]! } : null;
  const rolled = given.length === 0 || single !== null;
  const table = single
    ? { name: 'response_tallies', where: 'AND dim = ? AND value = ?', params: [single.dim, single.value] }
    : { name: 'response_days', where: '', params: [] };

  // Whole days from response_days; the rest of each range (all of it, or the partial days at its edges) from the index.
  const days: { r: number; first: number; end: number }[] = [];
  const seeks: { r: number; range: TimeRange }[] = [];
  ranges.forEach((range, r) => {
    const plan = rollup && rolled && range.end - range.start >= SHORTEST_DAY ? planRollup(range, rollup.timeZone, rollup.builtFor) : null;
    if (!plan) {
      if (range.end > range.start) seeks.push({ r, range });
      return;
    }
    days.push({ r, first: plan.firstDay, end: plan.endDay });
    for (const [start, end] of plan.edges) if (end > start) for (const piece of outsideDays({ start, end }, plan)) seeks.push({ r, range: piece });
  });

  // Both sources are read alike: one seek per (range, bin), in the bins that have any delay
  // between the first and last instant or day sought (one seek each) rather than in all of them.
  const ctes = [`bins(bin) AS (SELECT 0 UNION ALL SELECT bin + 1 FROM bins WHERE bin < ${LAST_RESPONSE_BIN})`];
  const selects: string[] = [];
  const params: Params = [];
  if (seeks.length > 0) {
    const hull = [Math.min(...seeks.map((s) => s.range.start)), Math.max(...seeks.map((s) => s.range.end))];
    ctes.push(`ranges(r, lo, hi) AS (VALUES ${seeks.map(() => '(?, ?, ?)').join(', ')})`,
      `live AS MATERIALIZED (SELECT bin FROM bins WHERE EXISTS (SELECT 1 FROM incidents WHERE ${d.bin} = bins.bin
        AND received_at >= ? AND received_at < ? AND ${where}))`,
      `counts AS MATERIALIZED (SELECT r, bin, (SELECT count(*) FROM incidents WHERE ${d.bin} = live.bin
        AND received_at >= ranges.lo AND received_at < ranges.hi AND ${where}) AS n FROM ranges, live)`);
    params.push(...seeks.flatMap(({ r, range }) => [r, range.start, range.end]), ...hull, ...filter.params, ...filter.params);
    selects.push('SELECT r, bin, n FROM counts WHERE n > 0');
  }
  if (days.length > 0) {
    const hull = [Math.min(...days.map((x) => x.first)), Math.max(...days.map((x) => x.end))];
    ctes.push(`days(r, first, stop) AS (VALUES ${days.map(() => '(?, ?, ?)').join(', ')})`,
      `dayBins AS MATERIALIZED (SELECT bin FROM bins WHERE EXISTS (SELECT 1 FROM ${table.name} WHERE delay = ? ${table.where} AND bin = bins.bin
        AND day >= ? AND day < ?))`,
      `dayCounts AS MATERIALIZED (SELECT r, bin, (SELECT sum(n) FROM ${table.name} WHERE delay = ? ${table.where} AND bin = dayBins.bin
        AND day >= days.first AND day < days.stop) AS n FROM days, dayBins)`);
    params.push(...days.flatMap(({ r, first, end }) => [r, first, end]), delay, ...table.params, ...hull, delay, ...table.params);
    selects.push('SELECT r, bin, n FROM dayCounts WHERE n > 0');
  }

  const perRange = ranges.map(() => new Array<number>(LAST_RESPONSE_BIN + 1).fill(0));
  if (selects.length === 0) return perRange;
  const counted = await db.all<{ r: number; bin: number; n: number }>(tag(chart, `WITH ${ctes.join(',\n     ')}\n     ${selects.join('\n     UNION ALL ')}`), params);
  for (const c of counted) perRange[c.r]![c.bin]! += c.n;
  return perRange;
}
