// Readers for tests that compare a statistic read through the rollups with the same read from
// the rows alone, and that look at which statements ran. Real connections underneath.
import type { Connection } from '../../electron/core/db/connection';

type Params = (string | number | null)[];

/** The same reader, told that no rollup is built: every statistic then reads the incidents and assignments. */
export function withoutRollup(db: Connection): Connection {
  return {
    all: (sql: string, params?: Params) => db.all(sql, params),
    get: (sql: string, params?: Params) => (sql.startsWith('/* rollup */') ? Promise.resolve({ zone: null }) : db.get(sql, params)),
  } as unknown as Connection;
}

/** The reader, noting the statements it runs. */
export function noting(db: Connection, issued: string[]): Connection {
  return {
    all: (sql: string, params?: Params) => { issued.push(sql); return db.all(sql, params); },
    get: (sql: string, params?: Params) => { issued.push(sql); return db.get(sql, params); },
  } as unknown as Connection;
}
