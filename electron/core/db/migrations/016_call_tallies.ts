// Calls received in the key figures when a district, type or priority is chosen (issue #4): a
// year at 1M incidents looked up the incident of each of ~500k calls, 1.8 s, twice (the period
// and the one before). call_tallies holds, per local day of the call (the post's zone, as in
// 009 and 012) and the current type, district and priority of its incident, the calls about
// incidents that are not duplicates. A call whose incident has not arrived yet is not in it,
// as the filtered count never counted it. Triggers on calls add and take away each call; those
// on incidents move an incident's calls when it arrives, goes, changes type, district or
// priority, or becomes or stops being a duplicate. stats/rollup.ts rebuilds it with the rest.
// Self-contained, frozen with the schema version.
const DAY = 86_400_000;

/** The local day of `received` (epoch ms), floored like 009's; NULL while zone_offsets is empty. */
const localDay = (received: string) => `(SELECT (t - ((t % ${DAY}) + ${DAY}) % ${DAY}) / ${DAY} FROM (
    SELECT ${received} + offset_ms AS t FROM zone_offsets WHERE start_ms <= ${received} ORDER BY start_ms DESC LIMIT 1))`;

const UPSERT = 'ON CONFLICT DO UPDATE SET calls = calls + excluded.calls;';

/** Adds (sign 1) or takes away (sign -1) one call, under its incident as it is now. */
function oneCall(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  return `INSERT INTO call_tallies (day, type, district, priority, calls)
  SELECT day, i.type, i.district, i.priority, ${sign} FROM incidents i, (SELECT ${localDay(`${row}.received_at`)} AS day)
  WHERE i.id = ${row}.incident_id AND i.cancel_reason IS NOT 'duplicate' AND day IS NOT NULL
  ${UPSERT}`;
}

/** Adds (sign 1) or takes away (sign -1) every call of incident `row`, under that row's type, district and priority. */
function incidentCalls(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  return `INSERT INTO call_tallies (day, type, district, priority, calls)
  SELECT day, ${row}.type, ${row}.district, ${row}.priority, ${sign} * n FROM (
    SELECT ${localDay('c.received_at')} AS day, count(*) AS n FROM calls c WHERE c.incident_id = ${row}.id GROUP BY 1)
  WHERE day IS NOT NULL AND ${row}.cancel_reason IS NOT 'duplicate'
  ${UPSERT}`;
}

const MOVING = ['type', 'district', 'priority', 'cancel_reason'];

export const callTallies = {
  version: 16,
  name: 'call tallies',
  sql: `
CREATE TABLE call_tallies (
  day INTEGER NOT NULL,
  type TEXT NOT NULL,
  district TEXT NOT NULL,
  priority INTEGER NOT NULL,
  calls INTEGER NOT NULL,
  PRIMARY KEY (day, type, district, priority)
) WITHOUT ROWID;
-- Built with the other rollups: forgetting the zone makes the next open rebuild them all.
UPDATE rollup_meta SET zone = NULL, tzdata = NULL;

CREATE TRIGGER call_tallies_insert AFTER INSERT ON calls BEGIN
  ${oneCall('NEW', 1)}
END;
CREATE TRIGGER call_tallies_update AFTER UPDATE OF received_at, incident_id ON calls
WHEN OLD.received_at IS NOT NEW.received_at OR OLD.incident_id IS NOT NEW.incident_id BEGIN
  ${oneCall('OLD', -1)}
  ${oneCall('NEW', 1)}
END;
CREATE TRIGGER call_tallies_delete AFTER DELETE ON calls BEGIN
  ${oneCall('OLD', -1)}
END;
-- Calls may arrive before their incident (a sync, a batch): it brings them in when it comes.
CREATE TRIGGER call_tallies_incident_insert AFTER INSERT ON incidents WHEN NEW.cancel_reason IS NOT 'duplicate' BEGIN
  ${incidentCalls('NEW', 1)}
END;
CREATE TRIGGER call_tallies_incident_delete AFTER DELETE ON incidents WHEN OLD.cancel_reason IS NOT 'duplicate' BEGIN
  ${incidentCalls('OLD', -1)}
END;
CREATE TRIGGER call_tallies_incident_update AFTER UPDATE OF ${MOVING.join(', ')} ON incidents
WHEN ${MOVING.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')} BEGIN
  ${incidentCalls('OLD', -1)}
  ${incidentCalls('NEW', 1)}
END;
`,
};
