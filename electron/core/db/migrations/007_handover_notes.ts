// What the outgoing duty officer writes for the incoming one, per shift. Synced like any
// data; append-only, like timeline notes. And indexes the shift summary needs.
export const handoverNotes = {
  version: 7,
  name: 'handover notes',
  sql: `
CREATE TABLE handover_notes (
  id TEXT PRIMARY KEY,
  shift_start INTEGER NOT NULL,
  text TEXT NOT NULL,
  operator TEXT NOT NULL,
  written_at INTEGER NOT NULL
);
CREATE INDEX handover_notes_shift ON handover_notes (shift_start, written_at);
-- The shift summary's handover list: what was still open when a past shift ended.
CREATE INDEX incidents_closed ON incidents (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX incidents_cancelled ON incidents (cancelled_at) WHERE cancelled_at IS NOT NULL;
-- Who worked a shift: notes written in it.
CREATE INDEX timeline_at ON timeline_entries (at);
`,
};
