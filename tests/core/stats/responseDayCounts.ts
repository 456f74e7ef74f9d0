// What response_days (migration 014) should hold for a set of incidents, worked out here
// without SQL: local days from Intl, bins by counting the thresholds a delay has reached.
import { THRESHOLDS } from '../../../electron/core/db/migrations/010_response_bins';
import type { Reader } from '../../../electron/core/base/handles';

const DAY = 86_400_000;

export interface DelayRow {
  received_at: number; dispatched_at: number | null; on_scene_at: number | null; cancel_reason: string | null;
}

// One formatter per zone: building one costs about 100 µs, ten times a date it formats, and
// the rollup tests format tens of thousands of dates.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Local day number of an instant, from Intl. */
export function intlDay(ms: number, timeZone: string): number {
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
  const parts = format.formatToParts(ms);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(part('year'), part('month') - 1, part('day')) / DAY;
}

/** Type 7 (linear interpolation between closest ranks) over a plain sort: the definition checked against. */
export function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return h === lo ? sorted[lo]! : sorted[lo]! + (h - lo) * (sorted[lo + 1]! - sorted[lo]!);
}

/** An incident's delay, in ms; null where it has none or is a duplicate (which statistics leave out). */
export function delayOf(r: DelayRow, delay: 'dispatch' | 'scene'): number | null {
  if (r.cancel_reason === 'duplicate' || r.dispatched_at === null) return null;
  if (delay === 'dispatch') return r.dispatched_at - r.received_at;
  return r.on_scene_at === null ? null : r.on_scene_at - r.dispatched_at;
}

export const binOfDelay = (delay: number) => THRESHOLDS.filter((t) => delay >= t).length;

/** `delay|day|bin` → count, for the incidents given. */
export function expectedResponseDays(rows: readonly DelayRow[], timeZone: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (delay: string, r: DelayRow, value: number) => {
    const key = `${delay}|${intlDay(r.received_at, timeZone)}|${binOfDelay(value)}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  };
  for (const r of rows) {
    if (r.cancel_reason === 'duplicate' || r.dispatched_at === null) continue;
    add('dispatch', r, r.dispatched_at - r.received_at);
    if (r.on_scene_at !== null) add('scene', r, r.on_scene_at - r.dispatched_at);
  }
  return out;
}

/** response_days as it is, rows at 0 (every incident of theirs moved away) left out. */
export async function storedResponseDays(db: Reader): Promise<Map<string, number>> {
  const rows = await db.all<{ delay: string; day: number; bin: number; n: number }>('SELECT delay, day, bin, n FROM response_days WHERE n <> 0');
  return new Map(rows.map((r) => [`${r.delay}|${r.day}|${r.bin}`, r.n]));
}

/** The dimensions response_tallies (migration 018) splits by, one at a time. */
export interface TalliedRow extends DelayRow { district: string; type: string; priority: number }

/** `delay|dim|value|day|bin` → count: response_days once per district, type and priority. */
export function expectedResponseTallies(rows: readonly TalliedRow[], timeZone: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const dim of ['district', 'type', 'priority'] as const) {
    for (const r of rows) {
      for (const [key, n] of expectedResponseDays([r], timeZone)) {
        const [delay, day, bin] = key.split('|');
        const split = `${delay}|${dim}|${r[dim]}|${day}|${bin}`;
        out.set(split, (out.get(split) ?? 0) + n);
      }
    }
  }
  return out;
}

/** response_tallies as it is, rows at 0 left out. */
export async function storedResponseTallies(db: Reader): Promise<Map<string, number>> {
  const rows = await db.all<{ delay: string; dim: string; value: string | number; day: number; bin: number; n: number }>('SELECT * FROM response_tallies WHERE n <> 0');
  return new Map(rows.map((r) => [`${r.delay}|${r.dim}|${r.value}|${r.day}|${r.bin}`, r.n]));
}
