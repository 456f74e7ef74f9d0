// Incidents brought in from other systems' exports, by a key derived from the export
// (electron/core/import/assemble.ts), so importing the same file again adds nothing. Local to
// this console, like `counters`: the key records what this console has read, not a fact to sync.
export const importKeys = {
  version: 6,
  name: 'import keys',
  sql: `CREATE TABLE import_keys (key TEXT PRIMARY KEY, incident_id TEXT NOT NULL) WITHOUT ROWID;`,
};
