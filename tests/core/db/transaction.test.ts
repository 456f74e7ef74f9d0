// A write transaction's buffered INSERTs (db/transaction.ts): many rows go to SQLite as one JSON
// text (db/jsonRows.ts), few rows as bound values. Whichever way they go, a table must hold
// exactly what binding them one by one would have stored: the same types, the same bytes,
// even for values JSON writes differently (a lone surrogate, a number JSON has no word for).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SqlValue } from '../../../electron/core/base/handles';
import { Connection } from '../../../electron/core/db/connection';
import { jsonRows } from '../../../electron/core/db/jsonRows';
import { WriteQueue } from '../../../electron/core/db/transaction';

const dir = mkdtempSync(join(tmpdir(), 'beacon-transaction-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Values binding and JSON might store apart: types, big integers, text JSON must escape. */
const awkward: SqlValue[][] = [
  ['integer', 1_764_000_000_123],
  ['negative', -7],
  ['real', 1.5],
  ['null', null],
  ['digits as text', '0123'],
  ['quotes and backslash', 'say "hi" \\ C:\\new'],
  ['control character', 'a\u0001b\nc'],
  ['arabic', 'حريق في اللاذقية'],
  ['emoji', 'fire 🔥'],
];

/** Each value goes into a column of every affinity: none, INTEGER, REAL, NUMERIC and TEXT. */
const AFFINITIES = ['v', 'i', 'r', 'n', 's'];

async function stored(rows: SqlValue[][]): Promise<{ k: string; t: string; h: string | null }[]> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.db`);
  const conn = await Connection.open(file, 'readwrite');
  await conn.exec('CREATE TABLE t (k TEXT, v, i INTEGER, r REAL, n NUMERIC, s VARCHAR(20))');
  await new WriteQueue(conn).transaction(async (tx) => {
    for (const [k, value] of rows) tx.insert('t', ['k', ...AFFINITIES], [k!, ...AFFINITIES.map(() => value!)]);
  });
  const out = await conn.all<{ k: string; t: string; h: string | null }>(
    `SELECT k, ${AFFINITIES.map((c) => `typeof(${c})`).join(" || ' ' || ")} AS t, ${AFFINITIES.map((c) => `quote(hex(${c}))`).join(" || ' ' || ")} AS h FROM t ORDER BY rowid`);
  await conn.close();
  return out;
}

/** `awkward` padded to `count` rows, so that the batch is large enough (or not) to go as JSON. */
const padded = (extra: SqlValue[][], count: number) => [...awkward, ...extra, ...Array.from({ length: count - awkward.length - extra.length }, (_, i): SqlValue[] => [`pad ${i}`, i])];

describe('buffered inserts', () => {
  it('store the same values whether the rows went as JSON or bound', async () => {
    // 9 rows are bound; 200 go as one JSON text. The awkward rows must read back the same.
    const few = await stored(awkward);
    const many = await stored(padded([], 200));
    expect(jsonRows(padded([], 200))).not.toBeNull(); // the large batch did take the JSON way
    expect(many.slice(0, awkward.length)).toEqual(few);
    // Bound, a whole number past 32 bits is a REAL (a time in ms): the JSON way must do the same.
    expect(few.map((r) => r.t.split(' ')[0])).toEqual(['real', 'integer', 'real', 'null', 'text', 'text', 'text', 'text', 'text']);
    // Typed columns: INTEGER and NUMERIC make that REAL an integer again, TEXT keeps its "….0".
    expect(few[0]).toMatchObject({ t: 'real integer real integer text' });
    expect(many[0]).toEqual(few[0]);
    expect(many.length).toBe(200);
  });

  it('bind a batch JSON would change: a lone surrogate, a number JSON cannot write', async () => {
    const lone: SqlValue[] = ['lone surrogate', 'before \ud800 after'];
    const infinite: SqlValue[] = ['infinity', Number.POSITIVE_INFINITY];
    // Taken for a surrogate's escape by the check, so bound too: stored the same either way.
    const lookalike: SqlValue[] = ['backslash before ud', 'C:\\udata'];
    for (const odd of [lone, infinite, lookalike]) {
      expect(jsonRows([odd])).toBeNull();
      const alone = await stored([odd]);
      const inBatch = await stored(padded([odd], 200));
      expect(inBatch.find((r) => r.k === odd[0])).toEqual(alone[0]);
      expect(inBatch.length).toBe(200);
    }
  });
});

describe('statement order in a transaction', () => {
  it('runs statements in the order they are asked for, each after the rows buffered before it', async () => {
    const conn = await Connection.open(join(dir, 'order.db'), 'readwrite');
    await conn.exec('CREATE TABLE t (k TEXT, n INTEGER)');
    const seen = await new WriteQueue(conn).transaction(async (tx) => {
      // Enough rows to go as JSON, which first asks SQLite for the table's columns.
      for (let i = 0; i < 200; i++) tx.insert('t', ['k', 'n'], [`row ${i}`, i]);
      // Asked for without waiting, as a batch sends its reads and writes (sync/applySet.ts).
      const flushing = tx.flush();
      const afterFlush = tx.get<{ n: number }>('SELECT count(*) AS n FROM t');
      const written = tx.run("INSERT INTO t (k, n) VALUES ('late', -1)");
      tx.insert('t', ['k', 'n'], ['buffered after', -2]);
      const afterBoth = tx.get<{ n: number }>('SELECT count(*) AS n FROM t');
      const beforeLast = tx.get<{ n: number }>("SELECT count(*) AS n FROM t WHERE k = 'after the last read'");
      tx.insert('t', ['k', 'n'], ['after the last read', -3]);
      await Promise.all([flushing, written]);
      return [(await afterFlush)?.n, (await afterBoth)?.n, (await beforeLast)?.n];
    });
    expect(seen).toEqual([200, 202, 0]);
    expect((await conn.get<{ n: number }>('SELECT count(*) AS n FROM t'))?.n).toBe(203);
    await conn.close();
  });
});
