// The local bucket of an incident (day, hour, weekday, month) or its district or type, as SQL
// over the incidents and over the daily rollup.
import { zoneOffsetMs } from '../../../shared/time/zoned';
import { localDaySql, localHourSql, localMonthSql, localWeekdaySql } from './localTime';
import type { Column } from './rollupSql';
import type { StatsScope } from './scope';

const DAY = 86_400_000;

export const GROUPINGS = ['day', 'hour', 'district', 'type', 'month', 'weekday'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export function bucketSql(grouping: Grouping, scope: StatsScope, column = 'received_at'): string {
  const { timeZone, range } = scope;
  switch (grouping) {
    case 'day': return localDaySql(column, timeZone, range.start, range.end);
    case 'hour': return localHourSql(column, timeZone, range.start, range.end);
    case 'weekday': return localWeekdaySql(column, timeZone, range.start, range.end);
    case 'month': return localMonthSql(column, timeZone, range.start, range.end);
    case 'district': return 'district';
    case 'type': return 'type';
  }
}

/** The daily rollup's expression for a bucket, beside the raw one (hours of the day are its 24 columns instead). */
export function rollupBucket(grouping: Exclude<Grouping, 'hour'>, scope: StatsScope): Column {
  const raw = bucketSql(grouping, scope);
  switch (grouping) {
    case 'day': return { rollup: 'day', raw };
    case 'weekday': return { rollup: '((day + 4) % 7)', raw };
    case 'month': return { rollup: `strftime('%Y-%m', day * 86400, 'unixepoch')`, raw };
    default: return { rollup: raw, raw };
  }
}

/** A column the rollup and the incidents both have. */
export const SAME = (column: string): Column => ({ rollup: column, raw: column });

/** Local day numbers a scope covers, first to last. */
export function dayNumbers(scope: StatsScope): number[] {
  const first = localDayOf(scope.range.start, scope.timeZone);
  const last = localDayOf(scope.range.end - 1, scope.timeZone);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function localDayOf(at: number, timeZone: string): number {
  return Math.floor((at + zoneOffsetMs(at, timeZone)) / DAY);
}
