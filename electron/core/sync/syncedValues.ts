// Values that arrive by sync (hub or bundle) pass the rules the same field passes through the
// API: a signed operation is authentic, not necessarily well-formed text. Control characters
// and bidi overrides can hide or reorder text on screen and in print; lengths bound what a
// screen and a printout must hold. Fields the API never writes get the general rule alone.
import { z } from 'zod';
import { CALL_SOURCES, INCIDENT_STATUSES, INCIDENT_TYPES, LANGUAGES, OPERATOR_ROLES, TEAM_KINDS, TEAM_STATUSES, TEXT_LIMITS, VOLUNTEER_ROLES } from '../../../shared/domain';
import { syncedText } from '../../../shared/api/schemas';
import type { EntityName, FieldValue } from '../oplog/entities';
import type { Operation } from '../oplog/operation';

const oneOf = (list: readonly string[]) => z.enum(list as [string, ...string[]]);
const flag = z.union([z.literal(0), z.literal(1)]);

/** Per field, the API's rule (null is left to the tables' own constraints). */
const RULES: Partial<Record<EntityName, Record<string, z.ZodType>>> = {
  incident: {
    type: oneOf(INCIDENT_TYPES), priority: z.union([z.literal(1), z.literal(2), z.literal(3)]), status: oneOf(INCIDENT_STATUSES),
    locality: syncedText(TEXT_LIMITS.short), landmark: syncedText(TEXT_LIMITS.medium), description: syncedText(TEXT_LIMITS.long),
    lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180),
  },
  call: { source: oneOf(CALL_SOURCES), callerName: syncedText(TEXT_LIMITS.short), callerPhone: syncedText(40), description: syncedText(TEXT_LIMITS.long) },
  timeline: { text: syncedText(TEXT_LIMITS.long), struckReason: syncedText(TEXT_LIMITS.medium) },
  operator: { name: syncedText(60), role: oneOf(OPERATOR_ROLES), language: oneOf(LANGUAGES), disabled: flag },
  centre: { name: syncedText(TEXT_LIMITS.short) },
  team: { callSign: syncedText(60), kind: oneOf(TEAM_KINDS), status: oneOf(TEAM_STATUSES), vehicle: syncedText(TEXT_LIMITS.short), radioChannel: syncedText(40), retired: flag },
  volunteer: { name: syncedText(TEXT_LIMITS.short), role: oneOf(VOLUNTEER_ROLES), phone: syncedText(40), qualifications: syncedText(TEXT_LIMITS.medium), retired: flag },
  handoverNote: { text: syncedText(TEXT_LIMITS.long) },
};

/** Any other text: no control or bidi characters, at most the longest text the API takes. */
const ANY_TEXT = syncedText(TEXT_LIMITS.long);

function fieldAccepts(entity: EntityName, field: string, value: FieldValue): boolean {
  if (value === null) return true;
  const rule = RULES[entity]?.[field];
  if (rule) return rule.safeParse(value).success;
  return typeof value !== 'string' || ANY_TEXT.safeParse(value).success;
}

/** Whether an operation with no other refusal (screening.ts) carries a value the API would have refused; `parsed`: its value, parsed. */
export function hasUnsafeValue(op: Operation, parsed: unknown): boolean {
  const entity = op.entity as EntityName;
  const value = parsed as FieldValue | Record<string, FieldValue>;
  if (op.field !== '*') return !fieldAccepts(entity, op.field, value as FieldValue);
  return Object.entries(value as Record<string, FieldValue>).some(([field, v]) => !fieldAccepts(entity, field, v));
}
