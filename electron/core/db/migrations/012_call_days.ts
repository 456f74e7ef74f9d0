// The calls of the key figures ("calls received") over months, like the incidents in 009: a
// year at 1M incidents counted ~500k calls and probed every duplicate incident's calls (70 ms
// for 30 days). call_days holds, per local day of the post's zone (zone_offsets, 009), the
// calls received and those of them about an incident cancelled as a duplicate, which are not
// counted. Triggers on calls keep both; one on incidents moves an incident's calls when it is
// cancelled as a duplicate or that is undone. electron/core/stats/rollup.ts rebuilds it with
// daily_counts. Self-contained, frozen with the schema version.
const DAY = 86_400_000;

/** The local day of `received` (a calls row's received_at), floored like 009's. */
const localDay = (received: string) => `(SELECT (t - ((t % ${DAY}) + ${DAY}) % ${DAY}) / ${DAY} FROM (
    SELECT ${received} + offset_ms AS t FROM zone_offsets WHERE start_ms <= ${received} ORDER BY start_ms DESC LIMIT 1))`;

/** Whether the incident `id` is cancelled as a duplicate, as 0 or 1. */
const isDuplicate = (id: string) => `coalesce((SELECT cancel_reason IS 'duplicate' FROM incidents WHERE id = ${id}), 0)`;

/** Adds (sign 1) or takes away (sign -1) one call. Nothing while zone_offsets is empty. */
function contribution(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const s = sign === 1 ? '' : '-';
  return `INSERT INTO call_days (day, calls, duplicate_calls)
  SELECT day, ${s}1, ${s}${isDuplicate(`${row}.incident_id`)} FROM (SELECT ${localDay(`${row}.received_at`)} AS day) WHERE day IS NOT NULL
  ON CONFLICT DO UPDATE SET calls = calls + excluded.calls, duplicate_calls = duplicate_calls + excluded.duplicate_calls;`;
}

/** Moves the calls of incident `id` into (delta 1) or out of (delta -1) the duplicates' count. */
function moveCalls(id: string, delta: string): string {
  return `INSERT INTO call_days (day, calls, duplicate_calls)
  SELECT day, 0, (${delta}) * n FROM (
    SELECT ${localDay('c.received_at')} AS day, count(*) AS n FROM calls c WHERE c.incident_id = ${id} GROUP BY 1) WHERE day IS NOT NULL
  ON CONFLICT DO UPDATE SET duplicate_calls = duplicate_calls + excluded.duplicate_calls;`;
}

export const callDays = {
  version: 12,
  name: 'call days',
  sql: `
CREATE TABLE call_days (
  day INTEGER PRIMARY KEY,
  calls INTEGER NOT NULL,
  duplicate_calls INTEGER NOT NULL
) WITHOUT ROWID;
-- Built with daily_counts: forgetting the zone makes the next open rebuild both.
UPDATE rollup_meta SET zone = NULL, tzdata = NULL;

CREATE TRIGGER call_days_insert AFTER INSERT ON calls BEGIN
  ${contribution('NEW', 1)}
END;
CREATE TRIGGER call_days_update AFTER UPDATE OF received_at, incident_id ON calls
WHEN OLD.received_at IS NOT NEW.received_at OR OLD.incident_id IS NOT NEW.incident_id BEGIN
  ${contribution('OLD', -1)}
  ${contribution('NEW', 1)}
END;
CREATE TRIGGER call_days_delete AFTER DELETE ON calls BEGIN
  ${contribution('OLD', -1)}
END;
-- An incident cancelled as a duplicate (or restored): its calls stop (or start) counting.
CREATE TRIGGER call_days_duplicate AFTER UPDATE OF cancel_reason ON incidents
WHEN (OLD.cancel_reason IS 'duplicate') IS NOT (NEW.cancel_reason IS 'duplicate') BEGIN
  ${moveCalls('NEW.id', "(NEW.cancel_reason IS 'duplicate') - (OLD.cancel_reason IS 'duplicate')")}
END;
-- Calls may arrive before their incident (a batch, a sync): one that arrives already a duplicate
-- takes its calls with it, and so does one that goes away.
CREATE TRIGGER call_days_duplicate_insert AFTER INSERT ON incidents WHEN NEW.cancel_reason IS 'duplicate' BEGIN
  ${moveCalls('NEW.id', '1')}
END;
CREATE TRIGGER call_days_duplicate_delete AFTER DELETE ON incidents WHEN OLD.cancel_reason IS 'duplicate' BEGIN
  ${moveCalls('OLD.id', '-1')}
END;
`,
};
