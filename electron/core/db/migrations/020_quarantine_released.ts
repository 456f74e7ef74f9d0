// Issue #21 item 4: `quarantine` holds what is still set aside. An operation held back (a
// clock ahead, its row not here yet) that is later applied, or arrives again and is found
// already held, moves to quarantine_released with when and how: the history of what was held
// and why, apart from the count of what is still held.
export const quarantineReleased = {
  version: 20,
  name: 'quarantine_released',
  sql: `
CREATE TABLE quarantine_released (
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  released_at INTEGER NOT NULL,
  PRIMARY KEY (origin, seq, received_at)
) WITHOUT ROWID;
-- What a console held before this version and has applied since (check printed them as held).
INSERT INTO quarantine_released (origin, seq, received_at, reason, released_at)
  SELECT q.origin, q.seq, q.received_at, q.reason, q.received_at FROM quarantine q
   WHERE EXISTS (SELECT 1 FROM operations o WHERE o.origin = q.origin AND o.seq = q.seq
                   AND o.hlc = json_extract(q.operation, '$.hlc') AND o.value = json_extract(q.operation, '$.value'));
DELETE FROM quarantine WHERE EXISTS (SELECT 1 FROM quarantine_released r WHERE r.origin = quarantine.origin AND r.seq = quarantine.seq AND r.received_at = quarantine.received_at);
`,
};
