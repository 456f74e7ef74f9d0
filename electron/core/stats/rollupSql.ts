// A period read from the daily rollup: its whole local days from daily_counts, the partial
// days at its edges from the incidents themselves (a couple of days of rows). One statement
// adds both, so a chart is still one query on one snapshot, and is still tagged as its chart.
import { offsetSegments, localDaySql } from './localTime';
import { ROLLUP_COVERS } from './rollup';
import { countedSql } from './duplicateRule';
import type { StatsFilters } from '../../../shared/api/types';
import { OPEN_STATUSES } from '../../../shared/domain';

const DAY = 86_400_000;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
/** Wider than any offset (±14 h) and any jump of one: the window in which a day's instants are looked for. */
const NEAR = 2 * DAY;

type Params = (string | number)[];

export interface RollupPlan {
  /** Whole local days [firstDay, endDay) summed from daily_counts. */
  firstDay: number;
  endDay: number;
  /** The instants left to raw SQL: [start, edgeStart) and [edgeEnd, end). */
  edges: [number, number][];
  timeZone: string;
  range: { start: number; end: number };
}

/** The offsets in force around an instant, as [from, to) spans (offsetSegments remembers the look-ups). */
function spansNear(at: number, timeZone: string): { from: number; to: number; offset: number }[] {
  const segments = offsetSegments(timeZone, at - NEAR, at + NEAR);
  return segments.map((s, i) => ({ from: s.from, to: segments[i + 1]?.from ?? at + NEAR, offset: s.offset }));
}

/**
 * Which days of a period the rollup answers, when it is built for the period's zone: only days
 * whose every instant lies inside the period. An instant t is on day floor((t + offset(t)) / D),
 * so near a clock change a day's instants are worked out per offset span. Null when there is no
 * whole day to gain.
 */
export function planRollup(range: { start: number; end: number }, timeZone: string, rollupZone: string | null): RollupPlan | null {
  if (rollupZone !== timeZone) return null;
  const { start, end } = range;
  if (start < ROLLUP_COVERS.start + NEAR || end > ROLLUP_COVERS.end - NEAR) return null;
  const atStart = spansNear(start, timeZone);
  const atEnd = spansNear(end, timeZone);
  // The first day no instant before the period reaches, and the first day every instant after it reaches.
  const latestBefore = Math.max(...atStart.filter((s) => s.from < start).map((s) => Math.min(s.to, start) + s.offset));
  const earliestAfter = Math.min(...atEnd.filter((s) => s.to > end).map((s) => Math.max(s.from, end) + s.offset));
  const firstDay = Math.ceil(latestBefore / DAY);
  const endDay = Math.floor(earliestAfter / DAY);
  if (firstDay >= endDay) return null;
  // The instants of the period before firstDay end by edgeStart; those from endDay on begin at edgeEnd.
  const edgeStart = Math.max(start, ...atStart.filter((s) => s.to > start).map((s) => Math.min(s.to, firstDay * DAY - s.offset)));
  const edgeEnd = Math.min(end, ...atEnd.filter((s) => s.from < end).map((s) => Math.max(s.from, endDay * DAY - s.offset)));
  if (edgeStart > edgeEnd) return null;
  return { firstDay, endDay, edges: [[start, Math.min(edgeStart, end)], [Math.max(edgeEnd, start), end]], timeZone, range };
}

/** An expression over daily_counts and the same over incidents. */
export interface Column {
  rollup: string;
  raw: string;
}

/** Summed measures, named as the charts name them. */
export const MEASURES = {
  n: { rollup: 'n', raw: '1' },
  trapped: { rollup: 'trapped', raw: 'trapped' },
  injured: { rollup: 'injured', raw: 'injured' },
  dead: { rollup: 'dead', raw: 'dead' },
  closed: { rollup: 'closed', raw: "(status = 'closed')" },
  cancelled: { rollup: 'cancelled', raw: "(status = 'cancelled')" },
  open: { rollup: 'open', raw: `(status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(',')}))` },
} satisfies Record<string, Column>;

/** The filters as conditions on a rollup table's own district, type and priority columns. */
export function rollupFilterSql(filters: StatsFilters): { where: string[]; params: Params } {
  const where: string[] = [];
  const params: Params = [];
  if (filters.district) { where.push('district = ?'); params.push(filters.district); }
  if (filters.type) { where.push('type = ?'); params.push(filters.type); }
  if (filters.priority) { where.push('priority = ?'); params.push(filters.priority); }
  return { where, params };
}

/** The incidents of the edges: indexed ranges of received_at, less any instant of a whole day. */
function edgeWhere(plan: RollupPlan, filters: StatsFilters): { where: string; params: Params } {
  const f = rollupFilterSql(filters);
  const day = localDaySql('received_at', plan.timeZone, plan.range.start, plan.range.end);
  return {
    where: `((received_at >= ? AND received_at < ?) OR (received_at >= ? AND received_at < ?))
      AND ${countedSql()} AND ${[`${day} NOT BETWEEN ${plan.firstDay} AND ${plan.endDay - 1}`, ...f.where].join(' AND ')}`,
    params: [...plan.edges.flat(), ...f.params],
  };
}

const MEASURE_NAMES = new Set(Object.keys(MEASURES));

/**
 * FROM (…) with one row per day row and per edge incident, columns named as given, for a
 * caller that groups and sums them. `groupFirst` (a prefix of the key: day, or day and type)
 * sums the day rows by it before the columns are worked out: that grouping follows the
 * primary key without sorting, and a bucket such as the month is then computed per day
 * rather than per row (half the time of a year's chart).
 */
export function rollupFrom(plan: RollupPlan, filters: StatsFilters, columns: Record<string, Column>, groupFirst?: readonly ('day' | 'type')[]): { from: string; params: Params } {
  const f = rollupFilterSql(filters);
  const edges = edgeWhere(plan, filters);
  const names = Object.keys(columns);
  const rolled = names.map((name) => `${columns[name]!.rollup} AS ${name}`).join(', ');
  const raw = names.map((name) => `${columns[name]!.raw} AS ${name}`).join(', ');
  const where = ['day >= ? AND day < ?', ...f.where].join(' AND ');
  const summed = names.map((name) => columns[name]!.rollup).filter((c) => MEASURE_NAMES.has(c)).map((c) => `sum(${c}) AS ${c}`);
  const days = groupFirst
    ? `(SELECT ${[...groupFirst, ...summed].join(', ')} FROM daily_counts WHERE ${where} GROUP BY ${groupFirst.join(', ')})`
    : `daily_counts WHERE ${where}`;
  return {
    from: `FROM (SELECT ${rolled} FROM ${days}
      UNION ALL SELECT ${raw} FROM incidents WHERE ${edges.where})`,
    params: [plan.firstDay, plan.endDay, ...f.params, ...edges.params],
  };
}

/**
 * As rollupFrom, with one row per local hour of the day as well (column `hour`, count `n`):
 * the day rows' 24 hour columns are summed per group first and only then turned into rows.
 * Keys may depend on the day only (the weekday): the rows are summed by day first, in key order.
 */
export function rollupHourlyFrom(plan: RollupPlan, filters: StatsFilters, keys: Record<string, Column>, hourRaw: string): { from: string; params: Params } {
  const f = rollupFilterSql(filters);
  const edges = edgeWhere(plan, filters);
  const names = Object.keys(keys);
  const grouped = [...names.map((name) => `${keys[name]!.rollup} AS ${name}`), ...HOURS.map((h) => `sum(h${h}) AS h${h}`)].join(', ');
  const groupBy = names.length > 0 ? `GROUP BY ${names.join(', ')}` : '';
  const hourly = `SELECT ${[...names.map((name) => `g.${name}`), 'hours.column1 AS hour', `CASE hours.column1 ${HOURS.map((h) => `WHEN ${h} THEN g.h${h}`).join(' ')} END AS n`].join(', ')}
      FROM (SELECT ${grouped} FROM (SELECT day, ${HOURS.map((h) => `sum(h${h}) AS h${h}`).join(', ')} FROM daily_counts
          WHERE ${['day >= ? AND day < ?', ...f.where].join(' AND ')} GROUP BY day) ${groupBy}) g,
        (VALUES ${HOURS.map((h) => `(${h})`).join(', ')}) hours`;
  const raw = [...names.map((name) => `${keys[name]!.raw} AS ${name}`), `${hourRaw} AS hour`, '1 AS n'].join(', ');
  return {
    from: `FROM (${hourly} UNION ALL SELECT ${raw} FROM incidents WHERE ${edges.where})`,
    params: [plan.firstDay, plan.endDay, ...f.params, ...edges.params],
  };
}
