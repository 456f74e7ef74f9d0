// Dates as other systems write them: a pattern of YYYY MM DD HH (or hh A) mm ss read as wall time in
// the log's time zone, or ISO 8601 (with an offset it is exact; without one, wall time too).
import { zonedTimeToEpoch } from '../../../shared/time/zoned';

// A 12-hour clock is `hh` with `A` (AM/PM, a.m./p.m., or Arabic ص/م), as in the date libraries
// operators know. Any other letter is refused: a literal "PM" read as text would store every
// afternoon time twelve hours early. Literal letters go in brackets, e.g. `YYYY-MM-DD[T]HH:mm`.
const TOKENS = {
  YYYY: '(\\d{4})', MM: '(\\d{1,2})', DD: '(\\d{1,2})', HH: '(\\d{1,2})', hh: '(\\d{1,2})', mm: '(\\d{2})', ss: '(\\d{2})',
  A: '(a\\.?m\\.?|p\\.?m\\.?|ص|م|صباحا\\u064B?|مساء\\u064B?)',
} as const;
type Token = keyof typeof TOKENS;
const TOKEN = /\[[^\]]*\]|YYYY|MM|DD|HH|hh|mm|ss|A/g;

/** Calls before 2000 or after 2100 are typos (the same bounds as intake's). */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

export type DateReader = (text: string) => number | null;

interface Compiled {
  regex: RegExp;
  order: Token[];
}

/** Why a pattern cannot be used, in the words of the mapping's error; null when it can. */
export function dateFormatProblem(format: string): string | null {
  if (format === 'iso') return null;
  const order: Token[] = [];
  let rest = '';
  for (const part of format.split(TOKEN)) rest += part;
  for (const m of format.matchAll(TOKEN)) if (!m[0].startsWith('[')) order.push(m[0] as Token);
  const letter = /\p{L}/u.exec(rest);
  if (letter) return `"${letter[0]}" is not a token (tokens: YYYY MM DD HH hh mm ss A; put literal text in [brackets])`;
  if (new Set(order).size !== order.length) return 'a token is given twice';
  if (!['YYYY', 'MM', 'DD'].every((t) => order.includes(t as Token))) return 'YYYY, MM and DD are required';
  if (order.includes('HH') && order.includes('hh')) return 'use HH (24-hour) or hh with A (12-hour), not both';
  if (order.includes('hh') !== order.includes('A')) return 'a 12-hour hour (hh) needs A (AM/PM, ص/م), and A needs hh';
  if (order.includes('ss') && !order.includes('mm')) return 'ss needs mm';
  if (order.includes('mm') && !order.includes('HH') && !order.includes('hh')) return 'mm needs an hour (HH or hh)';
  return null;
}

/** The pattern as a regular expression, or null when dateFormatProblem finds one. */
function compile(format: string): Compiled | null {
  if (dateFormatProblem(format) !== null) return null;
  const order: Token[] = [];
  let source = '';
  let last = 0;
  for (const m of format.matchAll(TOKEN)) {
    source += literal(format.slice(last, m.index));
    if (m[0].startsWith('[')) source += literal(m[0].slice(1, -1));
    else {
      source += TOKENS[m[0] as Token];
      order.push(m[0] as Token);
    }
    last = m.index + m[0].length;
  }
  source += literal(format.slice(last));
  return { regex: new RegExp(`^${source}$`, 'i'), order };
}

/** Separators match literally, except that any run of spaces matches any other. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/\s+/g, '\\s+');
}

/** Morning or evening as exports write it: AM/PM (with or without dots) or Arabic ص/م. */
function isAfternoon(marker: string): boolean {
  const m = marker.toLowerCase();
  return m.startsWith('p') || m.startsWith('م');
}

/** Arabic-Indic and Persian digits → ASCII: Arabic exports write dates either way. */
export function asciiDigits(text: string): string {
  return text.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
}

interface WallTime {
  year: number; month: number; day: number; hour: number; minute: number; second: number;
}

function exists(t: WallTime): boolean {
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day));
  return d.getUTCFullYear() === t.year && d.getUTCMonth() === t.month - 1 && d.getUTCDate() === t.day
    && t.hour < 24 && t.minute < 60 && t.second < 60;
}

const HOUR = 3_600_000;

/**
 * Wall time → instant, with the zone's offset worked out once per wall-clock hour: Intl is
 * slow (a 300,000-row log has over a million times), and offsets change only between hours
 * in all but a few zones. An hour whose offset is not the same at both ends (a change inside
 * it) is left to zonedTimeToEpoch time by time.
 */
function wallClock(timeZone: string): (t: WallTime) => number {
  const offsets = new Map<number, number | null>();
  const offsetAt = (naive: number) => {
    const d = new Date(naive);
    const local = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
    return naive - zonedTimeToEpoch(local, timeZone);
  };
  return (t) => {
    const naive = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
    const hour = Math.floor(naive / HOUR) * HOUR;
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const [start, end] = [offsetAt(hour), offsetAt(hour + HOUR - 1000)];
      offset = start === end ? start : null;
      if (offsets.size > 100_000) offsets.clear();
      offsets.set(hour, offset);
    }
    return offset === null ? zonedTimeToEpoch(t, timeZone) : naive - offset;
  };
}

function inRange(epoch: number): number | null {
  return epoch >= EARLIEST && epoch < LATEST ? epoch : null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function readIso(text: string, timeZone: string, toEpoch: (t: WallTime) => number): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const t: WallTime = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +(m[6] ?? 0) };
  if (!exists(t)) return null;
  const millis = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  const zone = m[8];
  if (!zone) return inRange(toEpoch(t) + millis);
  const naive = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) + millis;
  if (zone.toUpperCase() === 'Z') return inRange(naive);
  const [, sign, hh, mm] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  const offset = (Number(hh) * 60 + Number(mm ?? 0)) * 60_000;
  return inRange(sign === '+' ? naive - offset : naive + offset);
}

/**
 * A reader for one format. Wall times that a daylight-saving change skips or repeats follow
 * zonedTimeToEpoch (the later instant in a gap, the earlier in an overlap): the export does
 * not say which was meant.
 */
export function dateReader(format: string, timeZone: string): DateReader {
  const toEpoch = wallClock(timeZone);
  if (format === 'iso') return (text) => readIso(asciiDigits(text.trim()), timeZone, toEpoch);
  const compiled = compile(format);
  if (!compiled) throw new Error(`not a date format: ${format}`);
  return (text) => {
    const m = compiled.regex.exec(asciiDigits(text.trim()));
    if (!m) return null;
    const parts: Partial<Record<Token, number>> = {};
    let afternoon: boolean | null = null;
    compiled.order.forEach((token, k) => {
      if (token === 'A') afternoon = isAfternoon(m[k + 1]!);
      else parts[token] = Number(m[k + 1]);
    });
    let hour = parts.HH ?? 0;
    if (afternoon !== null) {
      const h12 = parts.hh ?? 0;
      // 12 AM is midnight and 12 PM noon; an hour of 0 or 13 on a 12-hour clock is a misread format.
      if (h12 < 1 || h12 > 12) return null;
      hour = (h12 % 12) + (afternoon ? 12 : 0);
    }
    const t: WallTime = {
      year: parts.YYYY ?? 0, month: parts.MM ?? 0, day: parts.DD ?? 0,
      hour, minute: parts.mm ?? 0, second: parts.ss ?? 0,
    };
    return exists(t) ? inRange(toEpoch(t)) : null;
  };
}
