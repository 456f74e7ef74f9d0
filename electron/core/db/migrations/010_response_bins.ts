// Response-time percentiles (stats/responsePercentiles.ts) count delays per bin and sort only
// the bins that hold the wanted ranks, instead of sorting every incident of a period (seconds
// for 12 months at 1M). A delay's bin is how many of these thresholds (ms) it has reached:
// below 0 (clock skew), under 8 s, then eighth-octaves (9 %) up to 36 h, and beyond. Comparisons,
// not log2, so the bins are monotone by construction (timestamps may carry fractions of a ms)
// and any SQLite build can write the table. Frozen: the indexes and the queries must spell
// the same expression, so other bins would be a new migration with new index names.
/** Each bin's lowest delay (ms), bin 1 first: bin 0 holds what is below the first. */
export const THRESHOLDS = [
  0, 8000, 8724, 9514, 10375, 11314, 12338, 13454, 14672, 16000, 17448, 19027, 20749, 22627, 24675, 26909,
  29344, 32000, 34896, 38055, 41499, 45255, 49351, 53817, 58688, 64000, 69792, 76109, 82998, 90510, 98701,
  107635, 117377, 128000, 139585, 152219, 165995, 181019, 197403, 215269, 234753, 256000, 279170, 304437,
  331991, 362039, 394806, 430539, 469506, 512000, 558340, 608874, 663982, 724077, 789612, 861078, 939012,
  1024000, 1116680, 1217748, 1327964, 1448155, 1579224, 1722156, 1878024, 2048000, 2233360, 2435496, 2655927,
  2896309, 3158448, 3444312, 3756049, 4096000, 4466720, 4870992, 5311855, 5792619, 6316896, 6888623, 7512097,
  8192000, 8933439, 9741985, 10623710, 11585238, 12633791, 13777247, 15024194, 16384000, 17866879, 19483969,
  21247419, 23170475, 25267582, 27554494, 30048388, 32768000, 35733757, 38967939, 42494839, 46340950, 50535164,
  55108987, 60096777, 65536000, 71467515, 77935877, 84989677, 92681900, 101070329, 110217975, 120193554,
  131072000,
] as const;

/** Bins run from 0 to this. */
export const LAST_RESPONSE_BIN = THRESHOLDS.length;

export const DISPATCH_DELAY = '(dispatched_at - received_at)';
export const SCENE_DELAY = '(on_scene_at - dispatched_at)';

/** The bin of a delay: an SQL expression, NULL when the delay is. */
export function responseBinSql(delay: string): string {
  return `(${THRESHOLDS.map((t) => `(${delay} >= ${t})`).join(' + ')})`;
}

// A query's WHERE must repeat each index's condition for SQLite to use the index.
export const DISPATCH_ROWS = `dispatched_at IS NOT NULL AND cancel_reason IS NOT 'duplicate'`;
export const SCENE_ROWS = `on_scene_at IS NOT NULL AND dispatched_at IS NOT NULL AND cancel_reason IS NOT 'duplicate'`;

// Covering: a count per (bin, time range) and the filters read the index alone.
export const responseBins = {
  version: 10,
  name: 'response bins',
  sql: `
CREATE INDEX incidents_dispatch_bins ON incidents (${responseBinSql(DISPATCH_DELAY)}, received_at, type, district, priority, cancel_reason, dispatched_at)
  WHERE ${DISPATCH_ROWS};
CREATE INDEX incidents_scene_bins ON incidents (${responseBinSql(SCENE_DELAY)}, received_at, type, district, priority, cancel_reason, dispatched_at, on_scene_at)
  WHERE ${SCENE_ROWS};
`,
};
