// Operations from a hub or a bundle are screened as soon as they arrive, while the batch before
// is written (sync/screening.ts). Screened early or in the transaction, a batch must end the
// same; and an operation cannot change between its screening and its applying.
import { describe, expect, it } from 'vitest';
import { operationsAbove } from '../../../electron/core/sync/exchange';
import type { Operation } from '../../../electron/core/oplog/operation';
import { screenAhead } from '../../../electron/core/sync/screening';
import { cleanedAfterEach, consolesOfOnePost, intake, openTestCore, type TestCore } from '../testCore';

const { cores } = cleanedAfterEach('beacon-screening-');

const all = (t: TestCore) => operationsAbove(t.core.store.reader, {}, 100_000);

/** A's log, with an operation of each kind a console must hold back, as plain new objects. */
async function batch(a: TestCore): Promise<Operation[]> {
  const ops = (await all(a)).map((op) => ({ ...op }));
  const edit = ops.find((op) => op.entity === 'incident' && op.field === 'description')!;
  const next = Math.max(...ops.map((op) => op.seq)) + 1;
  return [
    ...ops,
    // A value the API refuses (a right-to-left override), a value that is not JSON, a field no incident has.
    { ...edit, seq: next, value: JSON.stringify('safe \u202Eefas') },
    { ...edit, seq: next + 1, value: '{not json' },
    { ...edit, seq: next + 2, field: 'colour', value: '"red"' },
  ];
}

describe('screening ahead', () => {
  it('ends a batch exactly as screening in the transaction does, refusals included', async () => {
    const { a, b } = await consolesOfOnePost(cores);
    const { incidentId } = await a.call('incidents.log', intake());
    await a.call('incidents.update', { id: incidentId, changes: { description: 'smoke from the harbour store' } });
    const c = await openTestCore({ letter: 'C' });
    cores.push(c);
    const ahead = await batch(a);
    await screenAhead(ahead);
    const screenedEarly = await b.core.store.applyRemote(ahead, b.clock.now());
    const inTransaction = await c.core.store.applyRemote(await batch(a), c.clock.now());
    expect(screenedEarly.quarantined.map((q) => q.reason)).toEqual(['unsafeValue', 'badValue', 'unknownField']);
    expect(inTransaction.quarantined).toEqual(screenedEarly.quarantined);
    expect(screenedEarly.applied).toBe(inTransaction.applied);
    expect(await b.core.store.reader.get('SELECT description FROM incidents WHERE id = ?', [incidentId])).toEqual({ description: 'smoke from the harbour store' });
    const incidents = (t: TestCore) => t.core.store.reader.all('SELECT * FROM incidents ORDER BY id');
    expect(await incidents(c)).toEqual(await incidents(b));
  });

  it('freezes what it screened: an operation changed afterwards would be applied unchecked', async () => {
    const { a } = await consolesOfOnePost(cores);
    await a.call('incidents.log', intake());
    const ops = await batch(a);
    await screenAhead(ops);
    expect(() => { (ops[0] as { value: string }).value = '"changed"'; }).toThrow(TypeError);
    expect(Object.isFrozen(ops.at(-1))).toBe(true);
  });
});
