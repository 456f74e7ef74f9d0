// Centres, teams, volunteers, the shift roster and assignments (teams sent to incidents).
export const teams = {
  version: 2,
  name: 'teams',
  sql: `
CREATE TABLE centres (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  district TEXT NOT NULL,
  -- JSON array of the district codes this centre's teams are sent to.
  covers TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  call_sign TEXT NOT NULL,
  call_sign_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  centre_id TEXT NOT NULL,
  vehicle TEXT,
  radio_channel TEXT,
  status TEXT NOT NULL,
  status_at INTEGER NOT NULL,
  retired INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX teams_centre ON teams (centre_id);

CREATE TABLE volunteers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  role TEXT NOT NULL,
  phone TEXT,
  centre_id TEXT NOT NULL,
  qualifications TEXT,
  retired INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX volunteers_centre ON volunteers (centre_id);

CREATE TABLE roster_entries (
  id TEXT PRIMARY KEY,
  volunteer_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  check_in_at INTEGER NOT NULL,
  check_out_at INTEGER
);
CREATE INDEX roster_on_duty ON roster_entries (check_out_at, team_id);
CREATE INDEX roster_volunteer ON roster_entries (volunteer_id, check_in_at);
CREATE INDEX roster_check_in ON roster_entries (check_in_at);

CREATE TABLE assignments (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  dispatched_at INTEGER NOT NULL,
  en_route_at INTEGER,
  on_scene_at INTEGER,
  cleared_at INTEGER,
  -- 'cleared', 'reassigned' or 'cancelled' once the team is no longer committed here.
  ended_reason TEXT,
  operator TEXT NOT NULL
);
CREATE INDEX assignments_incident ON assignments (incident_id, dispatched_at);
CREATE INDEX assignments_team ON assignments (team_id, dispatched_at);
CREATE INDEX assignments_dispatched ON assignments (dispatched_at);
CREATE INDEX assignments_active ON assignments (team_id) WHERE cleared_at IS NULL;
`,
};
