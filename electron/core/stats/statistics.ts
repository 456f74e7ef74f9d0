// The numbers behind the statistics screen, the `stats` command and the shift summary: SQL
// aggregates over indexed columns, bucketed on the post's local clock. Nothing here loads
// incidents into JavaScript to count them.
//
// What is counted: incidents by the time their first call was received. An incident
// cancelled as a duplicate is the same emergency as another one and is left out.
// Call → dispatch is the first team's dispatch minus the first call; dispatch → on scene is
// the first team on scene minus that dispatch. Percentiles: see percentiles.ts (the definition)
// and responsePercentiles.ts (how they are found without sorting a whole period).
import { OPEN_STATUSES, type IncidentType } from '../../../shared/domain';
import type { StatsBucket, StatsFilters, StatsQuery, StatsReport, StatsTotals } from '../../../shared/api/types';
import { DomainError } from '../base/errors';
import { dayLabel, localDatesToRange, localDaySql, localHourNumberSql, localHourSql, localMonthSql, localWeekdaySql } from './localTime';
import { zoneOffsetMs } from '../../../shared/time/zoned';
import { percentileSql } from './percentiles';
import { responsePercentiles, type Delay, type Percentiles } from './responsePercentiles';
import { localBuckets } from './bucketRanges';
import { DUPLICATES, filterSql, hasFilters, tag, type Params, type StatsRange, type StatsScope } from './statsSql';
import { teamHours } from './teamHours';
import { rollupZone } from './rollup';
import { MEASURES, planRollup, rollupFilterSql, rollupFrom, rollupHourlyFrom, type Column, type RollupPlan } from './rollupSql';
import type { Reader } from '../base/handles';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_PERIOD = 5 * 366 * DAY;

export type { StatsRange, StatsScope };

export const GROUPINGS = ['day', 'hour', 'district', 'type', 'month', 'weekday'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export interface GroupRow {
  key: string | number;
  count: number;
  dispatchMedianSec: number | null;
  dispatchP90Sec: number | null;
  sceneMedianSec: number | null;
  sceneP90Sec: number | null;
}

/** FROM … WHERE for the incidents of a scope. */
function incidentsIn(scope: StatsScope): { from: string; params: Params } {
  const filters = filterSql(scope.filters);
  return {
    from: `FROM incidents WHERE received_at >= ? AND received_at < ? AND ${filters.where.join(' AND ')}`,
    params: [scope.range.start, scope.range.end, ...filters.params],
  };
}

function bucketSql(grouping: Grouping | 'all', scope: StatsScope, column = 'received_at'): string {
  const { timeZone, range } = scope;
  switch (grouping) {
    case 'all': return '0';
    case 'day': return localDaySql(column, timeZone, range.start, range.end);
    case 'hour': return localHourSql(column, timeZone, range.start, range.end);
    case 'weekday': return localWeekdaySql(column, timeZone, range.start, range.end);
    case 'month': return localMonthSql(column, timeZone, range.start, range.end);
    case 'district': return 'district';
    case 'type': return 'type';
  }
}

/** The daily rollup's expression for a bucket, beside the raw one (hours of the day are its 24 columns instead). */
function rollupBucket(grouping: Exclude<Grouping, 'hour'> | 'all', scope: StatsScope): Column {
  const raw = bucketSql(grouping, scope);
  switch (grouping) {
    case 'day': return { rollup: 'day', raw };
    case 'weekday': return { rollup: '((day + 4) % 7)', raw };
    case 'month': return { rollup: `strftime('%Y-%m', day * 86400, 'unixepoch')`, raw };
    default: return { rollup: raw, raw };
  }
}

const SAME = (column: string): Column => ({ rollup: column, raw: column });

/** Count per bucket: from the rollup where it answers, else from the incidents. */
function countsSql(scope: StatsScope, plan: RollupPlan | null, grouping: Grouping | 'all'): { sql: string; params: Params } {
  if (!plan) {
    const { from, params } = incidentsIn(scope);
    return { sql: `SELECT ${bucketSql(grouping, scope)} AS b, count(*) AS n ${from} GROUP BY b`, params };
  }
  if (grouping === 'hour') {
    const { from, params } = rollupHourlyFrom(plan, scope.filters, {}, bucketSql('hour', scope));
    return { sql: `SELECT hour AS b, sum(n) AS n ${from} GROUP BY b HAVING sum(n) > 0`, params };
  }
  const byDay = grouping === 'day' || grouping === 'weekday' || grouping === 'month';
  const { from, params } = rollupFrom(plan, scope.filters, { b: rollupBucket(grouping, scope), n: MEASURES.n }, byDay ? ['day'] : grouping === 'type' ? ['day', 'type'] : undefined);
  return { sql: `SELECT b, sum(n) AS n ${from} GROUP BY b`, params };
}

/** Seconds, to the millisecond. */
const toSeconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : Math.round(ms) / 1000);

/** Count and response times per group, in one shape for every grouping. */
export async function groupedStats(db: Reader, scope: StatsScope, grouping: Grouping | 'all', chart = `by ${grouping}`): Promise<Map<string | number, GroupRow>> {
  const builtFor = await rollupZone(db);
  const count = countsSql(scope, planRollup(scope.range, scope.timeZone, builtFor), grouping);
  const counts = await db.all<{ b: string | number; n: number }>(tag(chart, count.sql), count.params);
  const keys = counts.map((r) => r.b);
  const [dispatch, scene] = await Promise.all([
    groupPercentiles(db, scope, grouping, chart, 'dispatch', keys, builtFor),
    groupPercentiles(db, scope, grouping, chart, 'scene', keys, builtFor),
  ]);
  const rows = new Map<string | number, GroupRow>();
  for (const r of counts) {
    rows.set(r.b, { key: r.b, count: r.n, dispatchMedianSec: null, dispatchP90Sec: null, sceneMedianSec: null, sceneP90Sec: null });
  }
  for (const r of dispatch) Object.assign(rows.get(r.b)!, { dispatchMedianSec: toSeconds(r.p50), dispatchP90Sec: toSeconds(r.p90) });
  for (const r of scene) Object.assign(rows.get(r.b)!, { sceneMedianSec: toSeconds(r.p50), sceneP90Sec: toSeconds(r.p90) });
  return rows;
}

const DELAY_SQL: Record<Delay, string> = { dispatch: 'dispatched_at - received_at', scene: 'on_scene_at - dispatched_at' };

/**
 * Response times per group (`keys`: the groups that have incidents). Binned (responsePercentiles.ts)
 * where a group is a stretch of time or a district or type; hours of the day and weekdays gather
 * ranges from all over the period, so those (the command line only) still sort the period's rows.
 * `builtFor`: the zone the rollup is built for.
 */
async function groupPercentiles(db: Reader, scope: StatsScope, grouping: Grouping | 'all', chart: string, delay: Delay, keys: (string | number)[], builtFor: string | null): Promise<{ b: string | number; p50: number; p90: number }[]> {
  const { range, filters } = scope;
  if (grouping === 'hour' || grouping === 'weekday') {
    const { from, params } = incidentsIn(scope);
    return db.all<{ b: string | number; p50: number; p90: number }>(tag(chart, percentileSql(bucketSql(grouping, scope), DELAY_SQL[delay], from)), params);
  }
  if (grouping === 'district' || grouping === 'type') {
    const rows = await Promise.all(keys.map(async (b) => {
      const own: StatsFilters = grouping === 'district' ? { ...filters, district: String(b) } : { ...filters, type: b as IncidentType };
      return { b, p: (await responsePercentiles(db, chart, [{ key: b, ranges: [range] }], own, delay)).overall };
    }));
    return rows.flatMap(({ b, p }) => (p ? [{ b, p50: p.p50, p90: p.p90 }] : []));
  }
  const buckets = grouping === 'all' ? [{ key: 0, ranges: [range] }] : localBuckets(scope.timeZone, range.start, range.end, grouping);
  const { byKey } = await responsePercentiles<string | number>(db, chart, buckets, filters, delay, { timeZone: scope.timeZone, builtFor });
  return [...byKey].map(([b, p]) => ({ b, p50: p.p50, p90: p.p90 }));
}

/** Rows for the `stats` command: every day or hour of the period (zero where nothing happened); districts and types that occur. */
export async function statsRows(db: Reader, scope: StatsScope, grouping: Grouping): Promise<Record<string, string | number | null>[]> {
  const rows = await groupedStats(db, scope, grouping);
  const empty = (key: string | number): GroupRow => ({ key, count: 0, dispatchMedianSec: null, dispatchP90Sec: null, sceneMedianSec: null, sceneP90Sec: null });
  let ordered: GroupRow[];
  let label: (key: string | number) => string | number = (key) => key;
  if (grouping === 'day') {
    const days = dayNumbers(scope);
    ordered = days.map((d) => rows.get(d) ?? empty(d));
    label = (key) => dayLabel(Number(key));
  } else if (grouping === 'hour') {
    ordered = Array.from({ length: 24 }, (_, h) => rows.get(h) ?? empty(h));
  } else if (grouping === 'weekday') {
    ordered = Array.from({ length: 7 }, (_, d) => rows.get(d) ?? empty(d));
  } else {
    ordered = [...rows.values()].sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
  }
  return ordered.map(({ key, ...rest }) => ({ [grouping]: label(key), ...rest }));
}

/** The `stats --by total` row: the whole period as one group (zero when nothing happened). */
export async function totalRow(db: Reader, scope: StatsScope): Promise<Record<string, string | number | null>[]> {
  const row = (await groupedStats(db, scope, 'all', 'total')).get(0);
  const { key: _key, ...rest } = row ?? { key: 0, count: 0, dispatchMedianSec: null, dispatchP90Sec: null, sceneMedianSec: null, sceneP90Sec: null };
  return [{ total: 'period', ...rest }];
}

/** Local day numbers a scope covers, first to last. */
function dayNumbers(scope: StatsScope): number[] {
  const first = localDayOf(scope.range.start, scope.timeZone);
  const last = localDayOf(scope.range.end - 1, scope.timeZone);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function localDayOf(at: number, timeZone: string): number {
  return Math.floor((at + zoneOffsetMs(at, timeZone)) / DAY);
}

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

/** Counts and sums of the key figures: from the rollup where it answers, else from the incidents. */
function sumsSql(scope: StatsScope, plan: RollupPlan | null): { sql: string; params: Params } {
  if (plan) {
    const { from, params } = rollupFrom(plan, scope.filters, MEASURES);
    return { sql: `SELECT sum(n) AS n, sum(trapped) AS trapped, sum(injured) AS injured, sum(dead) AS dead,
         sum(closed) AS closed, sum(cancelled) AS cancelled, sum(open) AS open ${from}`, params };
  }
  const { from, params } = incidentsIn(scope);
  const open = OPEN_STATUSES.map((s) => `'${s}'`).join(',');
  return { sql: `SELECT count(*) AS n, sum(trapped) AS trapped, sum(injured) AS injured, sum(dead) AS dead,
         count(*) FILTER (WHERE status = 'closed') AS closed, count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
         count(*) FILTER (WHERE status IN (${open})) AS open ${from}`, params };
}

/**
 * The key figures of a period. Team hours and response times are passed in when the caller has
 * them already, and the zone the rollup is built for when the caller has read it.
 */
export async function totals(db: Reader, scope: StatsScope, now: number, hoursKnown?: { hours: number }[], responseKnown?: Record<Delay, Percentiles | null>, builtFor?: string | null): Promise<StatsTotals> {
  const zone = builtFor === undefined ? await rollupZone(db) : builtFor;
  const plan = planRollup(scope.range, scope.timeZone, zone);
  const sumsQuery = sumsSql(scope, plan);
  const response = async (delay: Delay) => (responseKnown
    ? responseKnown[delay]
    : (await responsePercentiles(db, 'key figures', [{ key: 0, ranges: [scope.range] }], scope.filters, delay, { timeZone: scope.timeZone, builtFor: zone })).overall);
  const [sums, dispatch, scene, calls, hours] = await Promise.all([
    db.get<{ n: number | null; trapped: number | null; injured: number | null; dead: number | null; closed: number | null; cancelled: number | null; open: number | null }>(
      tag('key figures', sumsQuery.sql), sumsQuery.params),
    response('dispatch'),
    response('scene'),
    callCount(db, scope, plan),
    hoursKnown ?? teamHours(db, scope, now, 'key figures', zone),
  ]);
  return {
    incidents: sums?.n ?? 0, calls,
    dispatchMedianSec: toSeconds(dispatch?.p50), dispatchP90Sec: toSeconds(dispatch?.p90),
    sceneMedianSec: toSeconds(scene?.p50), sceneP90Sec: toSeconds(scene?.p90),
    trapped: sums?.trapped ?? 0, injured: sums?.injured ?? 0, dead: sums?.dead ?? 0,
    closed: sums?.closed ?? 0, cancelled: sums?.cancelled ?? 0, open: sums?.open ?? 0,
    teamHours: round1(hours.reduce((sum, t) => sum + t.hours, 0)),
  };
}

/** Calls received in the period (by each call's own time) about incidents that pass the filters. */
async function callCount(db: Reader, scope: StatsScope, plan: RollupPlan | null): Promise<number> {
  const range = [scope.range.start, scope.range.end];
  if (plan) {
    // Whole local days from call_days (migration 012), or with filters from call_tallies (016);
    // the partial days at the edges call by call, each looked up for its incident (unfiltered, a
    // call whose incident has not arrived yet counts; filtered, it matches no filter). As for
    // incidents (rollupSql.ts), an edge instant that falls on a whole day is that day's.
    const filtered = hasFilters(scope.filters);
    const edges = plan.edges.filter(([from, to]) => to > from);
    const day = localDaySql('c.received_at', scope.timeZone, scope.range.start, scope.range.end);
    const tally = rollupFilterSql(scope.filters);
    const incident = filterSql(scope.filters, 'i.');
    const whole = filtered
      ? `SELECT coalesce(sum(calls), 0) FROM call_tallies WHERE ${['day >= ? AND day < ?', ...tally.where].join(' AND ')}`
      : 'SELECT coalesce(sum(calls - duplicate_calls), 0) FROM call_days WHERE day >= ? AND day < ?';
    const edgeSql = edges.map(() => ` + (SELECT count(*) FROM calls c ${filtered ? 'JOIN' : 'LEFT JOIN'} incidents i ON i.id = c.incident_id
        WHERE c.received_at >= ? AND c.received_at < ? AND ${incident.where.join(' AND ')}
          AND ${day} NOT BETWEEN ${plan.firstDay} AND ${plan.endDay - 1})`).join('');
    const row = await db.get<{ n: number }>(tag('key figures', `SELECT (${whole})${edgeSql} AS n`),
      [plan.firstDay, plan.endDay, ...(filtered ? tally.params : []), ...edges.flatMap((edge) => [...edge, ...incident.params])]);
    return row?.n ?? 0;
  }
  if (!hasFilters(scope.filters)) {
    // Unfiltered (the usual view): counted from the calls' own index, without an incident lookup per call.
    // Index-only: every call of the period, less those about the few duplicates.
    const row = await db.get<{ n: number }>(tag('key figures',
      `SELECT (SELECT count(*) FROM calls WHERE received_at >= ?1 AND received_at < ?2)
            - (SELECT count(*) FROM calls WHERE incident_id IN ${DUPLICATES} AND received_at >= ?1 AND received_at < ?2) AS n`), range);
    return row?.n ?? 0;
  }
  const filters = filterSql(scope.filters, 'i.');
  const row = await db.get<{ n: number }>(
    tag('key figures', `SELECT count(*) AS n FROM calls c JOIN incidents i ON i.id = c.incident_id WHERE c.received_at >= ? AND c.received_at < ? AND ${filters.where.join(' AND ')}`),
    [...range, ...filters.params]);
  return row?.n ?? 0;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

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
  const districtCounts = (s: StatsScope) => {
    const q = either(planRollup(s.range, timeZone, builtFor), { district: SAME('district'), n: MEASURES.n },
      (f) => `SELECT district, sum(n) AS n ${f} GROUP BY district`, (f) => `SELECT district, count(*) AS n ${f} GROUP BY district`, s);
    return db.all<{ district: string; n: number }>(tag('by district', q.sql), q.params);
  };
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
    totals(db, scope, now, hours, { dispatch: dispatchTimes.overall, scene: sceneTimes.overall }, builtFor),
    totals(db, previousScope, now, undefined, undefined, builtFor),
    db.all<{ b: string | number; type: IncidentType; n: number }>(tag('by type', byTypeQuery.sql), byTypeQuery.params),
    db.all<{ weekday: number; hour: number; n: number }>(tag('heat map', heatQuery.sql), heatQuery.params),
    districtCounts(scope),
    districtCounts(previousScope),
    db.all<{ b: string | number; trapped: number; injured: number; dead: number; closed: number; cancelled: number }>(tag('casualties', casualtiesQuery.sql), casualtiesQuery.params),
  ]);
  const dispatch = [...dispatchTimes.byKey].map(([b, p]) => ({ b, p50: p.p50, p90: p.p90 }));
  const scene = [...sceneTimes.byKey].map(([b, p]) => ({ b, p50: p.p50, p90: p.p90 }));
  const previousByDistrict = new Map(previousDistricts.map((d) => [d.district, d.n]));

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
    byDistrict: [...new Set([...districts.map((d) => d.district), ...previousByDistrict.keys()])]
      .map((district) => ({ district, count: districts.find((d) => d.district === district)?.n ?? 0, previous: previousByDistrict.get(district) ?? 0 }))
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
