// What a Beacon database of a given schema version holds: the tables, indexes, triggers and
// views this build's own migrations make up to that version, and each table's columns. A
// backup is compared with it before anything of it is read: one that holds more (a trigger, a
// view), less (a dropped table) or something else under a known name (a view named like a
// table), or claims a version its schema does not have, is refused with the reason.
import { DomainError, type ErrorCode } from '../base/errors';
import { Connection } from './connection';
import { MIGRATIONS, migrate } from './migrations';
import type { Reader } from '../base/handles';

export interface SchemaShape {
  /** `type:name` → the table it belongs to. */
  objects: Map<string, string>;
  /** Table → its columns (generated and hidden ones aside), in order. */
  columns: Map<string, string[]>;
}

/** Made by SQLite itself (ANALYZE, AUTOINCREMENT), never read from a backup. */
const SQLITE_OWN = /^sqlite_(stat\d|sequence)$/;

const shapes = new Map<number, Promise<SchemaShape>>();

/** The shape this build's migrations give a database at `version` (made once, in memory). */
export function expectedShape(version: number): Promise<SchemaShape> {
  let shape = shapes.get(version);
  if (!shape) {
    shape = (async () => {
      const conn = await Connection.open(':memory:', 'readwrite');
      try {
        await migrate(conn, MIGRATIONS.filter((m) => m.version <= version));
        return await readShape(conn, 'main');
      } finally {
        await conn.close();
      }
    })();
    shapes.set(version, shape);
  }
  return shape;
}

/** Quoted as an SQL identifier: names read from a file are never spliced in as they are. */
export const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The shape of schema `schema` of `conn` ('main', or an attached backup), from its schema table only. */
export async function readShape(conn: Reader, schema: string, onlyTables?: ReadonlySet<string>): Promise<SchemaShape> {
  const rows = await conn.all<{ type: string; name: string; tbl_name: string }>(`SELECT type, name, tbl_name FROM ${quoteName(schema)}.sqlite_schema`);
  const objects = new Map<string, string>();
  const columns = new Map<string, string[]>();
  for (const row of rows) {
    if (row.type === 'table' && SQLITE_OWN.test(row.name)) continue;
    objects.set(`${row.type}:${row.name}`, row.tbl_name);
  }
  for (const row of rows) {
    if (row.type !== 'table' || SQLITE_OWN.test(row.name) || (onlyTables && !onlyTables.has(row.name))) continue;
    const cols = await conn.all<{ name: string; hidden: number }>(`SELECT name, hidden FROM pragma_table_xinfo(${sqlString(row.name)}, ${sqlString(schema)})`);
    columns.set(row.name, cols.filter((c) => c.hidden === 0).map((c) => c.name));
  }
  return { objects, columns };
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

const EXTRA: Record<string, ErrorCode> = {
  table: 'integrity.extraTable', view: 'integrity.extraView', trigger: 'integrity.extraTrigger', index: 'integrity.extraIndex',
};

/**
 * Throws the first way `actual` differs from what `version` has. Trigger and view bodies are
 * not compared: none of the file's are ever run or copied (restore.ts), only its rows.
 */
export function compareShape(actual: SchemaShape, expected: SchemaShape, version: number): void {
  for (const key of actual.objects.keys()) {
    if (expected.objects.has(key)) continue;
    const [type = '', ...rest] = key.split(':');
    const name = rest.join(':');
    // Something else under a name the schema gives a table: a view named like one is the usual trick.
    if (expected.objects.has(`table:${name}`)) throw new DomainError('integrity.notATable', { name, version });
    throw new DomainError(EXTRA[type] ?? 'integrity.extraObject', { name, version });
  }
  for (const [key, table] of expected.objects) {
    if (actual.objects.get(key) === table) continue;
    const name = key.split(':').slice(1).join(':');
    if (actual.objects.has(key)) throw new DomainError('integrity.otherTable', { name, version });
    throw new DomainError(key.startsWith('table:') ? 'integrity.missingTable' : 'integrity.missingObject', { name, version });
  }
  for (const [table, cols] of expected.columns) {
    const theirs = actual.columns.get(table) ?? [];
    if (theirs.length !== cols.length || theirs.some((c, i) => c !== cols[i])) throw new DomainError('integrity.columns', { table, version });
  }
}

/** Checks schema `schema` of `conn` is exactly what `version` has; returns the expected shape. */
export async function verifyShape(conn: Reader, schema: string, version: number): Promise<SchemaShape> {
  const first = MIGRATIONS[0]!.version;
  const last = MIGRATIONS[MIGRATIONS.length - 1]!.version;
  if (!Number.isInteger(version) || version < first || version > last) throw new DomainError('integrity.unknownVersion', { version });
  const expected = await expectedShape(version);
  compareShape(await readShape(conn, schema, new Set(expected.columns.keys())), expected, version);
  return expected;
}
