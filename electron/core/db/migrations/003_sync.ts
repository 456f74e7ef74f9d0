// Operations that arrived from elsewhere but may not be applied: unknown entity or field,
// a wrong type, an oversized value, or a clock too far ahead. Kept, shown, never applied.
export const sync = {
  version: 3,
  name: 'sync',
  sql: `
CREATE TABLE quarantine (
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  operation TEXT NOT NULL,
  PRIMARY KEY (origin, seq)
) WITHOUT ROWID;
`,
};
