// Response times when one district, type or priority is chosen (issue #4): pass 1 of the
// percentiles read every index entry of a year (~330k a delay) to keep a district's, 110 ms at
// 1M. response_tallies holds what response_days (014) holds, once per dimension: per delay, per
// district (or type, or priority) and its value, per bin and local day. Split by all three at
// once it would be as big as the incidents; one at a time it is a few hundred rows a day. Two
// filters together still read the index. Triggers keep it; stats/rollup.ts rebuilds it with the
// rest. Nothing is written while zone_offsets is empty. Self-contained, frozen with the schema
// version: 014's rules are spelled out again here (010's expressions, which are frozen too).
import { DISPATCH_DELAY, DISPATCH_ROWS, SCENE_DELAY, SCENE_ROWS } from './010_response_bins';

const DAY = 86_400_000;

/** 010's expressions and conditions on a trigger's NEW or OLD row. */
const ofRow = (sql: string, row: 'NEW' | 'OLD') => sql.replace(/\b(received_at|dispatched_at|on_scene_at|cancel_reason)\b/g, `${row}.$1`);

/** The local day of `row`, floored like 009's. */
const localDay = (row: 'NEW' | 'OLD') => `(SELECT (t - ((t % ${DAY}) + ${DAY}) % ${DAY}) / ${DAY} FROM (
    SELECT ${row}.received_at + offset_ms AS t FROM zone_offsets WHERE start_ms <= ${row}.received_at ORDER BY start_ms DESC LIMIT 1))`;

/** The bin of a delay, looked up in 014's thresholds table (cheap to compile into a trigger). */
const binOf = (delay: string) => `(SELECT count(*) FROM response_thresholds WHERE ms <= ${delay})`;

const DELAYS = [
  { code: 'dispatch', delay: DISPATCH_DELAY, rows: DISPATCH_ROWS },
  { code: 'scene', delay: SCENE_DELAY, rows: SCENE_ROWS },
] as const;

export const RESPONSE_DIMENSIONS = ['district', 'type', 'priority'] as const;

/** Adds (sign 1) or takes away (sign -1) one incident's delays, under each of its dimensions. */
function contribution(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  return DELAYS.flatMap(({ code, delay, rows }) => RESPONSE_DIMENSIONS.map((dim) => `INSERT INTO response_tallies (delay, dim, value, bin, day, n)
  SELECT '${code}', '${dim}', ${row}.${dim}, ${binOf(ofRow(delay, row))}, day, ${sign} FROM (SELECT ${localDay(row)} AS day)
  WHERE day IS NOT NULL AND ${ofRow(rows, row)}
  ON CONFLICT DO UPDATE SET n = n + excluded.n;`)).join('\n  ');
}

const DEPENDS = ['received_at', 'dispatched_at', 'on_scene_at', 'cancel_reason', ...RESPONSE_DIMENSIONS];
const changed = `OLD.received_at IS NOT NEW.received_at OR OLD.dispatched_at IS NOT NEW.dispatched_at
  OR OLD.on_scene_at IS NOT NEW.on_scene_at OR (OLD.cancel_reason IS 'duplicate') IS NOT (NEW.cancel_reason IS 'duplicate')
  OR ${RESPONSE_DIMENSIONS.map((d) => `OLD.${d} IS NOT NEW.${d}`).join(' OR ')}`;

export const responseTallies = {
  version: 18,
  name: 'response tallies',
  sql: `
CREATE TABLE response_tallies (
  delay TEXT NOT NULL,
  dim TEXT NOT NULL,
  -- The district or type (text) or the priority (a number), as in incidents: no affinity, no conversion.
  value NOT NULL,
  bin INTEGER NOT NULL,
  day INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (delay, dim, value, bin, day)
) WITHOUT ROWID;
-- Built with the other rollups: forgetting the zone makes the next open rebuild them all.
UPDATE rollup_meta SET zone = NULL, tzdata = NULL;

CREATE TRIGGER response_tallies_insert AFTER INSERT ON incidents WHEN ${ofRow(DISPATCH_ROWS, 'NEW')} BEGIN
  ${contribution('NEW', 1)}
END;
CREATE TRIGGER response_tallies_update AFTER UPDATE OF ${DEPENDS.join(', ')} ON incidents WHEN ${changed} BEGIN
  ${contribution('OLD', -1)}
  ${contribution('NEW', 1)}
END;
CREATE TRIGGER response_tallies_delete AFTER DELETE ON incidents WHEN ${ofRow(DISPATCH_ROWS, 'OLD')} BEGIN
  ${contribution('OLD', -1)}
END;
`,
};
