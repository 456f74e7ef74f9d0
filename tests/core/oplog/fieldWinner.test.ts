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

/**
 * The rule as it reads (fieldWinner.ts), written out plainly as the reference: each write
 * replaced everything it saw through `prev`, transitively among the writes held; a write that
 * does not say (no prev) replaces older clocks that did not see it; the newest clock of the
 * writes nobody replaced wins (of all writes, if every one was replaced: a cycle).
 */
function byDefinition(writes: readonly FieldWrite[]): { frontier: FieldWrite[]; winner: FieldWrite | null } {
  if (writes.length === 0) return { frontier: [], winner: null };
  const byId = new Map(writes.map((w) => [identity(w), w]));
  const saw = (w: FieldWrite): Set<string> => {
    const out = new Set<string>();
    const todo = w.prev ? w.prev.split(' ') : [];
    while (todo.length > 0) {
      const p = todo.pop()!;
      if (out.has(p)) continue;
      out.add(p);
      const parent = byId.get(p);
      if (parent?.prev) todo.push(...parent.prev.split(' '));
    }
    return out;
  };
  const replaced = new Set<string>();
  for (const w of writes) {
    for (const id of saw(w)) replaced.add(id);
    if (w.prev === null) for (const other of writes) if (other.hlc < w.hlc && !saw(other).has(identity(w))) replaced.add(identity(other));
  }
  const frontier = writes.filter((w) => !replaced.has(identity(w)));
  const newest = (ws: readonly FieldWrite[]) => ws.reduce((a, b) => (b.hlc > a.hlc ? b : a));
  return { frontier, winner: newest(frontier.length > 0 ? frontier : writes) };
}

describe("a field's winner", () => {
  it('is what the rule says, however the writes name each other', () => {
    fc.assert(fc.property(anyWrites, (writes) => {
      expect(decided(resolveByWalk(writes))).toEqual(decided(byDefinition(writes)));
    }), { numRuns: 5000 });
  });

  it('of a field written 50,000 times in turn, is decided without what every write saw, transitively', () => {
    // A team's status is written at every dispatch and return, for years: working out each
    // write's whole past made every further change slower (a status change of a team with 600
    // earlier ones took 29 ms, growing with the square), and this did not end.
    const writes: FieldWrite[] = [{ origin: ORIGINS[0]!, seq: 1, hlc: hlcOf(0), prev: null }];
    for (let i = 1; i < 50_000; i++) writes.push({ origin: ORIGINS[0]!, seq: i + 1, hlc: hlcOf(i), prev: identity(writes[i - 1]!) });
    expect(decided(resolveField([...writes].reverse()))).toEqual({ winner: identity(writes.at(-1)!), frontier: [identity(writes.at(-1)!)] });
  });

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
