// A long report on one connection must not hold up another connection's queries: statements
// of one connection are handed to the sqlite3 package one at a time, so they cannot occupy
// every libuv thread while they wait for the connection's own lock.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Connection } from '../../../electron/core/db/connection';

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

  it('hands SQLite the next statement as one ends, before whoever awaited that one has the main thread', async () => {
    // A catch-up parses a read's answer on the main thread while SQLite stores the batch: the
    // store (a kept statement), asked for before, must not wait for that work to end to begin.
    const file = join(dir, 'w.db');
    const conn = await Connection.open(file, 'readwrite');
    await conn.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (x);');
    const insert = 'INSERT INTO t (x) VALUES (?)';
    await conn.run(insert, [1]); // prepared and kept
    const wal = () => statSync(`${file}-wal`).size;
    const before = wal();
    const first = conn.all<{ x: number }>('SELECT x FROM t');
    const second = conn.run(insert, [2]);
    const seenWhileBusy = await first.then(() => {
      // Busy, without a turn of the event loop, until the second statement's commit is in the WAL (20 s at most).
      const until = Date.now() + 20_000;
      while (wal() === before && Date.now() < until) { /* the answer's work */ }
      return wal() > before;
    });
    await second;
    expect(seenWhileBusy).toBe(true);
    expect(await conn.all('SELECT x FROM t ORDER BY x')).toEqual([{ x: 1 }, { x: 2 }]);
    await conn.close();
  });

  it('refuses, without nesting a call per statement, every statement still queued when it closes', async () => {
    // On a closed database the sqlite3 package calls back at once, as the statement is handed
    // over: twenty thousand queued behind the close must not each start the next from inside
    // the last (which overflowed the stack, an exception in a callback: the main process down).
    const conn = await Connection.open(join(dir, 'v.db'), 'readwrite');
    const running = conn.all(SLOW);
    const closing = conn.close();
    const queued = Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? conn.all('SELECT 1 AS one') : conn.get('SELECT 2 AS two')));
    await running;
    await closing;
    const settled = await Promise.allSettled(queued);
    expect(settled.filter((r) => r.status === 'rejected' && String(r.reason).includes('SQLITE_MISUSE'))).toHaveLength(queued.length);
  });

  it('carries on after a statement fails', async () => {
    const conn = await Connection.open(join(dir, 'y.db'), 'readwrite');
    await expect(conn.get('SELECT * FROM missing')).rejects.toThrow();
    expect(await conn.get<{ one: number }>('SELECT 1 AS one')).toEqual({ one: 1 });
    await conn.close();
  });

  it('keeps writes prepared: repeated, after a schema change, after a failure, past its limit, and still closes', async () => {
    const file = join(dir, 'z.db');
    const conn = await Connection.open(file, 'readwrite');
    await conn.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER); CREATE TABLE log (k TEXT);');
    const insert = 'INSERT INTO t (k, v) VALUES (?, ?)';
    for (let i = 0; i < 5; i++) expect(await conn.run(insert, [`k${i}`, i])).toEqual({ changes: 1 });
    // A failed run (a duplicate key) leaves the kept statement usable.
    await expect(conn.run(insert, ['k0', 0])).rejects.toThrow(/UNIQUE/);
    expect(await conn.run(insert, ['k5', 5])).toEqual({ changes: 1 });
    // A trigger added afterwards fires for the statement prepared before it.
    await conn.exec("CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log (k) VALUES (NEW.k); END;");
    await conn.run(insert, ['k6', 6]);
    expect(await conn.all('SELECT k FROM log')).toEqual([{ k: 'k6' }]);
    // More distinct statements than are kept: the oldest are let go, every one still runs.
    for (let i = 0; i < 100; i++) await conn.run(`UPDATE t SET v = v + ${i} WHERE k = ?`, ['k1']);
    expect(await conn.get<{ v: number }>('SELECT v FROM t WHERE k = ?', ['k1'])).toEqual({ v: 1 + 4950 });
    expect(await conn.run(insert, ['k7', 7])).toEqual({ changes: 1 });
    await conn.close();
    const again = await Connection.open(file, 'readonly');
    expect(await again.get<{ n: number }>('SELECT count(*) AS n FROM t')).toEqual({ n: 8 });
    await again.close();
  });

  it('keeps reads prepared: they see each commit, take new parameters, and hold no read open, even after failing part-way', async () => {
    const file = join(dir, 'r.db');
    const writer = await Connection.open(file, 'readwrite');
    await writer.exec(`PRAGMA journal_mode = WAL; CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('1'), ('2'), ('not json');`);
    const reader = await Connection.open(file, 'readonly');
    const query = 'SELECT json(x) AS j FROM t ORDER BY rowid';
    // Fails on the third row, after stepping past two.
    await expect(reader.all(query)).rejects.toThrow(/JSON/);
    await writer.run("UPDATE t SET x = '3' WHERE x = 'not json'");
    // A read left open would pin the WAL: the checkpoint could not go to the end.
    expect(await writer.get('PRAGMA wal_checkpoint(TRUNCATE)')).toMatchObject({ busy: 0 });
    // The same kept statement runs again, and sees the latest commit.
    expect(await reader.all(query)).toEqual([{ j: '1' }, { j: '2' }, { j: '3' }]);
    expect(await reader.all('SELECT count(*) AS n FROM t WHERE x > ?', ['1'])).toEqual([{ n: 2 }]);
    expect(await reader.all('SELECT count(*) AS n FROM t WHERE x > ?', ['2'])).toEqual([{ n: 1 }]);
    expect(await writer.get('PRAGMA wal_checkpoint(TRUNCATE)')).toMatchObject({ busy: 0 });
    await Promise.all([reader.close(), writer.close()]);
  });
});
