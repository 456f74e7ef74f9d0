// The writes of some fields (row and field pairs), read in one statement through the log's row
// index operations_row_field (row_id, field) and grouped by field. Readers that want them in
// clock order (the audit trail, the conflicts view) order them themselves: the index has no clock.
import type { Reader } from '../base/handles';

/** A field's key in the maps below. */
export const fieldKey = (rowId: string, field: string) => JSON.stringify([rowId, field]);

/**
 * By fieldKey, the writes of each field asked for (none: no entry), as `columns` of
 * `operations o` (and of what `join` adds) select them. `columns`/`join` are the caller's SQL, never input.
 */
export async function writesOfFields<T>(db: Reader, fields: Iterable<readonly [string, string]>, columns: string, join = ''): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>();
  const list = [...fields];
  if (list.length === 0) return out;
  for (const w of await db.all<T & { row_id: string; field: string }>(
    `SELECT o.row_id, o.field, ${columns} FROM json_each(?)
       JOIN operations o ON o.row_id = json_each.value ->> 0 AND o.field = json_each.value ->> 1 ${join}`, [JSON.stringify(list)])) {
    const key = fieldKey(w.row_id, w.field);
    const writes = out.get(key);
    if (writes) writes.push(w);
    else out.set(key, [w]);
  }
  return out;
}
