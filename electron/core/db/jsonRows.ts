// Many rows handed to SQLite as one JSON text, read back by jsonb_each (which parses the text
// once, not once per column), instead of a bound value each: the sqlite3 package converts every
// bound value on the main thread (a catch-up's new incidents are half a million values), and
// the short statement stays prepared.
//
// What a table holds must not depend on the way its rows went. Bound, a number is an INTEGER
// only if it fits in 32 bits (the sqlite3 package binds any other as a REAL: a time in
// milliseconds is 1764000000123.0); from JSON, every whole number is an INTEGER. A typed
// column makes them the same, but a TEXT or untyped one would keep "….0" from one way and not
// the other, and consoles would differ. So such a column's values are made REAL as binding does.
import type { ColumnInfo, Reader, SqlValue } from '../base/handles';

export interface JsonRows {
  /** The rows, a JSON array of arrays: jsonb_each's `value`, one row each. */
  text: string;
  /** Per column, the SQL that reads it from `source` (jsonb_each's value) as binding would store it. */
  columns: string[];
}

const fitsInt32 = (n: number) => n === (n | 0);

/**
 * Whether SQLite reads every text of this JSON back as binding it would store it: not so for a
 * lone surrogate, which JSON.stringify escapes (`\ud800`) where binding replaces it. Those are
 * the only `\u` escapes it writes besides control characters, so a text with `\ud` (or a
 * backslash before "ud", written `\\ud`) is refused, and its rows are bound instead.
 */
export const keepsEveryText = (json: string) => !json.includes('\\ud');

/**
 * Whether a column declared `type` has a numeric affinity (INTEGER, REAL or NUMERIC, by SQLite's
 * rules: https://sqlite.org/datatype3.html#determination_of_column_affinity). Such a column
 * stores a whole number the same whether it came as an INTEGER or as the REAL binding makes.
 */
export function numericAffinity(type: string): boolean {
  const t = type.toUpperCase();
  if (t.includes('INT')) return true;
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT') || t.includes('BLOB') || t === '') return false;
  return true; // REAL, FLOA, DOUB, or anything else: NUMERIC
}

/** By name, `table`'s columns. */
export async function columnsOf(db: Reader, table: string): Promise<ReadonlyMap<string, ColumnInfo>> {
  const columns = await db.all<{ name: string; type: string; notnull: number }>('SELECT name, type, "notnull" FROM pragma_table_info(?)', [table]);
  return new Map(columns.map((c) => [c.name, { numeric: numericAffinity(c.type), notNull: c.notnull === 1 }]));
}

/**
 * The rows as JSON, or null where JSON would not carry a value as binding does: a number JSON
 * cannot write (NaN, Infinity), or a lone surrogate (keepsEveryText). `numeric`: per column,
 * whether its affinity is numeric (numericAffinity), which spares it the REAL of binding.
 */
export function jsonRows(rows: readonly (readonly SqlValue[])[], source = 'value', numeric: readonly boolean[] = []): JsonRows | null {
  const width = rows[0]?.length ?? 0;
  const wide = new Array<boolean>(width).fill(false);
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const value = row[i];
      if (typeof value !== 'number') continue;
      if (!Number.isFinite(value)) return null;
      if (Number.isInteger(value) && !fitsInt32(value)) wide[i] = true;
    }
  }
  const text = JSON.stringify(rows);
  if (!keepsEveryText(text)) return null;
  const columns = wide.map((isWide, i) => {
    const read = `${source} ->> ${i}`;
    return isWide && numeric[i] !== true ? `iif(typeof(${read}) = 'integer' AND (${read}) NOT BETWEEN -2147483648 AND 2147483647, CAST(${read} AS REAL), ${read})` : read;
  });
  return { text, columns };
}
