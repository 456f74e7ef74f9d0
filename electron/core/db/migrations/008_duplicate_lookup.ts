// Statistics leave out incidents cancelled as duplicates. Counting calls and team hours by
// their own time, then setting aside the few that belong to a duplicate, avoids looking up
// the incident of every call and assignment (100 ms at 1M incidents; see npm run bench).
export const duplicateLookup = {
  version: 8,
  name: 'duplicate lookup',
  sql: `
CREATE INDEX incidents_duplicates ON incidents (id) WHERE cancel_reason = 'duplicate';
`,
};
