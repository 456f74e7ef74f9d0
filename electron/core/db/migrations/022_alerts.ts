// Public alerts (CAP 1.2, issue #22). One row per CAP message: an update or a cancel is a new
// message that references the earlier ones, so rows are written once and never change, like
// timeline notes, and two consoles' messages can never overwrite each other when they sync.
export const alerts = {
  version: 22,
  name: 'alerts',
  sql: `
CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL,
  -- The first message's id: the alert an update or cancel belongs to.
  thread_id TEXT NOT NULL,
  msg_type TEXT NOT NULL,
  identifier TEXT NOT NULL,
  sender TEXT NOT NULL,
  sent INTEGER NOT NULL,
  -- As written in the message, with the post's offset at the time it was sent.
  sent_text TEXT NOT NULL,
  references_text TEXT,
  event TEXT NOT NULL,
  response_type TEXT NOT NULL,
  urgency TEXT NOT NULL,
  severity TEXT NOT NULL,
  certainty TEXT NOT NULL,
  instruction_ar TEXT,
  instruction_en TEXT,
  area_kind TEXT NOT NULL,
  district TEXT,
  lat REAL,
  lon REAL,
  radius_km REAL,
  expires INTEGER NOT NULL,
  expires_text TEXT NOT NULL,
  note TEXT,
  operator TEXT
);
CREATE INDEX alerts_incident ON alerts (incident_id, sent);
CREATE INDEX alerts_identifier ON alerts (identifier);
`,
};
