// The `stats` command's table (and the HXL export's): count and response times per day, hour,
// weekday, month, district or type, and the whole period as one row.
import type { IncidentType } from '../../../shared/domain';
import type { StatsFilters } from '../../../shared/api/types';
import type { Reader } from '../base/handles';
import { bucketSql, dayNumbers, rollupBucket, type Grouping } from './bucketSql';
import { localBuckets } from './bucketRanges';
import { incidentCounts } from './incidentCounts';
import { responseFigures } from './keyFigures';
import { dayLabel } from './localTime';
import { percentileSql } from './percentiles';
import { responsePercentiles, type Delay } from './responsePercentiles';
import { rollupZone } from './rollup';
import { MEASURES, planRollup, rollupFrom, rollupHourlyFrom, type RollupPlan } from './rollupSql';
import { incidentsIn, toSeconds, type StatsScope } from './scope';
import { tag, type Params } from './statsSql';

export interface GroupRow {
  key: string | number;
  count: number;
  dispatchMedianSec: number | null;
  dispatchP90Sec: number | null;
  sceneMedianSec: number | null;
  sceneP90Sec: number | null;
}

/** Count per local day, hour, weekday or month: from the rollup where it answers, else from the incidents. */
function countsSql(scope: StatsScope, plan: RollupPlan | null, grouping: Exclude<Grouping, 'district' | 'type'>): { sql: string; params: Params } {
  if (!plan) {
    const { from, params } = incidentsIn(scope);
    return { sql: `SELECT ${bucketSql(grouping, scope)} AS b, count(*) AS n ${from} GROUP BY b`, params };
  }
  if (grouping === 'hour') {
    const { from, params } = rollupHourlyFrom(plan, scope.filters, {}, bucketSql('hour', scope));
    return { sql: `SELECT hour AS b, sum(n) AS n ${from} GROUP BY b HAVING sum(n) > 0`, params };
  }
  const { from, params } = rollupFrom(plan, scope.filters, { b: rollupBucket(grouping, scope), n: MEASURES.n }, ['day']);
  return { sql: `SELECT b, sum(n) AS n ${from} GROUP BY b`, params };
}

/** Count and response times per group, in one shape for every grouping. */
export async function groupedStats(db: Reader, scope: StatsScope, grouping: Grouping, chart = `by ${grouping}`): Promise<Map<string | number, GroupRow>> {
  const builtFor = await rollupZone(db);
  const plan = planRollup(scope.range, scope.timeZone, builtFor);
  const counts = grouping === 'district' || grouping === 'type'
    ? (await incidentCounts(db, scope, grouping, plan, chart)).map((r) => ({ b: r.key, n: r.count }))
    : await ((q) => db.all<{ b: string | number; n: number }>(tag(chart, q.sql), q.params))(countsSql(scope, plan, grouping));
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
async function groupPercentiles(db: Reader, scope: StatsScope, grouping: Grouping, chart: string, delay: Delay, keys: (string | number)[], builtFor: string | null): Promise<{ b: string | number; p50: number; p90: number }[]> {
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
  const buckets = localBuckets(scope.timeZone, range.start, range.end, grouping);
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

/** The `stats --by total` row: the whole period as one group, as the screen's key figures give it (zero when nothing happened). */
export async function totalRow(db: Reader, scope: StatsScope): Promise<Record<string, string | number | null>[]> {
  const { incidents, ...times } = await responseFigures(db, scope, 'total');
  return [{ total: 'period', count: incidents, ...times }];
}
