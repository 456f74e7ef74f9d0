// The foundation: the operation log, version vector, operators, incidents, calls and
// their timeline. Synced tables carry no FOREIGN KEY constraints on purpose: operations
// from different consoles can arrive in any order (a call before the incident it
// belongs to), and the merge must accept them.
export const foundation = {
  version: 1,
  name: 'foundation',
  sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE operations (
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL,
  hlc TEXT NOT NULL,
  entity TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  operator TEXT,
  PRIMARY KEY (origin, seq)
) WITHOUT ROWID;
-- The newest operation per row and field decides the field's value (last writer wins).
CREATE INDEX operations_row_field ON operations (row_id, field, hlc);

CREATE TABLE version_vector (origin TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;

-- Local only: per-console sequences such as the incident number of the day.
CREATE TABLE counters (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;

CREATE TABLE operators (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  pin_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  language TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX operators_name_key ON operators (name_key);

CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL,
  type TEXT NOT NULL,
  priority INTEGER NOT NULL,
  status TEXT NOT NULL,
  district TEXT NOT NULL,
  subdistrict TEXT,
  locality TEXT,
  locality_key TEXT,
  landmark TEXT,
  lat REAL,
  lon REAL,
  description TEXT,
  trapped INTEGER NOT NULL DEFAULT 0,
  injured INTEGER NOT NULL DEFAULT 0,
  dead INTEGER NOT NULL DEFAULT 0,
  received_at INTEGER NOT NULL,
  status_at INTEGER NOT NULL,
  dispatched_at INTEGER,
  on_scene_at INTEGER,
  cleared_at INTEGER,
  closed_at INTEGER,
  cancelled_at INTEGER,
  cancel_reason TEXT,
  created_by TEXT NOT NULL
);
-- Queues: one status, ordered by priority then waiting time.
CREATE INDEX incidents_queue ON incidents (status, priority, received_at);
-- Duplicate detection, statistics and shift summaries: by time received.
CREATE INDEX incidents_received ON incidents (received_at);
CREATE INDEX incidents_number ON incidents (number);

CREATE TABLE calls (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  caller_name TEXT,
  caller_phone TEXT,
  description TEXT,
  trapped INTEGER NOT NULL DEFAULT 0,
  injured INTEGER NOT NULL DEFAULT 0,
  dead INTEGER NOT NULL DEFAULT 0,
  operator TEXT NOT NULL
);
CREATE INDEX calls_incident ON calls (incident_id, received_at);
CREATE INDEX calls_received ON calls (received_at);

CREATE TABLE timeline_entries (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  text TEXT,
  status TEXT,
  cancel_reason TEXT,
  operator TEXT NOT NULL,
  struck_reason TEXT,
  struck_at INTEGER,
  struck_by TEXT
);
CREATE INDEX timeline_incident ON timeline_entries (incident_id, at);
`,
};
