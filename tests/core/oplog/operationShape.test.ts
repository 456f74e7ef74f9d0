// An operation from outside is checked by hand first (oplog/operation.ts plainlyValid), and by
// the schema only where the hand check says no: so the hand check must never let through what
// the schema refuses. Fuzzed around every rule's edge, and against what JSON.parse can make.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasOperationShape, MAX_VALUE_BYTES, operationSchema, plainlyValid } from '../../../electron/core/oplog/operation';

const valid = {
  origin: '0123456789abcdef',
  seq: 42,
  hlc: '001796664853731-0001-0123456789abcdef',
  entity: 'incident',
  rowId: '0581301e-d71a-4ef1-8050-0735aad572c8',
  field: 'status',
  value: '"closed"',
  operator: '01a25192-04d8-7a41-8228-1e787f429a48',
  prev: '0123456789abcdef:41',
};

const text = (max: number) => fc.oneof(
  fc.string({ maxLength: max + 2 }),
  fc.string({ minLength: max - 1, maxLength: max + 1, unit: 'grapheme' }),
  fc.constantFrom('x'.repeat(max), 'x'.repeat(max + 1), '😀'.repeat(Math.ceil(max / 2)), `${'x'.repeat(max - 1)}😀`),
);
const hex = (n: number) => fc.string({ minLength: n, maxLength: n, unit: fc.constantFrom(...'0123456789abcdef') });
const oddValues = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, 0, -0, 1, 1.5, -1, 2 ** 53, 2 ** 53 - 1, NaN, Infinity, '', [], {}, ['x'], new Date(0)),
  fc.anything(),
);

/** Per key: values on both sides of its rule. */
const candidates: Record<keyof typeof valid, fc.Arbitrary<unknown>> = {
  origin: fc.oneof(hex(16), hex(15), hex(17), fc.constantFrom('0123456789ABCDEF', '0123456789abcdef\n', '0123456789abcdeg'), oddValues),
  seq: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(2 ** 53, 2 ** 53 - 1, Number.MAX_VALUE, 0, -0), oddValues),
  hlc: fc.oneof(text(64), oddValues),
  entity: fc.oneof(text(40), oddValues),
  rowId: fc.oneof(fc.uuid(), fc.string({ minLength: 35, maxLength: 37, unit: fc.constantFrom(...'0123456789abcdef-') }), fc.constantFrom('0581301E-D71A-4EF1-8050-0735AAD572C8'), oddValues),
  field: fc.oneof(text(40), oddValues),
  value: fc.oneof(fc.string(), fc.constantFrom('x'.repeat(MAX_VALUE_BYTES), 'x'.repeat(MAX_VALUE_BYTES + 1)), oddValues),
  operator: fc.oneof(text(64), oddValues),
  prev: fc.oneof(
    fc.constantFrom('', '0123456789abcdef:1', '0123456789abcdef:0', '0123456789abcdef:01', '0123456789abcdef:1 fedcba9876543210:22', '0123456789abcdef:1 ', `${'0123456789abcdef:1 '.repeat(105)}0123456789abcdef:1`, '0123456789abcdef:1234567890123456'),
    fc.string({ maxLength: 40, unit: fc.constantFrom(...'0123456789abcdef: ') }),
    oddValues,
  ),
};

/** A valid operation with some keys changed, dropped or added. */
const mutated = fc.record({
  changes: fc.dictionary(fc.constantFrom(...(Object.keys(valid) as (keyof typeof valid)[])), fc.constant(null), { maxKeys: 3 }).chain((keys) =>
    fc.tuple(...Object.keys(keys).map((k) => candidates[k as keyof typeof valid].map((v) => [k, v] as const)))),
  drop: fc.subarray(Object.keys(valid), { maxLength: 2 }),
  extra: fc.option(fc.tuple(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'row_id')), oddValues), { nil: null }),
}).map(({ changes, drop, extra }) => {
  const op: Record<string, unknown> = { ...valid };
  for (const [k, v] of changes) op[k] = v;
  for (const k of drop) delete op[k];
  if (extra) Object.defineProperty(op, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
  return op;
});

describe('the hand check of an operation', () => {
  it('never accepts what the schema refuses', () => {
    let accepted = 0;
    fc.assert(fc.property(mutated, (op) => {
      if (!plainlyValid(op)) return;
      accepted++;
      expect(operationSchema.safeParse(op).success).toBe(true);
    }), { numRuns: 20_000 });
    // Not vacuous: the fuzz reaches the hand check's yes often.
    expect(accepted).toBeGreaterThan(250);
  });

  it('never accepts what the schema refuses, for whatever JSON text gives', () => {
    fc.assert(fc.property(fc.json(), (text) => {
      const value = JSON.parse(text) as unknown;
      if (plainlyValid(value)) expect(operationSchema.safeParse(value).success).toBe(true);
    }), { numRuns: 5_000 });
  });

  it('leaves to the schema what is not a plain object with only its keys', () => {
    const inherited = Object.assign(Object.create({ extra: 1 }) as object, valid);
    const bare = Object.assign(Object.create(null) as object, valid);
    class Op { constructor() { Object.assign(this, valid); } }
    for (const odd of [inherited, bare, new Op(), [valid], JSON.parse(`{"__proto__":{},${JSON.stringify(valid).slice(1)}`) as unknown]) {
      expect(plainlyValid(odd)).toBe(false);
      expect(hasOperationShape(odd)).toBe(operationSchema.safeParse(odd).success);
    }
  });

  it('accepts an operation as Beacon writes it, with or without what it replaced', () => {
    expect(plainlyValid(valid)).toBe(true);
    const { prev: _prev, ...create } = { ...valid, field: '*', value: '{"status":"received"}' };
    expect(plainlyValid(create)).toBe(true);
    expect(plainlyValid({ ...valid, prev: null, operator: null })).toBe(true);
  });
});
