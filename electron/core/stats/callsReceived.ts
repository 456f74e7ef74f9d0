// Figure: calls received in a period, by each call's own time, about incidents that pass the
// filters; calls about a duplicate are not counted. Unfiltered, a call whose incident has not
// arrived yet (synced out of order) counts; filtered, it matches no filter.
import type { Reader } from '../base/handles';
import { DUPLICATES } from './duplicateRule';
import { localDaySql } from './localTime';
import { rollupFilterSql, type RollupPlan } from './rollupSql';
import type { StatsScope } from './scope';
import { filterSql, hasFilters, tag } from './statsSql';

/** `plan`: the whole days the rollup answers (planRollup), or null. `chart` tags the statement for the benchmark. */
export async function callsReceived(db: Reader, scope: StatsScope, plan: RollupPlan | null, chart: string): Promise<number> {
  const range = [scope.range.start, scope.range.end];
  if (plan) {
    // Whole local days from call_days (migration 012), or with filters from call_tallies (016);
    // the partial days at the edges call by call, each looked up for its incident. As for
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
    const row = await db.get<{ n: number }>(tag(chart, `SELECT (${whole})${edgeSql} AS n`),
      [plan.firstDay, plan.endDay, ...(filtered ? tally.params : []), ...edges.flatMap((edge) => [...edge, ...incident.params])]);
    return row?.n ?? 0;
  }
  if (!hasFilters(scope.filters)) {
    // Counted from the calls' own index, without an incident lookup per call (index-only):
    // every call of the period, less those about the few duplicates.
    const row = await db.get<{ n: number }>(tag(chart,
      `SELECT (SELECT count(*) FROM calls WHERE received_at >= ?1 AND received_at < ?2)
            - (SELECT count(*) FROM calls WHERE incident_id IN ${DUPLICATES} AND received_at >= ?1 AND received_at < ?2) AS n`), range);
    return row?.n ?? 0;
  }
  const filters = filterSql(scope.filters, 'i.');
  const row = await db.get<{ n: number }>(
    tag(chart, `SELECT count(*) AS n FROM calls c JOIN incidents i ON i.id = c.incident_id WHERE c.received_at >= ? AND c.received_at < ? AND ${filters.where.join(' AND ')}`),
    [...range, ...filters.params]);
  return row?.n ?? 0;
}
