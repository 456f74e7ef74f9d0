// The restored copy is written by the inspector process, which read a file from outside.
// Before the console opens it for writing (where its triggers would run on the console's
// threads), it must hold exactly the schema this build's migrations make, SQL text included:
// a subverted inspector cannot hand over a trigger of its own under a known name.
import { DomainError } from '../base/errors';
import { Connection } from './connection';
import { APPLICATION_ID, SCHEMA_VERSION, migrate } from './migrations';
import { DISTRUST } from './untrustedFile';

/** Every object of the schema table but SQLite's own statistics, with its SQL, in one comparable text. */
const SCHEMA_SQL = "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\' AND name <> 'sqlite_sequence' ORDER BY type, name";

let expected: Promise<string> | null = null;

/** This build's schema, migrated once in memory. */
function expectedSchema(): Promise<string> {
  expected ??= (async () => {
    const conn = await Connection.open(':memory:', 'readwrite');
    try {
      await migrate(conn);
      return JSON.stringify(await conn.all(SCHEMA_SQL));
    } finally {
      await conn.close();
    }
  })();
  return expected;
}

/** Throws integrity.restoredUnsound unless `file` is a database of this build's schema, of origin `origin`. */
export async function verifyOwnSchema(file: string, origin: string): Promise<void> {
  const conn = await Connection.open(file, 'readonly');
  try {
    await conn.exec(DISTRUST);
    const appId = (await conn.get<{ application_id: number }>('PRAGMA application_id'))?.application_id;
    const version = (await conn.get<{ user_version: number }>('PRAGMA user_version'))?.user_version;
    const schema = JSON.stringify(await conn.all(SCHEMA_SQL));
    const given = (await conn.get<{ value: string }>("SELECT value FROM meta WHERE key = 'origin'"))?.value;
    if (appId !== APPLICATION_ID || version !== SCHEMA_VERSION || schema !== (await expectedSchema()) || given !== origin) {
      throw new DomainError('integrity.restoredUnsound', { table: '' });
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError('integrity.restoredUnsound', { table: '' });
  } finally {
    await conn.close();
  }
}
