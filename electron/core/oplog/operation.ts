// An operation as it travels between consoles, hubs and bundle files, and its validation:
// what comes from outside is checked like IPC input before anything is applied.
import { z } from 'zod';
import { ENTITIES, isEntityName, type EntitySpec, type FieldValue } from './entities';
import { decodeHlc } from './hlc';

export interface Operation {
  origin: string;
  seq: number;
  hlc: string;
  entity: string;
  rowId: string;
  field: string;
  value: string;
  operator: string | null;
  /** The field's operations this one replaced, `origin:seq` space-separated (fieldWinner.ts); absent: it does not say (older Beacons, creates). */
  prev?: string | null | undefined;
}

export const MAX_VALUE_BYTES = 16 * 1024;

const ORIGIN = /^[0-9a-f]{16}$/;
const ROW_ID = /^[0-9a-f-]{36}$/;
const PREV = /^([0-9a-f]{16}:[1-9][0-9]{0,14}( [0-9a-f]{16}:[1-9][0-9]{0,14})*)?$/;

export const operationSchema = z.object({
  origin: z.string().regex(ORIGIN),
  seq: z.number().int().positive(),
  hlc: z.string().max(64),
  entity: z.string().max(40),
  rowId: z.string().regex(ROW_ID),
  field: z.string().max(40),
  value: z.string().max(MAX_VALUE_BYTES),
  operator: z.string().max(64).nullable(),
  // At most a few: the writes of one field its writer held as concurrent.
  prev: z.string().max(2000).regex(PREV).nullable().optional(),
}).strict();

const KEYS = new Set(['origin', 'seq', 'hlc', 'entity', 'rowId', 'field', 'value', 'operator', 'prev']);
const textUpTo = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;

/**
 * The schema's rules checked by hand, for a plain object as JSON gives: a catch-up checks
 * hundreds of thousands of operations, and zod allocates for each. Never looser than the
 * schema (tests/core/oplog/operationShape.test.ts): where it says no, the schema decides.
 */
export function plainlyValid(op: unknown): boolean {
  if (typeof op !== 'object' || op === null || Object.getPrototypeOf(op) !== Object.prototype) return false;
  // Every enumerable key, inherited ones too, as `.strict()` refuses any other.
  for (const key in op) if (!KEYS.has(key)) return false;
  const o = op as Record<string, unknown>;
  const seq = o.seq;
  return typeof o.origin === 'string' && ORIGIN.test(o.origin)
    && typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0
    && textUpTo(o.hlc, 64) && textUpTo(o.entity, 40)
    && typeof o.rowId === 'string' && ROW_ID.test(o.rowId)
    && textUpTo(o.field, 40) && textUpTo(o.value, MAX_VALUE_BYTES)
    && (o.operator === null || textUpTo(o.operator, 64))
    && (o.prev === undefined || o.prev === null || (textUpTo(o.prev, 2000) && PREV.test(o.prev as string)));
}

/** Whether an operation from outside has the schema's shape. */
export const hasOperationShape = (op: unknown): boolean => plainlyValid(op) || operationSchema.safeParse(op).success;

export type Rejection = 'malformed' | 'unknownEntity' | 'unknownField' | 'badValue' | 'immutableField' | 'clockAhead' | 'hlcOrigin';

const isScalar = (v: unknown): v is FieldValue => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** A value this field of this entity may hold. */
const fits = (spec: EntitySpec, field: string, v: unknown) => isScalar(v) && (spec.allowed?.[field]?.(v) ?? true);

/**
 * What can be said of an operation whatever the time: a refusal found before its clock is
 * looked at (`early`), its clock's wall time, and a refusal found after (`late`). Apart so that
 * it can be worked out ahead, while an earlier batch is written (sync/screening.ts).
 */
export interface OperationShape {
  early: 'malformed' | 'hlcOrigin' | null;
  wall: number;
  late: Rejection | null;
  /** Its value, parsed, when it parsed (read-only: shared by whoever applies it). */
  value?: unknown;
}

export function shapeOf(op: Operation): OperationShape {
  if (!hasOperationShape(op)) return { early: 'malformed', wall: 0, late: null };
  const hlc = decodeHlc(op.hlc);
  if (!hlc || hlc.origin !== op.origin) return { early: 'hlcOrigin', wall: 0, late: null };
  if (!isEntityName(op.entity)) return { early: null, wall: hlc.wall, late: 'unknownEntity' };
  let value: unknown;
  try {
    value = JSON.parse(op.value);
  } catch {
    return { early: null, wall: hlc.wall, late: 'badValue' };
  }
  return { early: null, wall: hlc.wall, late: lateRejection(op, value), value };
}

/** Why an operation of this shape may not be applied with clocks up to `maxWall`, or null when it may. */
export function rejectionFrom(shape: OperationShape, maxWall: number): Rejection | null {
  if (shape.early) return shape.early;
  if (shape.wall > maxWall) return 'clockAhead';
  return shape.late;
}

function lateRejection(op: Operation, value: unknown): Rejection | null {
  if (!isEntityName(op.entity)) return 'unknownEntity';
  const spec: EntitySpec = ENTITIES[op.entity];
  if (op.field === '*') {
    if (spec.implicit) return 'unknownField'; // such rows have no create (entities.ts)
    if (op.prev !== undefined && op.prev !== null) return 'malformed'; // a create replaces nothing
    if (!value || typeof value !== 'object' || Array.isArray(value)) return 'badValue';
    for (const [field, v] of Object.entries(value)) {
      if (!Object.hasOwn(spec.fields, field)) return 'unknownField';
      if (!fits(spec, field, v)) return 'badValue';
    }
    return null;
  }
  if (!Object.hasOwn(spec.fields, op.field)) return 'unknownField';
  if (!spec.mutable.has(op.field)) return 'immutableField';
  return fits(spec, op.field, value) ? null : 'badValue';
}
