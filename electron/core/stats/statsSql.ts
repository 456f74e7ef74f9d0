// Pieces of SQL every statistics query shares.
import type { StatsFilters } from '../../../shared/api/types';
import { countedSql } from './duplicateRule';

export interface StatsRange {
  start: number;
  end: number;
}

/** A period on the post's clock and the filters: what every figure is asked for (here so teamHours.ts and statistics.ts need not import each other). */
export interface StatsScope {
  timeZone: string;
  range: StatsRange;
  filters: StatsFilters;
}

export type Params = (string | number)[];

/** The filters as SQL conditions on incidents (`prefix` names the table), duplicates left out. */
export function filterSql(filters: StatsFilters, prefix = ''): { where: string[]; params: Params } {
  const where: string[] = [countedSql(prefix)];
  const params: Params = [];
  if (filters.district) { where.push(`${prefix}district = ?`); params.push(filters.district); }
  if (filters.type) { where.push(`${prefix}type = ?`); params.push(filters.type); }
  if (filters.priority) { where.push(`${prefix}priority = ?`); params.push(filters.priority); }
  return { where, params };
}

export const hasFilters = (filters: StatsFilters) => Boolean(filters.district || filters.type || filters.priority);

/** Names the chart a statement serves, so the benchmark can time each chart's SQL on its own. */
export const tag = (chart: string, sql: string) => `/* ${chart} */ ${sql}`;
