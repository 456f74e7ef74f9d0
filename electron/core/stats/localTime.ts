// Local wall-clock time in SQL. SQLite knows no time zones, so the post's UTC offsets over a
// period are worked out here (they change only at daylight-saving transitions) and written
// into the query as a CASE over those instants. Buckets then follow the post's clock.
import { zoneOffsetMs, zonedTimeToEpoch } from '../../../shared/time/zoned';

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface Segment {
  /** First instant of this offset (inclusive). */
  from: number;
  offset: number;
}

/**
 * Answers already worked out: a year's report asks for the same period's offsets a dozen times
 * (10–20 ms of Intl each), and plans its buckets around a few dozen instants.
 */
const remembered = new Map<string, readonly Readonly<Segment>[]>();
const REMEMBERED = 1000;

/** The zone's offsets over [start, end): one segment per offset in force. */
export function offsetSegments(timeZone: string, start: number, end: number): readonly Readonly<Segment>[] {
  const key = `${timeZone}|${start}|${end}`;
  let segments = remembered.get(key);
  if (!segments) {
    segments = findSegments(timeZone, start, end);
    if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value!);
    remembered.set(key, segments);
  }
  return segments;
}

function findSegments(timeZone: string, start: number, end: number): Segment[] {
  const segments: Segment[] = [{ from: start, offset: zoneOffsetMs(start, timeZone) }];
  // Transitions are months apart; stepping by six hours cannot miss one.
  for (let t = start; t < end; ) {
    const next = Math.min(t + 6 * HOUR, end);
    const current = segments[segments.length - 1]!.offset;
    const offset = zoneOffsetMs(next, timeZone);
    if (offset !== current && next <= end) {
      // Narrow down to the first second of the new offset.
      let lo = t;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (zoneOffsetMs(mid, timeZone) === current) lo = mid; else hi = mid;
      }
      if (hi < end) segments.push({ from: hi, offset });
    }
    t = next;
  }
  return segments;
}

/**
 * An SQL expression for the local wall-clock time of `column` (epoch ms shifted by the
 * offset in force), valid for values in [start, end). Integer division of it gives local
 * days and hours.
 */
export function localTimeSql(column: string, timeZone: string, start: number, end: number): string {
  const segments = offsetSegments(timeZone, start, end);
  if (segments.length === 1) return `(${column} + ${segments[0]!.offset})`;
  const cases = segments.slice(1).map((s, i) => `WHEN ${column} < ${s.from} THEN ${segments[i]!.offset}`).join(' ');
  return `(${column} + CASE ${cases} ELSE ${segments[segments.length - 1]!.offset} END)`;
}

/** Local day number (days since 1970-01-01 on the post's calendar). */
export function localDaySql(column: string, timeZone: string, start: number, end: number): string {
  return `(${localTimeSql(column, timeZone, start, end)} / ${DAY})`;
}

/** Local hours since the epoch: the hour buckets of short periods. */
export function localHourNumberSql(column: string, timeZone: string, start: number, end: number): string {
  return `(${localTimeSql(column, timeZone, start, end)} / ${HOUR})`;
}

export function localHourSql(column: string, timeZone: string, start: number, end: number): string {
  return `((${localTimeSql(column, timeZone, start, end)} / ${HOUR}) % 24)`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function localWeekdaySql(column: string, timeZone: string, start: number, end: number): string {
  return `((${localTimeSql(column, timeZone, start, end)} / ${DAY} + 4) % 7)`;
}

export function localMonthSql(column: string, timeZone: string, start: number, end: number): string {
  return `strftime('%Y-%m', ${localTimeSql(column, timeZone, start, end)} / 1000, 'unixepoch')`;
}

/** YYYY-MM-DD of a local day number. */
export function dayLabel(dayNumber: number): string {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseLocalDate(text: string): { year: number; month: number; day: number } | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** The instants a run of local dates covers: from the first's midnight to the midnight after the last. */
export function localDatesToRange(from: string, to: string, timeZone: string): { start: number; end: number } {
  const a = parseLocalDate(from);
  const b = parseLocalDate(to);
  if (!a || !b) throw new RangeError('dates are YYYY-MM-DD');
  const after = new Date(Date.UTC(b.year, b.month - 1, b.day + 1));
  return {
    start: zonedTimeToEpoch(a, timeZone),
    end: zonedTimeToEpoch({ year: after.getUTCFullYear(), month: after.getUTCMonth() + 1, day: after.getUTCDate() }, timeZone),
  };
}
