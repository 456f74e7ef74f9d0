// Values that arrive by sync (hub or bundle) pass the rules the same field passes through the
// API: a signed operation is authentic, not necessarily well-formed text. Control characters
// and bidi overrides can hide or reorder text on screen and in print; lengths bound what a
// screen and a printout must hold. Fields the API never writes get the general rule alone.
import { z } from 'zod';
import { CALL_SOURCES, INCIDENT_STATUSES, INCIDENT_TYPES, LANGUAGES, OPERATOR_ROLES, TEAM_KINDS, TEAM_STATUSES, TEXT_LIMITS, VOLUNTEER_ROLES } from '../../../shared/domain';
import { syncedText, UNSAFE_CHARS } from '../../../shared/api/schemas';
import type { EntityName, FieldValue } from '../oplog/entities';
import type { Operation } from '../oplog/operation';

/**
 * A field's rule: the API's schema, and the same rule checked by hand, which a catch-up asks of
 * hundreds of thousands of values (zod allocates for each). The hand check is never looser
 * (tests/core/sync/syncedValues.test.ts): where it says no, the schema decides.
 */
interface Rule {
  schema: z.ZodType;
  quick: (v: FieldValue) => boolean;
}

const oneOf = (list: readonly string[]): Rule => {
  const allowed = new Set(list);
  return { schema: z.enum(list as [string, ...string[]]), quick: (v) => typeof v === 'string' && allowed.has(v) };
};
const oneOfNumbers = (...list: [number, number, ...number[]]): Rule => ({
  schema: z.union(list.map((n) => z.literal(n)) as [z.ZodLiteral<number>, z.ZodLiteral<number>, ...z.ZodLiteral<number>[]]),
  quick: (v) => typeof v === 'number' && list.includes(v),
});
const flag = oneOfNumbers(0, 1);
const between = (min: number, max: number): Rule => ({ schema: z.number().min(min).max(max), quick: (v) => typeof v === 'number' && v >= min && v <= max });
const safeText = (max: number): Rule => ({ schema: syncedText(max), quick: (v) => typeof v === 'string' && v.length <= max && !UNSAFE_CHARS.test(v) });

/** Per field, the API's rule (null is left to the tables' own constraints). */
export const RULES: Partial<Record<EntityName, Record<string, Rule>>> = {
  incident: {
    type: oneOf(INCIDENT_TYPES), priority: oneOfNumbers(1, 2, 3), status: oneOf(INCIDENT_STATUSES),
    locality: safeText(TEXT_LIMITS.short), landmark: safeText(TEXT_LIMITS.medium), description: safeText(TEXT_LIMITS.long),
    lat: between(-90, 90), lon: between(-180, 180),
  },
  call: { source: oneOf(CALL_SOURCES), callerName: safeText(TEXT_LIMITS.short), callerPhone: safeText(40), description: safeText(TEXT_LIMITS.long) },
  timeline: { text: safeText(TEXT_LIMITS.long), struckReason: safeText(TEXT_LIMITS.medium) },
  operator: { name: safeText(60), role: oneOf(OPERATOR_ROLES), language: oneOf(LANGUAGES), disabled: flag },
  centre: { name: safeText(TEXT_LIMITS.short) },
  team: { callSign: safeText(60), kind: oneOf(TEAM_KINDS), status: oneOf(TEAM_STATUSES), vehicle: safeText(TEXT_LIMITS.short), radioChannel: safeText(40), retired: flag },
  volunteer: { name: safeText(TEXT_LIMITS.short), role: oneOf(VOLUNTEER_ROLES), phone: safeText(40), qualifications: safeText(TEXT_LIMITS.medium), retired: flag },
  handoverNote: { text: safeText(TEXT_LIMITS.long) },
};

/** Any other text: no control or bidi characters, at most the longest text the API takes. */
export const ANY_TEXT = safeText(TEXT_LIMITS.long);

const accepts = (rule: Rule, value: FieldValue) => rule.quick(value) || rule.schema.safeParse(value).success;

function fieldAccepts(entity: EntityName, field: string, value: FieldValue): boolean {
  if (value === null) return true;
  const rule = RULES[entity]?.[field];
  if (rule) return accepts(rule, value);
  return typeof value !== 'string' || accepts(ANY_TEXT, value);
}

/** Whether an operation with no other refusal (screening.ts) carries a value the API would have refused; `parsed`: its value, parsed. */
export function hasUnsafeValue(op: Operation, parsed: unknown): boolean {
  const entity = op.entity as EntityName;
  const value = parsed as FieldValue | Record<string, FieldValue>;
  if (op.field !== '*') return !fieldAccepts(entity, op.field, value as FieldValue);
  return Object.entries(value as Record<string, FieldValue>).some(([field, v]) => !fieldAccepts(entity, field, v));
}
