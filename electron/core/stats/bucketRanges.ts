// The instants each chart bucket covers on the post's clock, so that a query can seek an index
// by time range instead of working out every row's bucket. Cut at the same offset segments as
// the bucket SQL of localTime.ts, so a row falls in the same bucket either way.
import { offsetSegments } from './localTime';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface TimeRange {
  start: number;
  end: number;
}

/** A bucket's instants: usually one range; more where a clock change repeats a local hour elsewhere. */
export interface Bucket<K> {
  key: K;
  ranges: TimeRange[];
}

export type BucketUnit = 'hour' | 'day' | 'month';

/** The bucket a local wall-clock time (ms) is in, keyed as the SQL keys it, and where the next one starts. */
const STEPS: Record<BucketUnit, (local: number) => { key: string | number; next: number }> = {
  // Local hours and days since the epoch, as localHourNumberSql and localDaySql count them.
  hour: (local) => ({ key: Math.floor(local / HOUR), next: (Math.floor(local / HOUR) + 1) * HOUR }),
  day: (local) => ({ key: Math.floor(local / DAY), next: (Math.floor(local / DAY) + 1) * DAY }),
  // YYYY-MM, as localMonthSql writes it.
  month: (local) => {
    const d = new Date(local);
    return { key: d.toISOString().slice(0, 7), next: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) };
  },
};

/** The buckets of [start, end) on the zone's clock, in order, each clipped to the period. */
export function localBuckets(timeZone: string, start: number, end: number, unit: BucketUnit): Bucket<string | number>[] {
  const buckets = new Map<string | number, TimeRange[]>();
  const segments = offsetSegments(timeZone, start, end);
  segments.forEach(({ from, offset }, i) => {
    const until = segments[i + 1]?.from ?? end;
    for (let at = from; at < until;) {
      const { key, next } = STEPS[unit](at + offset);
      const to = Math.min(next - offset, until);
      const ranges = buckets.get(key) ?? [];
      const last = ranges[ranges.length - 1];
      if (last && last.end === at) last.end = to; else ranges.push({ start: at, end: to });
      buckets.set(key, ranges);
      at = to;
    }
  });
  return [...buckets].map(([key, ranges]) => ({ key, ranges }));
}
