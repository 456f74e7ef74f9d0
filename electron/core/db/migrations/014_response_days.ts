// Response-time percentiles over months count delays per bin (010) from pre-counted local days
// instead of every index entry (issue #4: a year at 1M incidents read ~330k entries a delay).
// response_days holds, per local day of the post's zone (zone_offsets, 009), per delay and bin,
// how many incidents (duplicates left out) have a delay in that bin: the same rows and bins as
// 010's partial indexes. Unfiltered only: per district, type and priority it would be as big as the
// incidents. Triggers keep it; electron/core/stats/rollup.ts rebuilds it with daily_counts.
// Nothing is written while zone_offsets is empty. Rows whose count falls to 0 stay (they add 0).
import { DISPATCH_DELAY, DISPATCH_ROWS, SCENE_DELAY, SCENE_ROWS, THRESHOLDS } from './010_response_bins';

const DAY = 86_400_000;

/** 010's expressions and conditions, on a trigger's NEW or OLD row: the same by construction. */
const ofRow = (sql: string, row: 'NEW' | 'OLD') => sql.replace(/\b(received_at|dispatched_at|on_scene_at|cancel_reason)\b/g, `${row}.$1`);

/** The local day of `row`, floored like 009's. */
const localDay = (row: 'NEW' | 'OLD') => `(SELECT (t - ((t % ${DAY}) + ${DAY}) % ${DAY}) / ${DAY} FROM (
    SELECT ${row}.received_at + offset_ms AS t FROM zone_offsets WHERE start_ms <= ${row}.received_at ORDER BY start_ms DESC LIMIT 1))`;

/**
 * The bin of a delay, as the number of thresholds it has reached: 010's sum of 114 comparisons
 * means the same, but compiling it into every statement that writes incidents cost 0.4 ms an
 * insert and 0.6 ms a dispatch (measured); this lookup costs a few µs.
 */
const binOf = (delay: string) => `(SELECT count(*) FROM response_thresholds WHERE ms <= ${delay})`;

const DELAYS = [
  { code: 'dispatch', delay: DISPATCH_DELAY, rows: DISPATCH_ROWS },
  { code: 'scene', delay: SCENE_DELAY, rows: SCENE_ROWS },
] as const;

/** Adds (sign 1) or takes away (sign -1) one incident's delays. */
function contribution(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  return DELAYS.map(({ code, delay, rows }) => `INSERT INTO response_days (delay, day, bin, n)
  SELECT '${code}', day, ${binOf(ofRow(delay, row))}, ${sign} FROM (SELECT ${localDay(row)} AS day)
  WHERE day IS NOT NULL AND ${ofRow(rows, row)}
  ON CONFLICT DO UPDATE SET n = n + excluded.n;`).join('\n  ');
}

/** Columns a delay or its counting depends on; status moves that set none of them cost nothing here. */
const DEPENDS = ['received_at', 'dispatched_at', 'on_scene_at', 'cancel_reason'];
const changed = `OLD.received_at IS NOT NEW.received_at OR OLD.dispatched_at IS NOT NEW.dispatched_at
  OR OLD.on_scene_at IS NOT NEW.on_scene_at OR (OLD.cancel_reason IS 'duplicate') IS NOT (NEW.cancel_reason IS 'duplicate')`;

export const responseDays = {
  version: 14,
  name: 'response days',
  sql: `
CREATE TABLE response_thresholds (ms INTEGER PRIMARY KEY);
INSERT INTO response_thresholds (ms) VALUES ${THRESHOLDS.map((t) => `(${t})`).join(', ')};
CREATE TABLE response_days (
  delay TEXT NOT NULL,
  day INTEGER NOT NULL,
  bin INTEGER NOT NULL,
  n INTEGER NOT NULL,
  -- Bin before day: a range of days in one bin is one seek (stats/responseCounts.ts).
  PRIMARY KEY (delay, bin, day)
) WITHOUT ROWID;
-- Built with daily_counts: forgetting the zone makes the next open rebuild them all.
UPDATE rollup_meta SET zone = NULL, tzdata = NULL;

-- An incident created before its dispatch (the intake, a hot path) has no delay: nothing to do.
CREATE TRIGGER response_days_insert AFTER INSERT ON incidents WHEN ${ofRow(DISPATCH_ROWS, 'NEW')} BEGIN
  ${contribution('NEW', 1)}
END;
CREATE TRIGGER response_days_update AFTER UPDATE OF ${DEPENDS.join(', ')} ON incidents WHEN ${changed} BEGIN
  ${contribution('OLD', -1)}
  ${contribution('NEW', 1)}
END;
CREATE TRIGGER response_days_delete AFTER DELETE ON incidents WHEN ${ofRow(DISPATCH_ROWS, 'OLD')} BEGIN
  ${contribution('OLD', -1)}
END;
`,
};
