// Shifts: periods of duty that start at fixed local times every day (by default 08:00 and
// 20:00; three-shift patterns too). Every call and incident belongs to the shift in which
// it was received, computed in the post's time zone, so daylight-saving days have a
// shorter or longer shift rather than a misplaced one.
import { zonedParts, zonedTimeToEpoch } from './zoned';

export const DEFAULT_SHIFT_STARTS: readonly string[] = ['08:00', '20:00'];

export interface Shift {
  start: number;
  end: number;
  /** Index of the start time in the pattern: 0 = the first shift of the day. */
  index: number;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Shift start times as sorted minutes after local midnight. */
export function parsePattern(starts: readonly string[]): number[] {
  const minutes = [...new Set(starts.map(minutesOf))].sort((a, b) => a - b);
  return minutes.length > 0 ? minutes : [480];
}

function startOn(day: { year: number; month: number; day: number }, minute: number, timeZone: string): number {
  return zonedTimeToEpoch({ ...day, hour: Math.floor(minute / 60), minute: minute % 60 }, timeZone);
}

function shiftDay(day: { year: number; month: number; day: number }, delta: number) {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day + delta));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The shift that contains the instant. */
export function shiftAt(epochMs: number, starts: readonly string[], timeZone: string): Shift {
  const pattern = parsePattern(starts);
  const today = zonedParts(epochMs, timeZone);
  // Candidates from yesterday to tomorrow; the latest start not after the instant wins.
  const candidates: { start: number; index: number }[] = [];
  for (const delta of [-1, 0, 1]) {
    const day = shiftDay(today, delta);
    pattern.forEach((minute, index) => candidates.push({ start: startOn(day, minute, timeZone), index }));
  }
  candidates.sort((a, b) => a.start - b.start);
  let current = candidates[0]!;
  let next = candidates[1]!;
  for (let i = 0; i < candidates.length - 1; i++) {
    if (candidates[i]!.start <= epochMs) {
      current = candidates[i]!;
      next = candidates[i + 1]!;
    }
  }
  return { start: current.start, end: next.start, index: current.index };
}

/** The shift before the given one. */
export function previousShift(shift: Shift, starts: readonly string[], timeZone: string): Shift {
  return shiftAt(shift.start - 1, starts, timeZone);
}

/** Shorter than this, a "shift" is a typing mistake rather than a pattern. */
export const SHORTEST_SHIFT_MINUTES = 120;

const START_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const MAX_SHIFTS_PER_DAY = 6;

/**
 * Why a list of start times is no shift pattern (an i18n key), or null when it is one: the
 * same rule for a supervisor's form and for a pattern that arrives from another console.
 */
export function shiftPatternProblem(starts: readonly string[]): 'validation.time' | 'validation.tooLarge' | 'validation.shiftRepeated' | 'validation.shiftTooShort' | null {
  if (starts.length === 0 || !starts.every((s) => START_TIME.test(s))) return 'validation.time';
  if (starts.length > MAX_SHIFTS_PER_DAY) return 'validation.tooLarge';
  const sorted = parsePattern(starts); // sorted minutes after midnight, each once
  if (sorted.length !== starts.length) return 'validation.shiftRepeated';
  const gaps = sorted.map((m, i) => ((sorted[(i + 1) % sorted.length]! - m + 1440 - 1) % 1440) + 1);
  if (sorted.length > 1 && gaps.some((g) => g < SHORTEST_SHIFT_MINUTES)) return 'validation.shiftTooShort';
  return null;
}

/** The pattern as it is stored: sorted HH:MM start times. */
export function canonicalPattern(starts: readonly string[]): string[] {
  return parsePattern(starts).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
}
