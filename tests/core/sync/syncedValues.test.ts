// A value that arrives by sync is checked by hand first (sync/syncedValues.ts), and by the API's
// schema only where the hand check says no: so no hand check may let through what its schema
// refuses. Fuzzed for every field's rule, around each rule's edges and with whatever JSON gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANY_TEXT, RULES } from '../../../electron/core/sync/syncedValues';
import { CALL_SOURCES, INCIDENT_STATUSES, INCIDENT_TYPES, LANGUAGES, OPERATOR_ROLES, TEAM_KINDS, TEAM_STATUSES, TEXT_LIMITS, VOLUNTEER_ROLES } from '../../../shared/domain';
import type { FieldValue } from '../../../electron/core/oplog/entities';

const rules = [
  ...Object.entries(RULES).flatMap(([entity, fields]) => Object.entries(fields ?? {}).map(([field, rule]) => ({ name: `${entity}.${field}`, rule }))),
  { name: 'any other text', rule: ANY_TEXT },
];

const lengths = [40, 60, TEXT_LIMITS.short, TEXT_LIMITS.medium, TEXT_LIMITS.long].flatMap((n) => [n - 1, n, n + 1]);
const words = [...CALL_SOURCES, ...INCIDENT_STATUSES, ...INCIDENT_TYPES, ...LANGUAGES, ...OPERATOR_ROLES, ...TEAM_KINDS, ...TEAM_STATUSES, ...VOLUNTEER_ROLES];
const values: fc.Arbitrary<unknown> = fc.oneof(
  // Texts of every limit's length, with or without a control or bidi character somewhere.
  fc.tuple(fc.constantFrom(...lengths), fc.constantFrom('a', 'ع', '😀'), fc.option(fc.constantFrom('\u0000', '\u0007', '\n', '\t', '\u007f', '\u0085', '\u009f', '\u202e', '\u2067', '\u200f'), { nil: null }))
    .map(([n, unit, bad]) => { const s = unit.repeat(n).slice(0, n); return bad === null ? s : `${s.slice(1)}${bad}`; }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom<unknown>(...words, ...words.map((w) => w.toUpperCase()), ...words.map((w) => `${w} `), ...words.map((w) => [w])),
  fc.constantFrom(0, 1, 2, 3, 4, -0, 0.5, 1.0000001, -90, 90, -90.0001, 90.0001, -180, 180, 180.5, NaN, Infinity, -Infinity, 1e308, '1', true, false, null),
  fc.double(),
  fc.integer({ min: -200, max: 200 }),
  fc.jsonValue(),
);

describe('the hand check of a synced value', () => {
  it('never accepts what the API schema of the same field refuses', () => {
    let accepted = 0;
    for (const { name, rule } of rules) {
      fc.assert(fc.property(values, (value) => {
        if (!rule.quick(value as FieldValue)) return;
        accepted++;
        expect(rule.schema.safeParse(value).success, `${name}: ${JSON.stringify(value)}`).toBe(true);
      }), { numRuns: 2_000 });
    }
    // Not vacuous: the fuzz reaches the hand checks' yes often.
    expect(accepted).toBeGreaterThan(rules.length * 50);
  });

  it('accepts what Beacon writes: statuses, priorities, places and plain Arabic text', () => {
    const incident = RULES.incident!;
    expect(incident.status!.quick('dispatched')).toBe(true);
    expect(incident.priority!.quick(2)).toBe(true);
    expect(incident.lat!.quick(35.52)).toBe(true);
    expect(incident.description!.quick('حريق في مستودع قرب الميناء')).toBe(true);
    expect(incident.description!.quick('a\u202eb')).toBe(false);
  });
});
