// Statistics over months read pre-summed local days instead of every incident (issue #4: a
// year at 1M incidents scanned ~330k rows per chart). daily_counts holds, per local day, type,
// district and priority, what the count charts add up; triggers keep it right for every write
// path (services, CSV import, sync, seeding). It is built for one time zone, the post's:
// electron/core/stats/rollup.ts fills zone_offsets and rebuilds the rows when that zone
// changes. Until then zone_offsets is empty and the triggers write nothing.
//
// Frozen with the schema version: the statuses and the 'duplicate' rule are spelled out here,
// not imported, so a later change to them comes with a migration of its own.
const DAY = 86_400_000;
const HOUR = 3_600_000;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
/**
 * Whether `status` is open, as the triggers count it; the rebuild (stats/rollup.ts) uses the
 * same. Comparisons, not IN (…): SQLite builds an IN list as a temporary table, which in a
 * trigger means a temporary file per row written (0.5 ms an update, measured).
 */
export const isOpenSql = (status: string) => `(${['received', 'dispatched', 'on_scene', 'cleared'].map((s) => `${status} = '${s}'`).join(' OR ')})`;

/**
 * Adds (sign 1) or takes away (sign -1) one incident's contribution; `row` is NEW or OLD.
 * Local time is received_at plus the offset in force then; days and hours are floored so that
 * instants before 1970 still land on their own day.
 */
function contribution(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const s = sign === 1 ? '' : '-';
  return `INSERT INTO daily_counts (day, type, district, priority, n, trapped, injured, dead, closed, cancelled, open, ${HOURS.map((h) => `h${h}`).join(', ')})
  SELECT (t - ms) / ${DAY}, ${row}.type, ${row}.district, ${row}.priority, ${s}1, ${s}${row}.trapped, ${s}${row}.injured, ${s}${row}.dead,
    ${s}(${row}.status = 'closed'), ${s}(${row}.status = 'cancelled'), ${s}${isOpenSql(`${row}.status`)},
    ${HOURS.map((h) => `${s}(ms / ${HOUR} = ${h})`).join(', ')}
  FROM (SELECT t, ((t % ${DAY}) + ${DAY}) % ${DAY} AS ms FROM (
    SELECT ${row}.received_at + offset_ms AS t FROM zone_offsets WHERE start_ms <= ${row}.received_at ORDER BY start_ms DESC LIMIT 1))
  WHERE ${row}.cancel_reason IS NOT 'duplicate'
  ON CONFLICT DO UPDATE SET n = n + excluded.n, trapped = trapped + excluded.trapped, injured = injured + excluded.injured,
    dead = dead + excluded.dead, closed = closed + excluded.closed, cancelled = cancelled + excluded.cancelled, open = open + excluded.open,
    ${HOURS.map((h) => `h${h} = h${h} + excluded.h${h}`).join(', ')};`;
}

/** The local day of `row`, as contribution() works it out. */
const localDay = (row: 'NEW' | 'OLD') => `(SELECT (t - ((t % ${DAY}) + ${DAY}) % ${DAY}) / ${DAY} FROM (
    SELECT ${row}.received_at + offset_ms AS t FROM zone_offsets WHERE start_ms <= ${row}.received_at ORDER BY start_ms DESC LIMIT 1))`;

/** Columns whose change moves an incident's whole contribution; status alone only moves it between outcomes. */
const MOVING = ['received_at', 'type', 'district', 'priority', 'trapped', 'injured', 'dead', 'cancel_reason'];
const moved = MOVING.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

/** A day row whose incidents have all moved away (an edit, a duplicate) is removed: the table holds only what counts. */
const DROP_EMPTY = `DELETE FROM daily_counts WHERE n = 0 AND type = OLD.type AND district = OLD.district AND priority = OLD.priority
  AND day = ${localDay('OLD')};`;

export const dailyRollup = {
  version: 9,
  name: 'daily rollup',
  sql: `
CREATE TABLE zone_offsets (
  start_ms INTEGER PRIMARY KEY,
  offset_ms INTEGER NOT NULL
);
-- Which zone (and tz database) daily_counts is built for; NULL until the post is known.
CREATE TABLE rollup_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  zone TEXT,
  tzdata TEXT
);
INSERT INTO rollup_meta (id, zone, tzdata) VALUES (1, NULL, NULL);
CREATE TABLE daily_counts (
  day INTEGER NOT NULL,
  type TEXT NOT NULL,
  district TEXT NOT NULL,
  priority INTEGER NOT NULL,
  n INTEGER NOT NULL,
  trapped INTEGER NOT NULL,
  injured INTEGER NOT NULL,
  dead INTEGER NOT NULL,
  closed INTEGER NOT NULL,
  cancelled INTEGER NOT NULL,
  open INTEGER NOT NULL,
  ${HOURS.map((h) => `h${h} INTEGER NOT NULL`).join(',\n  ')},
  PRIMARY KEY (day, type, district, priority)
) WITHOUT ROWID;

CREATE TRIGGER daily_counts_insert AFTER INSERT ON incidents BEGIN
  ${contribution('NEW', 1)}
END;
-- Status moves are most updates (dispatch, on scene, …, and each synced one): they get a small
-- trigger of their own, since SQLite compiles the triggers of every UPDATE statement naming
-- their columns, and the full one costs ~0.3 ms to compile. When a statement changes both,
-- the full one counts the new status.
CREATE TRIGGER daily_counts_update AFTER UPDATE OF ${MOVING.join(', ')} ON incidents WHEN ${moved} BEGIN
  ${contribution('OLD', -1)}
  ${contribution('NEW', 1)}
  ${DROP_EMPTY}
END;
CREATE TRIGGER daily_counts_status AFTER UPDATE OF status ON incidents
WHEN OLD.status IS NOT NEW.status AND NEW.cancel_reason IS NOT 'duplicate' AND NOT (${moved}) BEGIN
  UPDATE daily_counts SET closed = closed + (NEW.status = 'closed') - (OLD.status = 'closed'),
    cancelled = cancelled + (NEW.status = 'cancelled') - (OLD.status = 'cancelled'),
    open = open + ${isOpenSql('NEW.status')} - ${isOpenSql('OLD.status')}
  WHERE day = ${localDay('NEW')} AND type = NEW.type AND district = NEW.district AND priority = NEW.priority;
END;
CREATE TRIGGER daily_counts_delete AFTER DELETE ON incidents BEGIN
  ${contribution('OLD', -1)}
  ${DROP_EMPTY}
END;
`,
};
