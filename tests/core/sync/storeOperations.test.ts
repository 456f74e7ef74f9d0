// A catch-up stores its operations as one JSON text (sync/applySet.ts storeOperations). The log
// must hold exactly what binding each operation's values stores: a value with a lone surrogate
// (which JSON would carry differently) included. Otherwise the same operation would read back
// differently on two consoles, and the next exchange would call it a reused identity.
import { describe, expect, it } from 'vitest';
import { OPERATION_COLUMNS } from '../../../electron/core/oplog/opLog';
import type { Operation } from '../../../electron/core/oplog/operation';
import { storeOperations } from '../../../electron/core/sync/applySet';
import { cleanedAfterEach, openTestCore, type TestCore } from '../testCore';

const { cores } = cleanedAfterEach('beacon-store-ops-');
const ORIGIN = 'a1a1a1a1a1a1a1a1';

const op = (seq: number, value: string, prev?: string): Operation => ({
  origin: ORIGIN, seq, hlc: `00000176400000${seq % 10}-0000-${ORIGIN}`, entity: 'incident',
  rowId: '12345678-1234-1234-1234-123456789abc', field: 'description', value, operator: null, ...(prev ? { prev } : {}),
});

const texts = ['plain', 'حريق في الميناء', 'fire 🔥', 'quote " and backslash \\', 'control \u0001', 'C:\\udata'];

async function stored(t: TestCore): Promise<unknown[]> {
  return t.core.store.reader.all(
    `SELECT ${OPERATION_COLUMNS.map((c) => `typeof(${c}) AS ${c}_type, hex(${c}) AS ${c}`).join(', ')} FROM operations WHERE origin = ? ORDER BY seq`, [ORIGIN]);
}

/** The same operations stored as bound values, one by one. */
async function bound(t: TestCore, ops: readonly Operation[]): Promise<void> {
  await t.core.store.write(null, async ({ tx }) => {
    for (const o of ops) await tx.run(`INSERT INTO operations (${OPERATION_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [o.origin, o.seq, o.hlc, o.entity, o.rowId, o.field, o.value, o.operator, o.prev ?? null]);
  });
}

describe('storing a batch of operations', () => {
  it('keeps exactly what binding them one by one keeps', async () => {
    const ops = texts.map((text, i) => op(i + 1, JSON.stringify(text), i > 0 ? `${ORIGIN}:${i}` : undefined));
    for (const batch of [ops, [...ops, op(ops.length + 1, '"lone \ud800 surrogate"')]]) {
      const [json, one] = [await openTestCore(), await openTestCore()];
      cores.push(json, one);
      await json.core.store.write(null, ({ tx }) => storeOperations(tx, batch));
      await bound(one, batch);
      expect(await stored(json)).toEqual(await stored(one));
      expect(await stored(json)).toHaveLength(batch.length);
    }
  });
});
