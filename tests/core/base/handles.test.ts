// The two database handles (electron/core/base/handles.ts): a Reader and a WriteTx, branded so
// that a stand-in with the right methods, or a bare connection outside the write transaction,
// is refused at compile time (the @ts-expect-error lines fail `npm run typecheck` if it is not).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reader, WriteTx } from '../../../electron/core/base/handles';
import { Connection } from '../../../electron/core/db/connection';
import { WriteQueue } from '../../../electron/core/db/transaction';

const countRows = async (db: Reader) => (await db.get<{ n: number }>('SELECT count(*) AS n FROM t'))?.n;
const addRow = (tx: WriteTx, a: string) => tx.insert('t', ['a'], [a]);

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('the database handles', () => {
  it('take a connection or a transaction as a reader, only the transaction as a writer, and no stand-in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-handles-'));
    const conn = await Connection.open(join(dir, 'handles.db'), 'readwrite');
    cleanup = async () => {
      await conn.close();
      rmSync(dir, { recursive: true, force: true });
    };
    await conn.exec('CREATE TABLE t (a TEXT)');

    const standIn = { get: async () => undefined, all: async () => [] };
    // @ts-expect-error an object with a reader's methods is not a Reader
    expect(await countRows(standIn)).toBeUndefined();
    // @ts-expect-error a bare connection is not the write transaction
    const outsideTransaction = () => addRow(conn, 'x');
    expect(outsideTransaction).toThrow(TypeError);

    await new WriteQueue(conn).transaction(async (tx) => {
      addRow(tx, 'x');
      // The transaction is a reader too, and sees its own buffered row.
      expect(await countRows(tx)).toBe(1);
    });
    expect(await countRows(conn)).toBe(1);
  });
});
