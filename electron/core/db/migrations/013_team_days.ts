// Team hours over months read pre-summed local days instead of every assignment (issue #4: a
// year at 1M incidents scanned ~115k assignments, 240 ms for the utilisation chart). team_days
// holds, per local day of dispatch in the post's zone (zone_offsets, 009) and team, the time
// committed by the assignments that count there: cleared, at most a week long, on an incident
// not cancelled as a duplicate. The rest, open or longer, is few and has an index of its own;
// stats/teamHours.ts adds it and clips what crosses a period's edges. Triggers on assignments
// keep the rows; those on incidents move an incident's assignments out when it becomes a
// duplicate and back when that is undone. electron/core/stats/rollup.ts rebuilds it with
// daily_counts. Frozen with the schema version, like 009 and 012.
const DAY = 86_400_000;

/** Longest assignment the rollup holds (7 days): a period's query looks that far back for the ones crossing its start. */
export const LONGEST_ROLLED_ASSIGNMENT = 7 * DAY;

/** Whether an assignment (`a.` or `NEW.`…) is in team_days' sum, duplicates aside. A negative span (clock skew) counts nowhere. */
export const rolledAssignmentSql = (p: string) => `${p}cleared_at - ${p}dispatched_at BETWEEN 0 AND ${LONGEST_ROLLED_ASSIGNMENT}`;

/** Open or long assignments: the index assignments_open_or_long's condition, spelled the same so a query can use it. */
export const openOrLongSql = (p: string) => `(${p}cleared_at IS NULL OR ${p}cleared_at - ${p}dispatched_at > ${LONGEST_ROLLED_ASSIGNMENT})`;

/**
 * `x` (a column or name) floored to a whole ms. Assignment times may carry fractions of a ms
 * (the demo seed writes them); a fraction left in would give every row a day of its own.
 */
export const floorMsSql = (x: string) => `(CAST(${x} AS INTEGER) - (${x} < CAST(${x} AS INTEGER)))`;

/** The local day of `at`, floored like 009's; NULL while zone_offsets is empty. */
const localDay = (at: string) => `(SELECT (t - ((t % ${DAY}) + ${DAY}) % ${DAY}) / ${DAY} FROM (SELECT ${floorMsSql('u')} AS t FROM (
    SELECT ${at} + offset_ms AS u FROM zone_offsets WHERE start_ms <= ${at} ORDER BY start_ms DESC LIMIT 1)))`;

/** Whether the incident `id` is cancelled as a duplicate, as 0 or 1; one that has not arrived yet is not. */
const isDuplicate = (id: string) => `coalesce((SELECT cancel_reason IS 'duplicate' FROM incidents WHERE id = ${id}), 0)`;

/** A row whose assignments have all gone holds exactly 0, not what fractions of a ms leave over. */
const ADD = 'ms = CASE WHEN n + excluded.n = 0 THEN 0 ELSE ms + excluded.ms END, n = n + excluded.n';

/** Adds (sign 1) or takes away (sign -1) one assignment, if it is rolled up. Nothing while zone_offsets is empty. */
function contribution(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const s = sign === 1 ? '' : '-';
  return `INSERT INTO team_days (day, team_id, ms, n)
  SELECT day, ${row}.team_id, ${s}(${row}.cleared_at - ${row}.dispatched_at), ${s}1 FROM (SELECT ${localDay(`${row}.dispatched_at`)} AS day)
  WHERE day IS NOT NULL AND ${rolledAssignmentSql(`${row}.`)} AND NOT ${isDuplicate(`${row}.incident_id`)}
  ON CONFLICT DO UPDATE SET ${ADD};`;
}

/** Moves the rolled-up assignments of incident `id` in (delta 1) or out (delta -1). */
function moveAssignments(id: string, delta: string): string {
  return `INSERT INTO team_days (day, team_id, ms, n)
  SELECT day, team_id, (${delta}) * sum(ms), (${delta}) * count(*) FROM (
    SELECT ${localDay('a.dispatched_at')} AS day, a.team_id, a.cleared_at - a.dispatched_at AS ms FROM assignments a
    WHERE a.incident_id = ${id} AND ${rolledAssignmentSql('a.')}) WHERE day IS NOT NULL GROUP BY day, team_id
  ON CONFLICT DO UPDATE SET ${ADD};`;
}

const CHANGED = ['dispatched_at', 'cleared_at', 'team_id', 'incident_id'];

export const teamDays = {
  version: 13,
  name: 'team days',
  sql: `
CREATE TABLE team_days (
  day INTEGER NOT NULL,
  team_id TEXT NOT NULL,
  -- Summed cleared_at - dispatched_at; REAL where timestamps carry fractions of a ms.
  ms REAL NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, team_id)
) WITHOUT ROWID;
-- What team_days leaves out, for the queries to add: open assignments and those over a week (few).
CREATE INDEX assignments_open_or_long ON assignments (dispatched_at) WHERE ${openOrLongSql('')};
-- Built with daily_counts: forgetting the zone makes the next open rebuild all three.
UPDATE rollup_meta SET zone = NULL, tzdata = NULL;

-- A dispatch (still open) writes nothing; its clearing does. Comparisons in WHEN, no IN (…) (see 009).
CREATE TRIGGER team_days_insert AFTER INSERT ON assignments WHEN ${rolledAssignmentSql('NEW.')} BEGIN
  ${contribution('NEW', 1)}
END;
CREATE TRIGGER team_days_update AFTER UPDATE OF ${CHANGED.join(', ')} ON assignments
WHEN (${CHANGED.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}) AND (${rolledAssignmentSql('OLD.')} OR ${rolledAssignmentSql('NEW.')}) BEGIN
  ${contribution('OLD', -1)}
  ${contribution('NEW', 1)}
END;
CREATE TRIGGER team_days_delete AFTER DELETE ON assignments WHEN ${rolledAssignmentSql('OLD.')} BEGIN
  ${contribution('OLD', -1)}
END;
-- An incident cancelled as a duplicate (or restored): its assignments stop (or start) counting.
CREATE TRIGGER team_days_duplicate AFTER UPDATE OF cancel_reason ON incidents
WHEN (OLD.cancel_reason IS 'duplicate') IS NOT (NEW.cancel_reason IS 'duplicate') BEGIN
  ${moveAssignments('NEW.id', "(OLD.cancel_reason IS 'duplicate') - (NEW.cancel_reason IS 'duplicate')")}
END;
-- Assignments may arrive before their incident (a batch, a sync): one that arrives already a
-- duplicate takes them out, and one that goes away as a duplicate puts them back.
CREATE TRIGGER team_days_duplicate_insert AFTER INSERT ON incidents WHEN NEW.cancel_reason IS 'duplicate' BEGIN
  ${moveAssignments('NEW.id', '-1')}
END;
CREATE TRIGGER team_days_duplicate_delete AFTER DELETE ON incidents WHEN OLD.cancel_reason IS 'duplicate' BEGIN
  ${moveAssignments('OLD.id', '1')}
END;
`,
};
