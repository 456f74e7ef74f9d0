// The incident, described once. Everything else about its shape derives from this list: the
// row type and column list (electron/core/incidents/incidentRows.ts), the operation log's
// registry (electron/core/oplog/entities.ts), which fields an operator may edit, the API's
// field rules composed by the intake, edit, detail and queue schemas (shared/api/schemas.ts),
// and the form shared by intake and the incident view (renderer/src/features/incidents/IncidentForm.tsx).
//
// When adding a new column (README, "How to add a field"):
//   1. a migration adds it to the table (electron/core/db/migrations/, and its index);
//   2. one entry below, where it should sit in the form: column, SQLite type, rule, who gives it,
//      who may change it, whether the queue shows it, and its form input;
//   3. its label in shared/i18n/en.ts and ar.ts.
// The entries' order is the form's; the table's column order does not matter. `columnsAgree`
// below refuses, at compile time, a column whose SQLite type disagrees with its rule;
// tests/core/incidentRecord.test.ts compares the columns with a migrated database's table.
import { z } from 'zod';
import { TEXT_LIMITS } from '../domain';
import type { MessageKey } from '../i18n';
import { count, id, incidentStatus, incidentType, latitude, longitude, priority, regionCode, text, timestamp } from './values';

type SqlType = 'TEXT' | 'INTEGER' | 'REAL';

/** How a form shows a field: the incident form draws every field that has one. */
export interface FormInput {
  input: 'type' | 'priority' | 'text' | 'longText' | 'count';
  label: MessageKey;
  /** Columns of the four-column grid it spans (1 unless said). */
  span?: 2 | 4;
  /** Free text: the visible hint not to record religion, sect, ethnicity or politics. */
  noPoliticsHint?: true;
}

export interface FieldSpec {
  column: string;
  sql: SqlType;
  /** The rule a present value passes (null is said by `nullable`). */
  rule: z.ZodType<string | number>;
  nullable: boolean;
  /**
   * Who gives it when the incident is opened: `intake` (the operator, a field of calls.log),
   * `place` (the operator, inside calls.log's `location`), `call` (copied from the first call),
   * `core` (the core: number, status, times, author).
   */
  given: 'intake' | 'place' | 'call' | 'core';
  /** Who may change it afterwards: `edit` (incidents.update), `status` (status moves); absent: never. */
  changes?: 'edit' | 'status';
  /** The queue rows carry it. */
  queue?: true;
  form?: FormInput;
}

const short = text(TEXT_LIMITS.short);
const medium = text(TEXT_LIMITS.medium);
const long = text(TEXT_LIMITS.long);
const stamp = { sql: 'INTEGER', rule: timestamp, given: 'core' } as const;

export const INCIDENT = {
  number: { column: 'number', sql: 'TEXT', rule: z.string(), nullable: false, given: 'core', queue: true },
  type: {
    column: 'type', sql: 'TEXT', rule: incidentType, nullable: false, given: 'intake', changes: 'edit', queue: true,
    form: { input: 'type', label: 'intake.type', span: 2 },
  },
  priority: {
    column: 'priority', sql: 'INTEGER', rule: priority, nullable: false, given: 'intake', changes: 'edit', queue: true,
    form: { input: 'priority', label: 'intake.priority', span: 2 },
  },
  status: { column: 'status', sql: 'TEXT', rule: incidentStatus, nullable: false, given: 'core', changes: 'status', queue: true },
  district: { column: 'district', sql: 'TEXT', rule: regionCode, nullable: false, given: 'place', changes: 'edit', queue: true },
  subdistrict: { column: 'subdistrict', sql: 'TEXT', rule: regionCode, nullable: true, given: 'place', changes: 'edit', queue: true },
  locality: {
    column: 'locality', sql: 'TEXT', rule: short, nullable: true, given: 'place', changes: 'edit', queue: true,
    form: { input: 'text', label: 'intake.locality', span: 2 },
  },
  landmark: {
    column: 'landmark', sql: 'TEXT', rule: medium, nullable: true, given: 'place', changes: 'edit', queue: true,
    form: { input: 'text', label: 'intake.landmark', span: 2, noPoliticsHint: true },
  },
  lat: { column: 'lat', sql: 'REAL', rule: latitude, nullable: true, given: 'place', changes: 'edit' },
  lon: { column: 'lon', sql: 'REAL', rule: longitude, nullable: true, given: 'place', changes: 'edit' },
  description: {
    column: 'description', sql: 'TEXT', rule: long, nullable: true, given: 'call', changes: 'edit',
    form: { input: 'longText', label: 'intake.description', span: 4, noPoliticsHint: true },
  },
  trapped: { column: 'trapped', sql: 'INTEGER', rule: count, nullable: false, given: 'call', changes: 'edit', queue: true, form: { input: 'count', label: 'intake.trapped' } },
  injured: { column: 'injured', sql: 'INTEGER', rule: count, nullable: false, given: 'call', changes: 'edit', queue: true, form: { input: 'count', label: 'intake.injured' } },
  dead: { column: 'dead', sql: 'INTEGER', rule: count, nullable: false, given: 'call', changes: 'edit', queue: true, form: { input: 'count', label: 'intake.dead' } },
  receivedAt: { column: 'received_at', ...stamp, nullable: false, queue: true },
  statusAt: { column: 'status_at', ...stamp, nullable: false, changes: 'status', queue: true },
  dispatchedAt: { column: 'dispatched_at', ...stamp, nullable: true, changes: 'status' },
  onSceneAt: { column: 'on_scene_at', ...stamp, nullable: true, changes: 'status' },
  clearedAt: { column: 'cleared_at', ...stamp, nullable: true, changes: 'status' },
  closedAt: { column: 'closed_at', ...stamp, nullable: true, changes: 'status' },
  cancelledAt: { column: 'cancelled_at', ...stamp, nullable: true, changes: 'status' },
  cancelReason: { column: 'cancel_reason', sql: 'TEXT', rule: medium, nullable: true, given: 'core', changes: 'status' },
  createdBy: { column: 'created_by', sql: 'TEXT', rule: id, nullable: false, given: 'core' },
} as const satisfies Record<string, FieldSpec>;

type Incident = typeof INCIDENT;
export type IncidentField = keyof Incident;
type FieldsWhere<P> = { [F in IncidentField]: Incident[F] extends P ? F : never }[IncidentField];

/** A field's value as stored: its rule's output, or null where the column allows it. */
export type IncidentValue<F extends IncidentField> =
  z.output<Incident[F]['rule']> | (Incident[F]['nullable'] extends true ? null : never);
/** The incident's fields by their operation-log names. */
export type IncidentValues = { [F in IncidentField]: IncidentValue<F> };
/** The incident as its table holds it (the derived search keys aside). */
export type IncidentRow = { id: string } & { [F in IncidentField as Incident[F]['column']]: IncidentValue<F> };

export type EditableField = FieldsWhere<{ changes: 'edit' }>;
export type QueueField = FieldsWhere<{ queue: true }>;
export type PlaceField = FieldsWhere<{ given: 'place' }>;
export type IntakeField = FieldsWhere<{ given: 'intake' }>;
export type FormField = FieldsWhere<{ form: FormInput }>;
export type NullableField = FieldsWhere<{ nullable: true }>;
/** Fields the core sets itself when it opens an incident, whoever gives the rest. */
export type CoreField = FieldsWhere<{ given: 'core' }>;

// Compile-time check that each column's SQLite type holds its rule's values.
type SqlFor<T> = [T] extends [string] ? 'TEXT' : [T] extends [number] ? 'INTEGER' | 'REAL' : never;
type Disagreeing = { [F in IncidentField]: Incident[F]['sql'] extends SqlFor<z.output<Incident[F]['rule']>> ? never : F }[IncidentField];
const columnsAgree: [Disagreeing] extends [never] ? true : Disagreeing = true;
void columnsAgree;

const FIELDS = Object.keys(INCIDENT) as IncidentField[];
const where = <F extends IncidentField>(test: (spec: FieldSpec) => boolean) => FIELDS.filter((f) => test(INCIDENT[f])) as F[];

export const INCIDENT_FIELDS: readonly IncidentField[] = FIELDS;
/** Field → column, for the operation log (entities.ts). */
export const INCIDENT_COLUMN = Object.fromEntries(FIELDS.map((f) => [f, INCIDENT[f].column])) as { readonly [F in IncidentField]: Incident[F]['column'] };
/** Every column of a row, in the table's order (`IncidentRow`'s keys). */
export const INCIDENT_COLUMNS: readonly (keyof IncidentRow)[] = ['id', ...FIELDS.map((f) => INCIDENT[f].column)];
export const EDITABLE_FIELDS: readonly EditableField[] = where<EditableField>((s) => s.changes === 'edit');
/** Fields that change after creation: by an edit, or together with a status move. */
export const MUTABLE_FIELDS: readonly IncidentField[] = where((s) => s.changes !== undefined);
/** The fields a status move writes, as one merge group: the status first. */
export const STATUS_FIELDS: readonly IncidentField[] = where((s) => s.changes === 'status');
export const QUEUE_FIELDS: readonly QueueField[] = where<QueueField>((s) => s.queue === true);
export const PLACE_FIELDS: readonly PlaceField[] = where<PlaceField>((s) => s.given === 'place');
export const INTAKE_FIELDS: readonly IntakeField[] = where<IntakeField>((s) => s.given === 'intake');
export const FORM_FIELDS: readonly FormField[] = where<FormField>((s) => 'form' in s);

/** A row's values by field name: the one place columns turn into fields. */
export function fieldsOfRow(row: IncidentRow): IncidentValues {
  return Object.fromEntries(FIELDS.map((f) => [f, row[INCIDENT[f].column]])) as IncidentValues;
}

/** The rule of a field as a channel takes it: null allowed where the column allows it. */
type FieldSchema<F extends IncidentField> = Incident[F]['nullable'] extends true ? z.ZodNullable<Incident[F]['rule']> : Incident[F]['rule'];
type FieldSchemas = { [F in IncidentField]: FieldSchema<F> };
/** The rule of each field, composed by the intake, edit, detail and queue schemas. */
export const incidentFields = Object.fromEntries(
  FIELDS.map((f) => [f, INCIDENT[f].nullable ? INCIDENT[f].rule.nullable() : INCIDENT[f].rule]),
) as FieldSchemas;

/**
 * A stored value as the API hands it out (detail, queue): the type its rule gives, checked no
 * tighter than its column, since rows also come from sync, the seeder and imports (the demo's
 * times are not whole milliseconds). The choices (type, priority, status) stay checked.
 */
function storedRule(spec: FieldSpec): z.ZodType {
  const rule = spec.rule instanceof z.ZodEnum || spec.rule instanceof z.ZodUnion ? spec.rule : spec.sql === 'TEXT' ? z.string() : z.number();
  return spec.nullable ? rule.nullable() : rule;
}
/** The output side of `incidentFields`: the same types, as loose as the table (see storedRule). */
export const storedFields = Object.fromEntries(FIELDS.map((f) => [f, storedRule(INCIDENT[f])])) as FieldSchemas;

/** The rules of some fields, as an object schema's shape: the input rules, or those of stored values. */
export function pickFields<F extends IncidentField>(fields: readonly F[], from: FieldSchemas = incidentFields): { [K in F]: FieldSchemas[K] } {
  return Object.fromEntries(fields.map((f) => [f, from[f]])) as { [K in F]: FieldSchemas[K] };
}

/** Intake's shape: given fields required unless the column takes null, then optional (absent, never null). */
type IntakeSchemas<F extends IncidentField> = { [K in F]: Incident[K]['nullable'] extends true ? z.ZodOptional<Incident[K]['rule']> : Incident[K]['rule'] };
export function intakeFields<F extends IncidentField>(fields: readonly F[]): IntakeSchemas<F> {
  return Object.fromEntries(fields.map((f) => [f, INCIDENT[f].nullable ? INCIDENT[f].rule.optional() : INCIDENT[f].rule])) as IntakeSchemas<F>;
}

/** Coordinates are two columns that only mean something together. */
export function bothOrNeither(value: { lat?: number | null | undefined; lon?: number | null | undefined }): boolean {
  return (value.lat === undefined) === (value.lon === undefined) && (value.lat === null) === (value.lon === null);
}
