// The statistics screen: everything it shows for one period and its filters, with the period
// before it. SQL aggregates over indexed columns, bucketed on the post's local clock; nothing
// here loads incidents into JavaScript to count them. The key figures come from the figure
// modules the shift summary and the command line use too (keyFigures.ts and what it composes).
//
// What is counted: incidents by the time their first call was received, less those cancelled
// as duplicates (duplicateRule.ts). Call → dispatch is the first team's dispatch minus the
// first call; dispatch → on scene is the first team on scene minus that dispatch. Percentiles:
// see percentiles.ts (the definition) and responsePercentiles.ts (how they are found without
// sorting a whole period).
import type { IncidentType } from '../../../shared/domain';
import type { StatsBucket, StatsQuery, StatsReport } from '../../../shared/api/types';
import type { Reader } from '../base/handles';
import { DomainError } from '../base/errors';
import { dayLabel, localDatesToRange, localHourNumberSql } from './localTime';
import { zoneOffsetMs } from '../../../shared/time/zoned';
import { responsePercentiles } from './responsePercentiles';
import { localBuckets } from './bucketRanges';
import { bucketSql, dayNumbers, rollupBucket, SAME } from './bucketSql';
import { incidentCounts } from './incidentCounts';
import { keyFigures } from './keyFigures';
import { incidentsIn, toSeconds, type StatsRange, type StatsScope } from './scope';
import { tag } from './statsSql';
import { teamHours } from './teamHours';
import { rollupZone } from './rollup';
import { MEASURES, planRollup, rollupFrom, rollupHourlyFrom, type Column, type RollupPlan } from './rollupSql';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_PERIOD = 5 * 366 * DAY;

/** The period a query asks for, on the post's clock, and the bucket its charts use. */
export function resolvePeriod(query: StatsQuery, timeZone: string, now: number): StatsRange & { bucket: StatsBucket } {
  let range: StatsRange;
  if ('lastHours' in query.period) {
    range = { start: now - query.period.lastHours * HOUR, end: now };
  } else {
    try {
      range = localDatesToRange(query.period.from, query.period.to, timeZone);
    } catch {
      throw new DomainError('error.invalidInput', undefined, { 'period.from': 'validation.date' });
    }
    if (range.end <= range.start) throw new DomainError('error.invalidInput', undefined, { 'period.to': 'validation.periodOrder' });
  }
  if (range.end - range.start > MAX_PERIOD) throw new DomainError('error.invalidInput', undefined, { 'period.to': 'validation.periodTooLong' });
  const length = range.end - range.start;
  const bucket: StatsBucket = length <= 3 * DAY ? 'hour' : length <= 92 * DAY ? 'day' : 'month';
  return { ...range, bucket };
}

/** Labels of every bucket of a period, in order. */
function bucketLabels(scope: StatsScope, bucket: StatsBucket): string[] {
  if (bucket === 'day') return dayNumbers(scope).map(dayLabel);
  if (bucket === 'month') {
    const months = new Set<string>();
    for (const day of dayNumbers(scope)) months.add(dayLabel(day).slice(0, 7));
    return [...months];
  }
  const labels = new Set<string>();
  for (let t = Math.floor(scope.range.start / HOUR) * HOUR; t < scope.range.end; t += HOUR) labels.add(hourLabel(t, scope.timeZone));
  return [...labels];
}

/** YYYY-MM-DDTHH of the local hour an instant falls in. */
function hourLabel(at: number, timeZone: string): string {
  return new Date(at + zoneOffsetMs(at, timeZone)).toISOString().slice(0, 13);
}

/** SQL for the chart bucket of `received_at`, labelled as bucketLabels labels it. */
function chartBucketSql(scope: StatsScope, bucket: StatsBucket): { sql: string; label: (raw: string | number) => string } {
  if (bucket === 'day') return { sql: bucketSql('day', scope), label: (raw) => dayLabel(Number(raw)) };
  if (bucket === 'month') return { sql: bucketSql('month', scope), label: String };
  // Local hours since the epoch; the label is that local hour's date and hour.
  return { sql: localHourNumberSql('received_at', scope.timeZone, scope.range.start, scope.range.end), label: (raw) => new Date(Number(raw) * HOUR).toISOString().slice(0, 13) };
}

/** Everything the statistics screen shows, for one period and its filters, with the period before it. */
export async function statsReport(db: Reader, query: StatsQuery, timeZone: string, now: number): Promise<StatsReport> {
  const period = resolvePeriod(query, timeZone, now);
  const length = period.end - period.start;
  const scope: StatsScope = { timeZone, range: { start: period.start, end: period.end }, filters: query.filters };
  const previousScope: StatsScope = { ...scope, range: { start: period.start - length, end: period.start } };
  const { from, params } = incidentsIn(scope);
  const chart = chartBucketSql(scope, period.bucket);
  const weekday = bucketSql('weekday', scope);
  const hour = bucketSql('hour', scope);

  // Whole local days come from the daily rollup when it is built for this zone; hour buckets are not in it.
  const builtFor = await rollupZone(db);
  const plan = planRollup(scope.range, timeZone, builtFor);
  const chartPlan = period.bucket === 'hour' ? null : plan;
  const chartColumn = period.bucket === 'hour' ? null : rollupBucket(period.bucket, scope);
  /** A statement over the rollup plus the edges, or over the incidents: the same rows either way. */
  const either = (p: RollupPlan | null, columns: Record<string, Column>, rolled: (from: string) => string, raw: (from: string) => string, s: StatsScope = scope, groupFirst?: ('day' | 'type')[]) => {
    const r = p ? rollupFrom(p, s.filters, columns, groupFirst) : null;
    const f = incidentsIn(s);
    return r ? { sql: rolled(r.from), params: r.params } : { sql: raw(f.from), params: f.params };
  };
  const districtCounts = (s: StatsScope) => incidentCounts(db, s, 'district', planRollup(s.range, timeZone, builtFor), 'by district');
  const byTypeQuery = either(chartPlan, { b: chartColumn ?? SAME(chart.sql), type: SAME('type'), n: MEASURES.n },
    (f) => `SELECT b, type, sum(n) AS n ${f} GROUP BY b, type`, (f) => `SELECT ${chart.sql} AS b, type, count(*) AS n ${f} GROUP BY b, type`, scope, ['day', 'type']);
  const heatQuery = plan
    ? ((r) => ({ sql: `SELECT weekday, hour, sum(n) AS n ${r.from} GROUP BY 1, 2 HAVING sum(n) > 0`, params: r.params }))(rollupHourlyFrom(plan, scope.filters, { weekday: rollupBucket('weekday', scope) }, hour))
    : { sql: `SELECT ${weekday} AS weekday, ${hour} AS hour, count(*) AS n ${from} GROUP BY 1, 2`, params };
  const casualtiesQuery = either(chartPlan, { b: chartColumn ?? SAME(chart.sql), trapped: MEASURES.trapped, injured: MEASURES.injured, dead: MEASURES.dead, closed: MEASURES.closed, cancelled: MEASURES.cancelled },
    (f) => `SELECT b, sum(trapped) AS trapped, sum(injured) AS injured, sum(dead) AS dead, sum(closed) AS closed, sum(cancelled) AS cancelled ${f} GROUP BY b`,
    (f) => `SELECT ${chart.sql} AS b, sum(trapped) AS trapped, sum(injured) AS injured, sum(dead) AS dead,
         count(*) FILTER (WHERE status = 'closed') AS closed, count(*) FILTER (WHERE status = 'cancelled') AS cancelled ${f} GROUP BY b`, scope, ['day']);

  const hours = await teamHours(db, scope, now, 'team utilisation', builtFor);
  // Per bucket, and over the whole period for the key figures, from one count of the bins.
  const chartBuckets = localBuckets(timeZone, period.start, period.end, period.bucket);
  const [dispatchTimes, sceneTimes] = await Promise.all([
    responsePercentiles(db, 'response times', chartBuckets, query.filters, 'dispatch', { timeZone, builtFor }),
    responsePercentiles(db, 'response times', chartBuckets, query.filters, 'scene', { timeZone, builtFor }),
  ]);
  const [current, previous, byType, heat, districts, previousDistricts, casualties] = await Promise.all([
    keyFigures(db, scope, now, { hours, response: { dispatch: dispatchTimes.overall, scene: sceneTimes.overall }, builtFor }),
    keyFigures(db, previousScope, now, { builtFor }),
    db.all<{ b: string | number; type: IncidentType; n: number }>(tag('by type', byTypeQuery.sql), byTypeQuery.params),
    db.all<{ weekday: number; hour: number; n: number }>(tag('heat map', heatQuery.sql), heatQuery.params),
    districtCounts(scope),
    districtCounts(previousScope),
    db.all<{ b: string | number; trapped: number; injured: number; dead: number; closed: number; cancelled: number }>(tag('casualties', casualtiesQuery.sql), casualtiesQuery.params),
  ]);
  const dispatch = [...dispatchTimes.byKey].map(([b, p]) => ({ b, p50: p.p50, p90: p.p90 }));
  const scene = [...sceneTimes.byKey].map(([b, p]) => ({ b, p50: p.p50, p90: p.p90 }));
  const previousByDistrict = new Map(previousDistricts.map((d) => [d.key, d.count]));

  const buckets = bucketLabels(scope, period.bucket);
  const byBucket = <T>(rows: { b: string | number }[], pick: (row: never) => T) => new Map(rows.map((r) => [chart.label(r.b), pick(r as never)]));
  const dispatchBy = byBucket(dispatch, (r: { p50: number; p90: number }) => r);
  const sceneBy = byBucket(scene, (r: { p50: number; p90: number }) => r);
  const casualtiesBy = byBucket(casualties, (r: { trapped: number; injured: number; dead: number; closed: number; cancelled: number }) => r);

  return {
    start: period.start, end: period.end, previousStart: previousScope.range.start, bucket: period.bucket, buckets,
    totals: current, previous,
    byBucketType: byType.map((r) => ({ bucket: chart.label(r.b), type: r.type, count: r.n })),
    heat: heat.map((r) => ({ weekday: r.weekday, hour: r.hour, count: r.n })),
    // A district quiet now but busy before is shown too: the drop is the news.
    byDistrict: [...new Set([...districts.map((d) => d.key), ...previousByDistrict.keys()])]
      .map((district) => ({ district, count: districts.find((d) => d.key === district)?.count ?? 0, previous: previousByDistrict.get(district) ?? 0 }))
      .sort((a, b) => b.count - a.count || a.district.localeCompare(b.district)),
    responseByBucket: buckets.filter((b) => dispatchBy.has(b) || sceneBy.has(b)).map((b) => ({
      bucket: b,
      dispatchMedianSec: toSeconds(dispatchBy.get(b)?.p50), dispatchP90Sec: toSeconds(dispatchBy.get(b)?.p90),
      sceneMedianSec: toSeconds(sceneBy.get(b)?.p50), sceneP90Sec: toSeconds(sceneBy.get(b)?.p90),
    })),
    casualtiesByBucket: buckets.map((b) => {
      const r = casualtiesBy.get(b);
      return { bucket: b, trapped: r?.trapped ?? 0, injured: r?.injured ?? 0, dead: r?.dead ?? 0, closed: r?.closed ?? 0, cancelled: r?.cancelled ?? 0 };
    }),
    teamHours: hours,
  };
}
