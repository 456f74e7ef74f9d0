// Pass 2 of responsePercentiles.ts: the delays of given ranks within one bin over a group's
// ranges. Sorting is what costs (~1 µs a delay in SQLite, against ~0.05 µs to count one), so
// a large cell is first narrowed: the delays below a few values around where its ranks should
// lie (its delays taken as evenly spread over the bin) are counted, then only the piece of the
// bin that holds each rank is sorted. Exact whatever the spread: a poor guess sorts more.
import type { StatsFilters } from '../../../shared/api/types';
import { THRESHOLDS } from '../db/migrations/010_response_bins';
import type { TimeRange } from './bucketRanges';
import { DELAYS, type Delay } from './responseCounts';
import { filterSql, tag, type Params } from './statsSql';
import type { Reader } from '../base/handles';

/** Delays of one bin over one group's ranges, of which the `offsets`-th smallest (from 0) are wanted. */
export interface Cell {
  bin: number;
  ranges: readonly TimeRange[];
  /** How many delays it holds (pass 1). */
  n: number;
  offsets: readonly number[];
}

/** Below this many delays a cell is sorted whole: counting first would cost about what it saves. */
const NARROW_FROM = 500;
/** Half the width of the piece looked in around a guessed rank, as a share of the bin's width. */
const MARGIN = 0.04;

/**
 * The delays found are not those the counts promised: the incidents changed between the
 * statements (they run on a reader, one after another, while calls keep being written).
 */
export class CountsMoved extends Error {}

interface Piece {
  cell: number;
  /** How many delays the counts put in it. */
  size: number;
  bin: number;
  ranges: readonly TimeRange[];
  /** The delays it holds, [from, to); null: no bound but the bin's own. */
  from: number | null;
  to: number | null;
  /** Wanted offsets within the piece → within the cell. */
  offsets: Map<number, number>;
}

/** Values around which a cell's wanted offsets should lie, or none where the bin has no bounds (below 0 s, beyond the last). */
function splitsOf(cell: Cell): number[] {
  if (cell.n < NARROW_FROM || cell.bin === 0 || cell.bin >= THRESHOLDS.length) return [];
  const lo = THRESHOLDS[cell.bin - 1]!;
  const hi = THRESHOLDS[cell.bin]!;
  const guess = (offset: number) => lo + ((offset + 0.5) / cell.n) * (hi - lo);
  const margin = MARGIN * (hi - lo);
  // One piece around each run of nearby offsets (rank k and k + 1 are one): overlapping pieces joined.
  const around: [number, number][] = [];
  for (const g of cell.offsets.map(guess).sort((a, b) => a - b)) {
    const last = around[around.length - 1];
    if (last && g - margin <= last[1]) last[1] = g + margin; else around.push([g - margin, g + margin]);
  }
  return around.flat().filter((s) => s > lo && s < hi);
}

/** `cell:offset` → the delay (ms) of that rank. */
export async function delaysAtRanks(
  db: Reader, chart: string, delay: Delay, cells: readonly Cell[], filters: StatsFilters,
): Promise<Map<string, number>> {
  const d = DELAYS[delay];
  const filter = filterSql(filters);
  const where = `${d.bin} = x.bin AND received_at >= x.lo AND received_at < x.hi AND ${d.known} AND ${filter.where.join(' AND ')}`;

  // Narrowing: the delays below each split value, one count per (range, value); CROSS JOIN keeps
  // the values outside, so each is one seek by bin and time.
  const splits = cells.map(splitsOf);
  const below = cells.map(() => new Map<number, number>());
  const counted = cells.flatMap((c, cell) => splits[cell]!.flatMap((at) => c.ranges.map((r) => [cell, c.bin, r.start, r.end, at])));
  if (counted.length > 0) {
    const rows = await db.all<{ cell: number; at: number; n: number }>(tag(chart,
      `WITH x(cell, bin, lo, hi, at) AS (VALUES ${counted.map(() => '(?, ?, ?, ?, ?)').join(', ')})
       SELECT x.cell, x.at, (SELECT count(*) FROM incidents WHERE ${where} AND ${d.value} < x.at) AS n FROM x`),
    [...counted.flat(), ...filter.params]);
    for (const r of rows) below[r.cell]!.set(r.at, (below[r.cell]!.get(r.at) ?? 0) + r.n);
  }

  // Each wanted offset goes to the piece between two split values (or the bin's ends) that holds it.
  const pieces = new Map<string, Piece>();
  cells.forEach((c, cell) => {
    const bounds = [{ at: null, n: 0 }, ...splits[cell]!.map((at) => ({ at, n: below[cell]!.get(at)! })), { at: null, n: c.n }];
    for (const offset of c.offsets) {
      const j = bounds.findIndex((b, k) => k > 0 && offset < b.n) - 1;
      const piece = pieces.get(`${cell}:${j}`) ?? { cell, size: bounds[j + 1]!.n - bounds[j]!.n, bin: c.bin, ranges: c.ranges, from: bounds[j]!.at, to: bounds[j + 1]!.at, offsets: new Map() };
      piece.offsets.set(offset - bounds[j]!.n, offset);
      pieces.set(`${cell}:${j}`, piece);
    }
  });

  // Each piece sorted; the wanted ranks kept.
  const list = [...pieces.values()];
  if (list.length === 0) return new Map();
  // A piece's bounds are bound only where it has them: a year of days for the command line stays within SQLite's 32k parameters.
  const spans = list.flatMap((p, id) => p.ranges.map((r) => ({ values: [id, p.bin, r.start, r.end], piece: p })));
  const offsets = list.flatMap((p, id) => [...p.offsets.keys()].map((o) => [id, o]));
  const open = (at: number | null) => (at === null ? 'NULL' : '?');
  const picked = await db.all<{ piece: number; i: number; v: number; m: number }>(tag(chart,
    `WITH x(piece, bin, lo, hi, vlo, vhi) AS (VALUES ${spans.map((s) => `(?, ?, ?, ?, ${open(s.piece.from)}, ${open(s.piece.to)})`).join(', ')}),
     wanted(piece, i) AS (VALUES ${offsets.map(() => '(?, ?)').join(', ')}),
     ranked AS (SELECT x.piece, ${d.value} AS v, row_number() OVER (PARTITION BY x.piece ORDER BY ${d.value}) - 1 AS i,
         count(*) OVER (PARTITION BY x.piece) AS m
       FROM x CROSS JOIN incidents WHERE ${where}
         AND (x.vlo IS NULL OR ${d.value} >= x.vlo) AND (x.vhi IS NULL OR ${d.value} < x.vhi))
     SELECT piece, i, v, m FROM ranked WHERE (piece, i) IN wanted`),
  [...spans.flatMap((s) => [...s.values, ...[s.piece.from, s.piece.to].filter((at) => at !== null)]), ...offsets.flat(), ...filter.params] satisfies Params);
  const values = new Map<string, number>();
  for (const r of picked) {
    const p = list[r.piece]!;
    if (r.m !== p.size) throw new CountsMoved(`a piece of bin ${p.bin} holds ${r.m} delays, not ${p.size}`);
    values.set(`${p.cell}:${p.offsets.get(r.i)!}`, r.v);
  }
  return values;
}
