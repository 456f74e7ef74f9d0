// A database file from outside (a backup on a USB stick, a safety copy someone could have
// edited) is read as data, never as code: read-only, on a connection of its own, with SQLite's
// schema distrust on and values bounded in size, in an inspector process of its own that is
// killed at a deadline (inspection/inspectApart.ts).
import { DomainError } from '../base/errors';
import { Connection } from './connection';

/**
 * The largest single text or blob a Beacon database holds legitimately is a few kilobytes (a
 * description, an operation's value); 16 MB leaves room and keeps a hostile 300 MB value out of memory.
 */
export const MAX_VALUE_BYTES = 16 * 1024 * 1024;

/**
 * Settings for a connection that reads a file from outside:
 * - trusted_schema OFF: a view or trigger in the file may call no function with side effects;
 * - query_only: nothing is written, whatever a statement says;
 * - cell_size_check: a damaged page is reported, not followed;
 * - mmap off and a small page cache: memory stays bounded whatever the file's size.
 * (SQLITE_DBCONFIG_DEFENSIVE is not reachable through the sqlite3 package; what it guards,
 * writes to the schema and shadow tables, a read-only query_only connection cannot do anyway.)
 */
export const DISTRUST = 'PRAGMA trusted_schema = OFF; PRAGMA query_only = ON; PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0; PRAGMA cache_size = -4000;';

/** Opens `file` read-only as untrusted data; a file SQLite cannot open is "not a Beacon database". */
export async function openUntrusted(file: string): Promise<Connection> {
  let conn: Connection;
  try {
    conn = await Connection.open(file, 'readonly', { maxValueBytes: MAX_VALUE_BYTES });
  } catch {
    throw new DomainError('error.notBeaconDatabase');
  }
  try {
    await conn.exec(DISTRUST);
  } catch {
    await conn.close().catch(() => undefined);
    throw new DomainError('error.notBeaconDatabase');
  }
  return conn;
}
