// A long report on one connection must not hold up another connection's queries: statements
// of one connection are handed to the sqlite3 package one at a time, so they cannot occupy
// every libuv thread while they wait for the connection's own lock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Connection } from '../../electron/core/db/connection';

const dir = mkdtempSync(join(tmpdir(), 'beacon-connection-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A statement that keeps SQLite busy for a while (a few tens of milliseconds). */
const SLOW = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400000) SELECT count(*) AS c FROM n';

describe('a connection', () => {
  it('runs its statements in order, and a busy one leaves the other connection free', async () => {
    const file = join(dir, 'x.db');
    const writer = await Connection.open(file, 'readwrite');
    await writer.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    const reports = await Connection.open(file, 'readonly');
    const queues = await Connection.open(file, 'readonly');
    const finished: string[] = [];
    const report = Array.from({ length: 12 }, (_, i) => reports.get(SLOW).then(() => finished.push(`report ${i}`)));
    const queue = queues.get('SELECT x FROM t').then(() => finished.push('queue'));
    await Promise.all([...report, queue]);
    // In submission order on the busy connection …
    expect(finished.filter((f) => f.startsWith('report'))).toEqual(Array.from({ length: 12 }, (_, i) => `report ${i}`));
    // … and the other connection's query long before that report is through.
    expect(finished.indexOf('queue')).toBeLessThan(4);
    await Promise.all([writer.close(), reports.close(), queues.close()]);
  });

  it('carries on after a statement fails', async () => {
    const conn = await Connection.open(join(dir, 'y.db'), 'readwrite');
    await expect(conn.get('SELECT * FROM missing')).rejects.toThrow();
    expect(await conn.get<{ one: number }>('SELECT 1 AS one')).toEqual({ one: 1 });
    await conn.close();
  });
});
