// The incident view finds where a reassigned team came from by (team, time it left);
// without this it searched the team's whole history (the benchmark showed 6 ms at 100k).
export const assignmentLookup = {
  version: 4,
  name: 'assignment lookup',
  sql: `CREATE INDEX assignments_team_cleared ON assignments (team_id, cleared_at);`,
};
