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
 * What a write saw through `prev`, transitively, among the writes held here (`byId`), worked out
 * once per write into `seen`. A cycle (impossible between honest writers) ends where it closes.
 */
function seenBy(w: FieldWrite, id: string, byId: ReadonlyMap<string, FieldWrite>, seen: Map<string, Set<string>>): Set<string> {
  const known = seen.get(id);
  if (known) return known;
  const out = new Set<string>();
  seen.set(id, out);
  if (w.prev) {
    for (const p of w.prev.split(' ')) {
      out.add(p);
      const parent = byId.get(p);
      if (parent) for (const q of seenBy(parent, p, byId, seen)) out.add(q);
    }
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
  const byId = new Map<string, W>();
  for (let i = 0; i < writes.length; i++) byId.set(ids[i]!, writes[i]!);
  const seen = new Map<string, Set<string>>();
  const replaced = new Set<string>();
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i]!;
    for (const id of seenBy(w, ids[i]!, byId, seen)) replaced.add(id);
    // The old rule for a write that does not say what it saw: it replaces older clocks it did not come before.
    if (w.prev === null) {
      for (let j = 0; j < writes.length; j++) {
        const other = writes[j]!;
        if (other.hlc < w.hlc && !seenBy(other, ids[j]!, byId, seen).has(ids[i]!)) replaced.add(ids[j]!);
      }
    }
  }
  const frontier = writes.filter((_, i) => !replaced.has(ids[i]!));
  return { frontier, winner: frontier.length > 0 ? newest(frontier) : newest(writes) };
}
