// Hours each team was committed (dispatched until cleared, or until now) within a period, on
// incidents that pass the filters; time outside the period is not counted. The whole local
// days come from team_days (migration 013), or with filters from team_tallies (017), and only
// what they cannot answer is read from the assignments: the edges, a week before the start,
// the overhang past the end, and the few open or long assignments.
import type { Reader } from '../base/handles';
import { LONGEST_ROLLED_ASSIGNMENT as WEEK, openOrLongSql, rolledAssignmentSql } from '../db/migrations/013_team_days';
import { localDaySql } from './localTime';
import { rollupZone } from './rollup';
import { planRollup, rollupFilterSql, type RollupPlan } from './rollupSql';
import { DUPLICATES, notAboutDuplicateSql } from './duplicateRule';
import { filterSql, hasFilters, tag, type Params } from './statsSql';
import type { StatsScope } from './scope';
import type { StatsReport } from '../../../shared/api/types';

const HOUR = 3_600_000;

/** One row of the statistics report's team hours. */
export type TeamHours = StatsReport['teamHours'][number];

/** Rows of (team_id, ms) whose sum per team is its time in the period. */
interface Part {
  sql: string;
  params: Params;
}

/**
 * Hours per team, most first. `builtFor` is the zone the rollup is built for, when the caller
 * has read it.
 */
export async function teamHours(db: Reader, scope: StatsScope, now: number, chart = 'team utilisation', builtFor?: string | null): Promise<TeamHours[]> {
  const plan = planRollup(scope.range, scope.timeZone, builtFor === undefined ? await rollupZone(db) : builtFor);
  const parts = [...(plan ? rolledParts(scope, plan, now) : rawParts(scope, now)), openOrLongPart(scope, now)];
  // Grouped first, then named: one team lookup per team, not per assignment.
  const rows = await db.all<{ team_id: string; call_sign: string; ms: number }>(tag(chart,
    `SELECT g.team_id, t.call_sign, g.ms FROM (
       SELECT team_id, sum(ms) AS ms FROM (${parts.map((p) => p.sql).join('\n       UNION ALL ')}) GROUP BY team_id
     ) g JOIN teams t ON t.id = g.team_id ORDER BY g.ms DESC, t.call_sign`), parts.flatMap((p) => p.params));
  return rows.filter((r) => r.ms > 0).map((r) => ({ teamId: r.team_id, callSign: r.call_sign, hours: Math.round((r.ms / HOUR) * 10) / 10 }));
}

/** An assignment's time within [start, end), an open one's until now, never below zero. */
function clipped(scope: StatsScope, now: number): Part {
  return { sql: 'max(min(coalesce(a.cleared_at, ?), ?) - max(a.dispatched_at, ?), 0)', params: [now, scope.range.end, scope.range.start] };
}

/**
 * Not about a duplicate, probed row by row: for the few rows of the edges and of the open or
 * long assignments, cheaper than the list of every duplicate NOT IN builds (5 ms at 1M).
 */
const NOT_DUPLICATE = notAboutDuplicateSql('a.incident_id');

/**
 * FROM … and the incident conditions: joined for filters, else only the duplicates set aside,
 * by their list when there are many rows and probed when there are `few`.
 */
function assignmentsOf(scope: StatsScope, few: boolean): { from: string; where: string[]; params: Params } {
  if (!hasFilters(scope.filters)) return { from: 'FROM assignments a', where: [few ? NOT_DUPLICATE : `a.incident_id NOT IN ${DUPLICATES}`], params: [] };
  const filters = filterSql(scope.filters, 'i.');
  return { from: 'FROM assignments a JOIN incidents i ON i.id = a.incident_id', where: filters.where, params: filters.params };
}

/** Open assignments and those over a week, from their own small index: they may begin long before the period. */
function openOrLongPart(scope: StatsScope, now: number): Part {
  const time = clipped(scope, now);
  const of = assignmentsOf(scope, true);
  return {
    sql: `SELECT a.team_id, ${time.sql} AS ms ${of.from}
         WHERE ${openOrLongSql('a.')} AND a.dispatched_at < ? AND coalesce(a.cleared_at, ?) > ? AND ${of.where.join(' AND ')}`,
    params: [...time.params, scope.range.end, now, scope.range.start, ...of.params],
  };
}

/** The rest, assignment by assignment: cleared within a week, so dispatched at most a week before the start. */
function rawParts(scope: StatsScope, now: number): Part[] {
  const { start, end } = scope.range;
  const time = clipped(scope, now);
  const of = assignmentsOf(scope, false);
  return [{
    sql: `SELECT a.team_id, ${time.sql} AS ms ${of.from}
         WHERE a.dispatched_at >= ? AND a.dispatched_at < ? AND a.cleared_at > ? AND ${rolledAssignmentSql('a.')} AND ${of.where.join(' AND ')}`,
    params: [...time.params, start - WEEK, end, start, ...of.params],
  }];
}

/**
 * The rest, unfiltered: team_days over the whole days, less the time past the end of those
 * dispatched on them, plus those dispatched at the edges or in the week before the start,
 * clipped. An instant of an edge that falls on a whole day is that day's (rollupSql.ts).
 */
function rolledParts(scope: StatsScope, plan: RollupPlan, now: number): Part[] {
  const { start, end } = scope.range;
  const time = clipped(scope, now);
  // Filtered, the whole days come from team_tallies (migration 017) and the assignments read
  // one by one are joined to their incidents for the filters.
  const filtered = hasFilters(scope.filters);
  const incident = filterSql(scope.filters, 'i.');
  const from = filtered ? 'FROM assignments a JOIN incidents i ON i.id = a.incident_id' : 'FROM assignments a';
  const tally = rollupFilterSql(scope.filters);
  const whole: Part = filtered
    ? { sql: `SELECT team_id, ms FROM team_tallies WHERE ${['day >= ? AND day < ?', ...tally.where].join(' AND ')}`, params: [plan.firstDay, plan.endDay, ...tally.params] }
    : { sql: 'SELECT team_id, ms FROM team_days WHERE day >= ? AND day < ?', params: [plan.firstDay, plan.endDay] };
  // Local days only over the few days each part reads: the offsets of a whole year take 10-20 ms of Intl.
  const onWholeDay = (from: number, to: number) => {
    const day = localDaySql('a.dispatched_at', scope.timeZone, from, to);
    return `${day} >= ${plan.firstDay} AND ${day} < ${plan.endDay}`;
  };
  const rolled = `${rolledAssignmentSql('a.')} AND ${filtered ? incident.where.join(' AND ') : NOT_DUPLICATE}`;
  const rolledParams = filtered ? incident.params : [];
  const [[, edgeStart], [edgeEnd]] = plan.edges as [[number, number], [number, number]];
  const overhangFrom = Math.max(start, end - WEEK);
  const edge = (lo: number, hi: number): Part => ({
    sql: `SELECT a.team_id, ${time.sql} ${from}
         WHERE a.dispatched_at >= ? AND a.dispatched_at < ? AND a.cleared_at > ? AND ${rolled} AND NOT (${onWholeDay(lo, hi)})`,
    params: [...time.params, lo, hi, start, ...rolledParams],
  });
  return [
    whole,
    // Cleared past the end: dispatched within a week of it.
    {
      sql: `SELECT a.team_id, ? - a.cleared_at ${from}
         WHERE a.dispatched_at >= ? AND a.dispatched_at < ? AND a.cleared_at > ? AND ${rolled} AND ${onWholeDay(overhangFrom, end)}`,
      params: [end, overhangFrom, end, end, ...rolledParams],
    },
    edge(start - WEEK, edgeStart),
    edge(edgeEnd, end),
  ];
}
