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

export const operationSchema = z.object({
  origin: z.string().regex(/^[0-9a-f]{16}$/),
  seq: z.number().int().positive(),
  hlc: z.string().max(64),
  entity: z.string().max(40),
  rowId: z.string().regex(/^[0-9a-f-]{36}$/),
  field: z.string().max(40),
  value: z.string().max(MAX_VALUE_BYTES),
  operator: z.string().max(64).nullable(),
  // At most a few: the writes of one field its writer held as concurrent.
  prev: z.string().max(2000).regex(/^([0-9a-f]{16}:[1-9][0-9]{0,14}( [0-9a-f]{16}:[1-9][0-9]{0,14})*)?$/).nullable().optional(),
}).strict();

export type Rejection = 'malformed' | 'unknownEntity' | 'unknownField' | 'badValue' | 'immutableField' | 'clockAhead' | 'hlcOrigin';

const isScalar = (v: unknown): v is FieldValue => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** A value this field of this entity may hold. */
const fits = (spec: EntitySpec, field: string, v: unknown) => isScalar(v) && (spec.allowed?.[field]?.(v) ?? true);

/** Why an operation may not be applied, or null when it may. */
export function rejectionOf(op: Operation, maxWall: number): Rejection | null {
  if (!operationSchema.safeParse(op).success) return 'malformed';
  const hlc = decodeHlc(op.hlc);
  if (!hlc || hlc.origin !== op.origin) return 'hlcOrigin';
  if (hlc.wall > maxWall) return 'clockAhead';
  if (!isEntityName(op.entity)) return 'unknownEntity';
  const spec: EntitySpec = ENTITIES[op.entity];
  let value: unknown;
  try {
    value = JSON.parse(op.value);
  } catch {
    return 'badValue';
  }
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
