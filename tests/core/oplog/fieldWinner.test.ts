// A field's winner (oplog/fieldWinner.ts) is decided the same on every console. resolveField
// takes a short cut for a line of edits (each naming the one before it); whatever the writes,
// it must give what the full walk of what each write saw gives: the same winner, the same
// writes left concurrent. Hostile shapes too: cycles, self-claims, forks, clocks out of order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identity, resolveByWalk, resolveField, type FieldWrite } from '../../../electron/core/oplog/fieldWinner';

const ORIGINS = ['a000000000000001', 'b000000000000002', 'c000000000000003'];
/** Few clocks, so that ties and clocks against the order of sight both happen. */
const hlcOf = (n: number) => `${String(1_764_000_000_000 + n).padStart(15, '0')}-0000-${ORIGINS[n % 3]}`;

/** Writes with ids, then each one's `prev` as an index into them (or a kind of odd one). */
type PrevPick = { kind: 'none' } | { kind: 'one'; at: number } | { kind: 'two'; at: number; and: number } | { kind: 'outside' } | { kind: 'empty' };

function build(clocks: number[], prevs: PrevPick[]): FieldWrite[] {
  const writes: FieldWrite[] = clocks.map((c, i) => ({ origin: ORIGINS[i % 3]!, seq: i + 1, hlc: hlcOf(c), prev: null }));
  const id = (i: number) => identity(writes[i % writes.length]!);
  prevs.forEach((p, i) => {
    const w = writes[i]!;
    if (p.kind === 'one') w.prev = id(p.at);
    else if (p.kind === 'two') w.prev = `${id(p.at)} ${id(p.and)}`;
    else if (p.kind === 'outside') w.prev = 'f00000000000000f:999';
    else if (p.kind === 'empty') w.prev = '';
  });
  return writes;
}

const prevPick: fc.Arbitrary<PrevPick> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 6, arbitrary: fc.nat(9).map((at) => ({ kind: 'one' as const, at })) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(9), fc.nat(9)).map(([at, and]) => ({ kind: 'two' as const, at, and })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'outside' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
);

/** Any writes: random namings (cycles and self-claims among them). */
const anyWrites = fc.integer({ min: 1, max: 10 }).chain((n) =>
  fc.tuple(fc.array(fc.nat(6), { minLength: n, maxLength: n }), fc.array(prevPick, { minLength: n, maxLength: n })).map(([c, p]) => build(c, p)));

/** A line: a create, then edits each naming the one before, in any order and with any clocks. */
const lines = fc.integer({ min: 2, max: 10 }).chain((n) =>
  fc.tuple(fc.array(fc.nat(6), { minLength: n, maxLength: n }), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n })).map(([clocks, order]) => {
    const writes = build(clocks, clocks.map((_, i) => (i === 0 ? { kind: 'none' as const } : { kind: 'one' as const, at: i - 1 })));
    return order.map((i) => writes[i]!);
  }));

const decided = (r: { frontier: FieldWrite[]; winner: FieldWrite | null }) => ({
  winner: r.winner ? identity(r.winner) : null,
  frontier: r.frontier.map(identity).sort(),
});

describe("a field's winner", () => {
  it('is what the full walk decides, for any writes', () => {
    fc.assert(fc.property(anyWrites, (writes) => {
      expect(decided(resolveField(writes))).toEqual(decided(resolveByWalk(writes)));
    }), { numRuns: 5000 });
  });

  it('is the last of a line of edits, whatever the clocks and the order the writes come in', () => {
    fc.assert(fc.property(lines, (writes) => {
      const last = writes.find((w) => w.seq === writes.length)!;
      expect(decided(resolveField(writes))).toEqual({ winner: identity(last), frontier: [identity(last)] });
      expect(decided(resolveByWalk(writes))).toEqual(decided(resolveField(writes)));
    }), { numRuns: 2000 });
  });
});
