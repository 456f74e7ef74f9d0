// Team hours when a district, type or priority is chosen (issue #4): a year at 1M incidents
// looked up the incident of each of ~120k assignments, 600–900 ms, for the period and again for
// the one before. team_tallies holds what team_days (013) holds, per local day of dispatch and
// team, split by the current type, district and priority of the assignment's incident; an
// assignment whose incident has not arrived yet is not in it, as no filter ever matched it.
// Triggers on assignments add and take away each one; those on incidents move an incident's
// assignments when it arrives, goes, changes type, district or priority, or becomes or stops
// being a duplicate. stats/rollup.ts rebuilds it with the rest. Self-contained, frozen with the
// schema version: 013's rules are spelled out again here.
const DAY = 86_400_000;
const LONGEST = 7 * DAY;

/** Cleared, and at most a week long: in the rollup (013's rule). */
const rolled = (p: string) => `${p}cleared_at - ${p}dispatched_at BETWEEN 0 AND ${LONGEST}`;

/** `x` floored to a whole ms (013's floorMsSql). */
const floorMs = (x: string) => `(CAST(${x} AS INTEGER) - (${x} < CAST(${x} AS INTEGER)))`;

/** The local day of `at`, as 013 works it out; NULL while zone_offsets is empty. */
const localDay = (at: string) => `(SELECT (t - ((t % ${DAY}) + ${DAY}) % ${DAY}) / ${DAY} FROM (SELECT ${floorMs('u')} AS t FROM (
    SELECT ${at} + offset_ms AS u FROM zone_offsets WHERE start_ms <= ${at} ORDER BY start_ms DESC LIMIT 1)))`;

/** A row whose assignments have all gone holds exactly 0, not what fractions of a ms leave over. */
const UPSERT = 'ON CONFLICT DO UPDATE SET ms = CASE WHEN n + excluded.n = 0 THEN 0 ELSE ms + excluded.ms END, n = n + excluded.n;';

/** Adds (sign 1) or takes away (sign -1) one assignment, under its incident as it is now. */
function oneAssignment(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const s = sign === 1 ? '' : '-';
  return `INSERT INTO team_tallies (day, team_id, type, district, priority, ms, n)
  SELECT day, ${row}.team_id, i.type, i.district, i.priority, ${s}(${row}.cleared_at - ${row}.dispatched_at), ${s}1
  FROM incidents i, (SELECT ${localDay(`${row}.dispatched_at`)} AS day)
  WHERE i.id = ${row}.incident_id AND i.cancel_reason IS NOT 'duplicate' AND day IS NOT NULL AND ${rolled(`${row}.`)}
  ${UPSERT}`;
}

/** Adds (sign 1) or takes away (sign -1) the rolled assignments of incident `row`, under that row's type, district and priority. */
function incidentAssignments(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  return `INSERT INTO team_tallies (day, team_id, type, district, priority, ms, n)
  SELECT day, team_id, ${row}.type, ${row}.district, ${row}.priority, ${sign} * sum(ms), ${sign} * count(*) FROM (
    SELECT ${localDay('a.dispatched_at')} AS day, a.team_id, a.cleared_at - a.dispatched_at AS ms FROM assignments a
    WHERE a.incident_id = ${row}.id AND ${rolled('a.')})
  WHERE day IS NOT NULL AND ${row}.cancel_reason IS NOT 'duplicate' GROUP BY day, team_id
  ${UPSERT}`;
}

const CHANGED = ['dispatched_at', 'cleared_at', 'team_id', 'incident_id'];
const MOVING = ['type', 'district', 'priority', 'cancel_reason'];

export const teamTallies = {
  version: 17,
  name: 'team tallies',
  sql: `
CREATE TABLE team_tallies (
  day INTEGER NOT NULL,
  team_id TEXT NOT NULL,
  type TEXT NOT NULL,
  district TEXT NOT NULL,
  priority INTEGER NOT NULL,
  ms REAL NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, team_id, type, district, priority)
) WITHOUT ROWID;
-- Built with the other rollups: forgetting the zone makes the next open rebuild them all.
UPDATE rollup_meta SET zone = NULL, tzdata = NULL;

CREATE TRIGGER team_tallies_insert AFTER INSERT ON assignments WHEN ${rolled('NEW.')} BEGIN
  ${oneAssignment('NEW', 1)}
END;
CREATE TRIGGER team_tallies_update AFTER UPDATE OF ${CHANGED.join(', ')} ON assignments
WHEN (${CHANGED.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}) AND (${rolled('OLD.')} OR ${rolled('NEW.')}) BEGIN
  ${oneAssignment('OLD', -1)}
  ${oneAssignment('NEW', 1)}
END;
CREATE TRIGGER team_tallies_delete AFTER DELETE ON assignments WHEN ${rolled('OLD.')} BEGIN
  ${oneAssignment('OLD', -1)}
END;
-- Assignments may arrive before their incident (a sync, a batch): it brings them in when it comes.
CREATE TRIGGER team_tallies_incident_insert AFTER INSERT ON incidents WHEN NEW.cancel_reason IS NOT 'duplicate' BEGIN
  ${incidentAssignments('NEW', 1)}
END;
CREATE TRIGGER team_tallies_incident_delete AFTER DELETE ON incidents WHEN OLD.cancel_reason IS NOT 'duplicate' BEGIN
  ${incidentAssignments('OLD', -1)}
END;
CREATE TRIGGER team_tallies_incident_update AFTER UPDATE OF ${MOVING.join(', ')} ON incidents
WHEN ${MOVING.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')} BEGIN
  ${incidentAssignments('OLD', -1)}
  ${incidentAssignments('NEW', 1)}
END;
`,
};
