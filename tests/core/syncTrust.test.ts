// Issue #21: sync that can be trusted when clocks lie and folders are copied.
import { afterEach, describe, expect, it } from 'vitest';
import { databaseCheck } from '../../electron/cli/check';
import { operationsAbove, stateHash } from '../../electron/core/sync/exchange';
import { intake, MINUTE, openTestCore, type TestCore } from './testCore';

const open: TestCore[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function consoles(n: number): Promise<TestCore[]> {
  const list: TestCore[] = [];
  for (let i = 0; i < n; i++) list.push(await openTestCore({ letter: String.fromCharCode(65 + i) }));
  open.push(...list);
  return list;
}

const DAY = 24 * 60 * MINUTE;

describe('the quarantine count', () => {
  it('counts what is still held, apart from what was held and applied since', async () => {
    const [a, b] = await consoles(2);
    a!.clock.advance(2 * DAY); // a's clock runs two days ahead
    await a!.call('calls.log', intake({ receivedAt: a!.clock.now() }));
    const ops = await operationsAbove(a!.core.store.reader, {}, 10_000);
    const first = await b!.core.store.applyRemote(ops, b!.clock.now());
    expect(first.quarantined.length).toBeGreaterThan(0);
    const held = first.quarantined.length;
    expect((await databaseCheck(b!.core)).quarantined).toBe(held);
    // Offered again while still ahead: still held, not counted twice.
    await b!.core.store.applyRemote(ops, b!.clock.now());
    expect((await databaseCheck(b!.core)).quarantined).toBe(held);

    b!.clock.advance(2 * DAY); // real time catches up
    const second = await b!.core.store.applyRemote(ops, b!.clock.now());
    expect(second.quarantined).toEqual([]);
    const check = await databaseCheck(b!.core);
    expect(check.quarantined).toBe(0);
    expect(check.quarantineReleased).toBe(held);
    expect(check.quarantineReleasedByReason).toEqual({ clockAhead: held });
    // Offered a third time: known, nothing held again.
    await b!.core.store.applyRemote(ops, b!.clock.now());
    expect((await databaseCheck(b!.core)).quarantined).toBe(0);
    // And b, having applied them, is in step with a.
    await a!.core.store.applyRemote(await operationsAbove(b!.core.store.reader, {}, 10_000), a!.clock.now());
    expect(await stateHash(b!.core.store.reader)).toBe(await stateHash(a!.core.store.reader));
  });

  it('keeps a different operation under a known identity held when the original is offered again', async () => {
    const [a, b] = await consoles(2);
    await a!.call('calls.log', intake());
    const ops = await operationsAbove(a!.core.store.reader, {}, 10_000);
    const original = ops.find((o) => o.entity === 'incident' && o.field === '*')!;
    const twin = { ...original, value: original.value.replace('"priority":1', '"priority":3') };
    await b!.core.store.applyRemote(ops, b!.clock.now());
    await b!.core.store.applyRemote([twin], b!.clock.now());
    await b!.core.store.applyRemote([original], b!.clock.now());
    const check = await databaseCheck(b!.core);
    expect(check.quarantined).toBe(1);
    expect(check.quarantinedByReason).toEqual({ duplicateIdentity: 1 });
  });
});
