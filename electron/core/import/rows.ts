// One record of the export → the facts of one row, or the reason it cannot be imported.
// Reasons are i18n keys with parameters (import.*), so the screen and the CLI can say them.
import { MAX_CASUALTY_COUNT, TEXT_LIMITS, type IncidentType, type Priority } from '../../../shared/domain';
import { parseCoordinates } from '../../../shared/geo';
import type { z } from 'zod';
import type { importRejection } from '../../../shared/api/import';
import type { CsvRecord } from './csv';
import { asciiDigits, dateReader } from './dates';
import { defaultsFor, MAPPED_FIELDS, type BoundColumns, type DefaultedField, type ImportMapping, type MappedField } from './mapping';
import { districtLookup, incidentTypeLookup, priorityLookup } from './vocabulary';

export type Rejection = z.output<typeof importRejection>;

/** The moments of a row, in the order they must come. */
export const TIME_FIELDS = ['received', 'dispatched', 'enRoute', 'onScene', 'cleared', 'closed'] as const;
export type TimeField = (typeof TIME_FIELDS)[number];
export type RowTimes = { received: number } & Record<Exclude<TimeField, 'received'>, number | null>;

export interface ImportRow {
  line: number;
  group: string | null;
  incidentNumber: string | null;
  type: IncidentType;
  priority: Priority;
  district: string;
  locality: string | null;
  landmark: string | null;
  description: string | null;
  lat: number | null;
  lon: number | null;
  trapped: number;
  injured: number;
  dead: number;
  times: RowTimes;
  unit: string | null;
  /** The time cells as the export wrote them, shown beside the parsed times in the preview. */
  raw: Partial<Record<TimeField, string>>;
  /** Every mapped cell: rows equal here are the same row twice. */
  fingerprint: string;
  /** What was left out of the row, with why (a unit's times that contradict each other). */
  warnings: Rejection[];
  /** Cells the mapping's defaults stood in for. */
  defaulted: Defaulted[];
}

export interface Defaulted {
  line: number;
  field: DefaultedField;
  /** The cell as written; empty when it was empty. */
  value: string;
  used: string;
}

export interface RowEnvironment {
  timeZone: string;
  /** Nothing historical happened after now: a later date is a misread format. */
  now: number;
}

export type RowReader = (record: CsvRecord) => ImportRow | Rejection;

/** Control characters and bidi overrides hide or reorder text; intake refuses them, the import drops them. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const shown = (value: string) => (value.length > 60 ? `${value.slice(0, 57)}…` : value);

class Rejected extends Error {
  constructor(readonly reason: string, readonly params: Record<string, string | number>) {
    super(reason);
  }
}

export function isRejection(value: ImportRow | Rejection): value is Rejection {
  return 'reason' in value;
}

/** Times in order: each one present is no earlier than those before it. */
export function timesOutOfOrder(times: Readonly<Record<TimeField, number | null>>): [TimeField, TimeField] | null {
  let previous: TimeField = 'received';
  for (const field of TIME_FIELDS.slice(1)) {
    const value = times[field];
    if (value === null) continue;
    if (value < times[previous]!) return [field, previous];
    previous = field;
  }
  return null;
}

export function createRowReader(mapping: ImportMapping, columns: BoundColumns, headerWidth: number, env: RowEnvironment): RowReader {
  const readDate = dateReader(mapping.dateFormat, env.timeZone);
  const typeOf = incidentTypeLookup(mapping);
  const districtOf = districtLookup(mapping);
  const priorityOf = priorityLookup(mapping);
  const defaults = { type: defaultsFor(mapping, 'type'), district: defaultsFor(mapping, 'district'), priority: defaultsFor(mapping, 'priority') };
  const reject = (reason: string, params: Record<string, string | number> = {}): never => {
    throw new Rejected(reason, params);
  };

  return (record) => {
    const { fields, line } = record;
    const cell = (field: MappedField): string => columns.cell[field]?.(fields) ?? '';
    const text = (field: MappedField, max: number): string | null => {
      const value = cell(field).replace(UNSAFE_CHARS, '');
      if (value.length > max) reject('import.tooLong', { column: columns.label(field), max });
      return value === '' ? null : value;
    };
    const time = (field: TimeField): number | null => {
      const raw = cell(field);
      if (raw === '') return field === 'received' ? reject('import.missingValue', { column: columns.label(field) }) : null;
      const epoch = readDate(raw);
      if (epoch === null) reject('import.badDate', { column: columns.label(field), value: shown(raw) });
      if (epoch! > env.now) reject('import.inFuture', { column: columns.label(field), value: shown(raw) });
      return epoch;
    };
    const count = (field: 'trapped' | 'injured' | 'dead'): number => {
      const raw = asciiDigits(cell(field));
      if (raw === '') return 0;
      const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!(n <= MAX_CASUALTY_COUNT)) reject('import.badCount', { column: columns.label(field), value: shown(raw) });
      return n;
    };

    try {
      // More cells than the header has columns means an unquoted delimiter shifted the row.
      if (fields.length > headerWidth && fields.slice(headerWidth).some((f) => f.trim() !== '')) {
        reject('import.tooManyFields', { expected: headerWidth, found: fields.length });
      }
      const times = Object.fromEntries(TIME_FIELDS.map((f) => [f, time(f)])) as RowTimes;
      const unit = text('unit', TEXT_LIMITS.short);
      const warnings: Rejection[] = [];
      // One unit's contradicting times are left out rather than lose its incident and every
      // other unit on it; a row that is the incident itself is still refused whole.
      for (let wrong = timesOutOfOrder(times); wrong; wrong = timesOutOfOrder(times)) {
        const params = { column: columns.label(wrong[0]), earlierColumn: columns.label(wrong[1]) };
        if (unit === null) reject('import.timesOutOfOrder', params);
        for (const field of wrong) if (field !== 'received') times[field] = null;
        warnings.push({ line, reason: 'import.unitTimesDropped', params });
      }
      const defaulted: Defaulted[] = [];
      // An empty cell or a word no list has: the mapping's default if it names one, else refused.
      const known = <F extends DefaultedField, T>(field: F, lookup: (text: string) => T | undefined, fallback: { empty?: T; unknown?: T }, unknownReason: string): T => {
        const raw = field === 'priority' ? asciiDigits(cell(field)) : cell(field);
        const found = raw === '' ? undefined : lookup(raw);
        if (found !== undefined) return found;
        const used = raw === '' ? fallback.empty : fallback.unknown;
        if (used === undefined) {
          return raw === '' ? reject('import.missingValue', { column: columns.label(field) }) : reject(unknownReason, { value: shown(raw) });
        }
        defaulted.push({ line, field, value: shown(raw), used: String(used) });
        return used;
      };
      const type = known('type', typeOf, defaults.type, 'import.unknownType');
      const district = known('district', districtOf, defaults.district, 'import.unknownDistrict');
      // Without a priority a call is urgent-but-not-critical, as at intake: not worth a warning.
      const priority = cell('priority') === '' && defaults.priority.empty === undefined ? 2 : known('priority', priorityOf, defaults.priority, 'import.unknownPriority');
      // A location too long for the locality (a name) often reads as a landmark (a description).
      const location = text('location', TEXT_LIMITS.medium);
      const longLocation = location !== null && location.length > TEXT_LIMITS.short;
      const landmark = text('landmark', TEXT_LIMITS.medium);
      if (longLocation && landmark !== null) reject('import.tooLong', { column: columns.label('location'), max: TEXT_LIMITS.short });
      return {
        line,
        group: columns.group?.(fields) || null,
        incidentNumber: text('incidentNumber', TEXT_LIMITS.short),
        type, priority, district,
        locality: longLocation ? null : location,
        landmark: longLocation ? location : landmark,
        description: text('description', TEXT_LIMITS.long),
        ...coordinates(cell, reject),
        trapped: count('trapped'), injured: count('injured'), dead: count('dead'),
        times,
        unit,
        raw: Object.fromEntries(TIME_FIELDS.map((f) => [f, cell(f)]).filter(([, v]) => v !== '')),
        fingerprint: JSON.stringify(MAPPED_FIELDS.map(cell)),
        warnings,
        defaulted,
      };
    } catch (err) {
      if (err instanceof Rejected) return { line, reason: err.reason, params: err.params };
      throw err;
    }
  };
}

/** A decimal number, allowing the decimal comma of `;`-separated exports. */
function decimal(raw: string): number {
  const text = asciiDigits(raw).replace('٫', '.');
  return /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : NaN;
}

function coordinates(cell: (field: MappedField) => string, reject: (reason: string, params?: Record<string, string | number>) => never): { lat: number | null; lon: number | null } {
  const joined = cell('coordinates');
  if (joined !== '') return readCoordinates(joined) ?? reject('import.badCoordinates', { value: shown(joined) });
  const [latText, lonText] = [cell('lat'), cell('lon')];
  if (latText === '' && lonText === '') return { lat: null, lon: null };
  const [lat, lon] = [decimal(latText), decimal(lonText)];
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) reject('import.badCoordinates', { value: shown(`${latText} ${lonText}`) });
  return { lat, lon };
}

/** WKT writes longitude first: `POINT (35.79 35.52)`. */
const WKT_POINT = /^POINT\s*\(\s*(\S+)\s+(\S+)\s*\)$/i;

/** One cell of coordinates as exports write them: `(lat, lon)`, `lat lon`, WKT, or degrees-minutes-seconds. */
export function readCoordinates(text: string): { lat: number; lon: number } | null {
  const wkt = WKT_POINT.exec(text.trim());
  if (wkt) {
    const [lon, lat] = [decimal(wkt[1]!), decimal(wkt[2]!)];
    return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
  }
  const bare = /^\((.*)\)$/s.exec(text.trim());
  return parseCoordinates(bare ? bare[1]! : text);
}
