// The mapping file: which of the export's columns holds what Beacon needs, how its dates are
// written, and how its words for types, districts, priorities and units translate.
import { z } from 'zod';
import { CALL_SOURCES, INCIDENT_TYPES, type IncidentType, type Priority } from '../../../shared/domain';
import { normalizeForSearch } from '../../../shared/text/search';
import { isTimeZone } from '../../../shared/api/schemas';
import { DomainError } from '../base/errors';
import { findDistrict } from '../reference/districts';
import { DELIMITERS, type Delimiter } from './csv';
import { dateFormatProblem } from './dates';

/** A column by its header name; several (e.g. a date and a time column) are joined by a space. */
const columnRef = z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1).max(4)]);

export const MAPPED_FIELDS = [
  'received', 'dispatched', 'enRoute', 'onScene', 'cleared', 'closed', 'type', 'priority', 'district',
  'location', 'landmark', 'description', 'lat', 'lon', 'coordinates', 'trapped', 'injured', 'dead', 'unit', 'incidentNumber',
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

const columns = z.object(Object.fromEntries(MAPPED_FIELDS.map((f) => [f, columnRef.optional()])) as Record<MappedField, z.ZodOptional<typeof columnRef>>)
  .extend({ received: columnRef, type: columnRef, district: columnRef })
  .strict()
  .refine((c) => !((c.lat || c.lon) && c.coordinates), { error: 'give either lat and lon or coordinates, not both' })
  .refine((c) => !c.lat === !c.lon, { error: 'lat and lon come together' });

const incidentType = z.enum(INCIDENT_TYPES);
const districtCode = z.string().refine((code) => findDistrict(code) !== undefined, { error: 'not a district code of this region' });
const priority = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const fallback = <T extends z.ZodType>(value: T) => z.union([value, z.object({ empty: value.optional(), unknown: value.optional() }).strict()]);

export const importMappingSchema = z.object({
  columns,
  /** Tokens YYYY MM DD HH (or hh A) mm ss with any separators ("MM/DD/YYYY hh:mm A"), or "iso" for ISO 8601. */
  dateFormat: z.string().superRefine((format, check) => {
    const problem = dateFormatProblem(format);
    if (problem !== null) check.addIssue({ code: 'custom', message: `${problem}; or "iso"` });
  }),
  /** The zone the export's wall times are in; the post's own when left out. */
  timeZone: z.string().refine(isTimeZone, { error: 'not an IANA time zone, e.g. Asia/Damascus' }).optional(),
  /** Rows with the same value here are one incident, one row per responding unit. */
  groupBy: z.string().trim().min(1).optional(),
  /** Name of the exporting system: keeps two systems' incident numbers apart when re-importing. */
  system: z.string().trim().max(60).optional(),
  /** How the calls came in, when the export does not say. */
  callSource: z.enum(CALL_SOURCES).default('phone'),
  /** Their words → Beacon's; a term with `*` is a pattern ("EMS:*"). */
  values: z.object({
    type: z.record(z.string(), incidentType).optional(),
    district: z.record(z.string(), districtCode).optional(),
    priority: z.record(z.string(), priority).optional(),
    /** Their unit name → a Beacon team's call sign. */
    unit: z.record(z.string(), z.string()).optional(),
  }).strict().default({}),
  /**
   * What an empty cell, or a value the lists above do not have, stands for: one value for both,
   * or { empty, unknown }. Such rows are imported, and the report counts them.
   */
  defaults: z.object({ type: fallback(incidentType).optional(), district: fallback(districtCode).optional(), priority: fallback(priority).optional() })
    .strict().default({}),
  delimiter: z.enum([...DELIMITERS, 'tab']).optional(),
  /** Older Arabic Excel saves CSV in Windows-1256, not UTF-8. */
  encoding: z.enum(['utf-8', 'windows-1256']).default('utf-8'),
}).strict();

export type ImportMapping = z.output<typeof importMappingSchema>;

/** A mapping file that cannot be used; nothing has been read or written. */
export class MappingError extends DomainError {
  constructor(code: 'import.badMapping' | 'import.unknownColumn' | 'import.badEncoding', params: Record<string, string | number>) {
    super(code, params);
  }
}

export function parseMapping(json: unknown): ImportMapping {
  const parsed = importMappingSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(mapping)'}: ${i.message}`).join('; ');
  throw new MappingError('import.badMapping', { problems });
}

export function mappingDelimiter(mapping: ImportMapping): Delimiter | undefined {
  return mapping.delimiter === 'tab' ? '\t' : mapping.delimiter;
}

/** Reads one mapped field from a record: the cells of its columns, trimmed and joined. */
export type CellReader = (fields: readonly string[]) => string;

export interface BoundColumns {
  cell: Partial<Record<MappedField, CellReader>>;
  /** The header names a field was mapped to, for messages. */
  label(field: MappedField): string;
  group: CellReader | null;
  /** A mapped column whose name the header has twice: which one is read. */
  warnings: { line: number; reason: string; params: Record<string, string | number> }[];
}

/** Finds each mapped column in the header (exactly, else ignoring case and accents); refuses one that is not there. */
export function bindColumns(mapping: ImportMapping, header: readonly string[]): BoundColumns {
  const names = header.map((h) => h.trim());
  const warnings: BoundColumns['warnings'] = [];
  const warned = new Set<number>();
  const indexOf = (name: string): number => {
    const exact = names.indexOf(name);
    const index = exact !== -1 ? exact : names.findIndex((h) => normalizeForSearch(h) === normalizeForSearch(name));
    if (index === -1) throw new MappingError('import.unknownColumn', { column: name, columns: names.join(', ') });
    // Exports do repeat a header ("Time" for the call and again for the arrival): the first is
    // read, and the report says so, rather than a silent choice.
    const same = names.flatMap((h, k) => (normalizeForSearch(h) === normalizeForSearch(names[index]!) ? [k + 1] : []));
    if (same.length > 1 && !warned.has(index)) {
      warned.add(index);
      warnings.push({ line: 1, reason: 'import.duplicateColumn', params: { column: names[index]!, used: index + 1, positions: same.join(', ') } });
    }
    return index;
  };
  const reader = (ref: string | string[]): CellReader => {
    const indexes = (Array.isArray(ref) ? ref : [ref]).map(indexOf);
    return (fields) => indexes.map((i) => (fields[i] ?? '').trim()).filter((v) => v !== '').join(' ');
  };
  const cell: Partial<Record<MappedField, CellReader>> = {};
  for (const field of MAPPED_FIELDS) {
    const ref = mapping.columns[field];
    if (ref !== undefined) cell[field] = reader(ref);
  }
  return {
    cell,
    label: (field) => {
      const ref = mapping.columns[field];
      return ref === undefined ? field : Array.isArray(ref) ? ref.join(' + ') : ref;
    },
    group: mapping.groupBy ? reader(mapping.groupBy) : null,
    warnings,
  };
}

export const DEFAULTED_FIELDS = ['type', 'district', 'priority'] as const;
export type DefaultedField = (typeof DEFAULTED_FIELDS)[number];
type DefaultValue<F extends DefaultedField> = F extends 'type' ? IncidentType : F extends 'district' ? string : Priority;

/** The mapping's default for a field, for an empty cell and for a value it does not know. */
export function defaultsFor<F extends DefaultedField>(mapping: ImportMapping, field: F): { empty?: DefaultValue<F>; unknown?: DefaultValue<F> } {
  const given = mapping.defaults[field] as DefaultValue<F> | { empty?: DefaultValue<F>; unknown?: DefaultValue<F> } | undefined;
  if (given === undefined) return {};
  return typeof given === 'object' ? given : { empty: given, unknown: given };
}
