// Which write of a field wins (issue #21 item 1): decided by what each writer had seen, not by
// clock alone. An operation names in `prev` the field's operations it replaced (those its
// writer held as the field's current value: one, or several after a conflict), so an edit made
// after seeing another is simply newer, whatever the clocks. Operations without `prev` (a
// create, or one from an older Beacon) follow the old rule: they replace whatever has an
// older clock and did not see them. Of the writes nobody replaced, truly concurrent ones,
// the newest clock wins: the same set of operations gives the same winner on every console.

export interface FieldWrite {
  origin: string;
  seq: number;
  hlc: string;
  /** Space-separated `origin:seq` identities it replaced; null: it does not say. */
  prev: string | null;
  /** Its identity, where its maker worked it out already (a catch-up asks it many times). */
  id?: string;
}

export const identity = (w: Pick<FieldWrite, 'origin' | 'seq'> & { id?: string }) => w.id ?? `${w.origin}:${w.seq}`;

const newest = <W extends FieldWrite>(ws: readonly W[]): W => ws.reduce((a, b) => (b.hlc > a.hlc ? b : a));

/**
 * What a write saw through `prev`, transitively, among the writes held here (`byId`): its own
 * set, walked without recursion (a field written in turn for years is a chain thousands long),
 * so the same whatever order the writes come in, cycles (impossible between honest writers) included.
 */
function sawOf(w: FieldWrite, byId: ReadonlyMap<string, FieldWrite>): Set<string> {
  const out = new Set<string>();
  const todo = w.prev ? w.prev.split(' ') : [];
  for (let p = todo.pop(); p !== undefined; p = todo.pop()) {
    if (out.has(p)) continue;
    out.add(p);
    const parent = byId.get(p);
    if (parent?.prev) for (const q of parent.prev.split(' ')) if (!out.has(q)) todo.push(q);
  }
  return out;
}

/** The writes nobody replaced (concurrent with each other), and the winner among them. */
export function resolveField<W extends FieldWrite>(writes: readonly W[]): { frontier: W[]; winner: W | null } {
  if (writes.length === 0) return { frontier: [], winner: null };
  if (writes.length === 1) {
    // The common case (a field written once): it wins, unless it claims to have replaced itself.
    const only = writes[0]!;
    const id = identity(only);
    const claimsItself = only.prev !== null && only.prev.includes(id) && only.prev.split(' ').includes(id);
    return { frontier: claimsItself ? [] : [only], winner: only };
  }
  const last = lastInLine(writes);
  if (last) return { frontier: [last], winner: last };
  return resolveByWalk(writes);
}

/** Past this many writes, lastInLine's pairwise look costs more than the walk. */
const LINE_MAX = 8;

/**
 * The one write that saw all the others, when the writes are a line: each names exactly one
 * other in `prev` and exactly one is named by none (a field edited in turn since its create,
 * as most are). Then that one saw every other through `prev` (the namings lead to it), so the
 * walk below would find it alone not replaced: it wins. Null for anything else (a fork, a
 * conflict, several creates, a `prev` naming several, a long history), which the walk decides.
 */
function lastInLine<W extends FieldWrite>(writes: readonly W[]): W | null {
  if (writes.length > LINE_MAX) return null;
  let last: W | null = null;
  for (const w of writes) {
    if (w.prev !== null && w.prev.includes(' ')) return null;
    const id = identity(w);
    // Named by some write (itself included: a write claiming itself is replaced).
    let named = false;
    for (const other of writes) {
      if (other.prev === id) {
        named = true;
        break;
      }
    }
    if (named) continue;
    if (last !== null) return null;
    last = w;
  }
  // A create (no prev) saw nothing: with others beside it, the walk decides.
  return last !== null && last.prev !== null ? last : null;
}

/** The writes nobody replaced and the winner, by walking what each write saw (resolveField). */
export function resolveByWalk<W extends FieldWrite>(writes: readonly W[]): { frontier: W[]; winner: W | null } {
  if (writes.length === 0) return { frontier: [], winner: null };
  // Each identity worked out once: a catch-up settles hundreds of thousands of fields.
  const ids = writes.map(identity);
  const replaced = new Set<string>();
  // Every write a write saw through `prev` is replaced. Each step of such a path is a write held
  // here naming the next, so the writes replaced this way are exactly those some write names:
  // no write's whole past is worked out (each one's, for a field written thousands of times,
  // made every further write slower with the square of its history).
  for (const w of writes) if (w.prev) for (const p of w.prev.split(' ')) replaced.add(p);
  // The old rule for a write that does not say what it saw: it replaces older clocks that did
  // not come after it. Only then is what a write saw worked out, once each.
  let byId: Map<string, W> | null = null;
  const saw = new Map<number, Set<string>>();
  const sawAt = (j: number) => {
    byId ??= new Map(writes.map((w, i) => [ids[i]!, w]));
    let set = saw.get(j);
    if (!set) saw.set(j, set = sawOf(writes[j]!, byId));
    return set;
  };
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i]!;
    if (w.prev !== null) continue;
    for (let j = 0; j < writes.length; j++) {
      if (writes[j]!.hlc < w.hlc && !sawAt(j).has(ids[i]!)) replaced.add(ids[j]!);
    }
  }
  const frontier = writes.filter((_, i) => !replaced.has(ids[i]!));
  return { frontier, winner: frontier.length > 0 ? newest(frontier) : newest(writes) };
}
