// What every figure is asked for: a period on the post's clock and the screen's filters.
import { filterSql, type Params, type StatsRange, type StatsScope } from './statsSql';

// Declared in statsSql.ts, below every figure module; named here too, where figures look for them.
export type { StatsRange, StatsScope };

/** FROM … WHERE for the incidents of a scope: received in its period, passing its filters, duplicates left out. */
export function incidentsIn(scope: StatsScope): { from: string; params: Params } {
  const filters = filterSql(scope.filters);
  return {
    from: `FROM incidents WHERE received_at >= ? AND received_at < ? AND ${filters.where.join(' AND ')}`,
    params: [scope.range.start, scope.range.end, ...filters.params],
  };
}

/** Milliseconds as seconds, to the millisecond. */
export const toSeconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : Math.round(ms) / 1000);
