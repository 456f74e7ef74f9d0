// Issue #21: sync that can be trusted when clocks lie and folders are copied.
import { afterEach, describe, expect, it } from 'vitest';
import { databaseCheck } from '../../../electron/cli/check';
import { operationsAbove, stateHash, versionVector } from '../../../electron/core/sync/exchange';
import { intake, MINUTE, openTestCore, type TestCore } from '../testCore';

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
    const { incidentId: id } = await a!.call('incidents.log', intake());
    await send(a!, b!);
    a!.clock.advance(2 * DAY); // a's clock runs two days ahead
    await a!.call('incidents.update', { id, changes: { priority: 3, landmark: 'by the mosque' } });
    // As an older Beacon makes them: not saying what they replaced, so merged by clock alone, and held back.
    const ops = (await operationsAbove(a!.core.store.reader, await versionVector(b!.core.store.reader), 10_000))
      .map(({ prev: _prev, ...op }) => op);
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
    await a!.call('incidents.log', intake());
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

/** Everything `to` lacks from `from`. */
async function send(from: TestCore, to: TestCore) {
  await to.core.store.applyRemote(await operationsAbove(from.core.store.reader, await versionVector(to.core.store.reader), 100_000), to.clock.now());
}

describe('fields that change together', () => {
  for (const offset of [-MINUTE, 0, MINUTE]) {
    it(`merge as one: a cancel on one console and a close on another give a coherent record (clock offset ${offset / MINUTE} min)`, async () => {
      const [a, b] = await consoles(2);
      const { incidentId: id } = await a!.call('incidents.log', intake());
      for (const status of ['dispatched', 'on_scene', 'cleared'] as const) {
        a!.clock.advance(MINUTE);
        await a!.call('incidents.setStatus', { id, status, ...(status === 'dispatched' ? { withoutTeam: true, note: 'Sent by radio' } as const : {}) });
      }
      await send(a!, b!);
      await send(b!, a!);
      b!.clock.time = a!.clock.time + offset;
      await a!.call('incidents.setStatus', { id, status: 'cancelled', cancelReason: 'false_alarm' });
      await b!.call('incidents.setStatus', { id, status: 'closed' });
      await send(a!, b!);
      await send(b!, a!);
      const row = (t: TestCore) => t.core.store.reader.get<Record<string, unknown>>(
        'SELECT status, status_at, cleared_at, closed_at, cancelled_at, cancel_reason FROM incidents WHERE id = ?', [id]);
      const [ra, rb] = [await row(a!), await row(b!)];
      expect(ra).toEqual(rb);
      if (ra!.status === 'closed') {
        expect(ra).toMatchObject({ cancelled_at: null, cancel_reason: null });
        expect(ra!.closed_at).toBe(ra!.status_at);
      } else {
        expect(ra).toMatchObject({ status: 'cancelled', closed_at: null, cancel_reason: 'false_alarm' });
        expect(ra!.cancelled_at).toBe(ra!.status_at);
      }
      expect(ra!.cleared_at).not.toBeNull();
      expect(await stateHash(a!.core.store.reader)).toBe(await stateHash(b!.core.store.reader));
    });
  }
});

describe('the clock warning', () => {
  it('is raised by changes stamped more than a minute ahead of this laptop\'s clock, and not by those within it', async () => {
    const [a, b] = await consoles(2);
    expect((await b!.call('sync.health', {})).clock.warn).toBe(false);
    a!.clock.advance(30_000);
    await a!.call('incidents.log', intake({ receivedAt: a!.clock.now() }));
    await send(a!, b!);
    expect((await b!.call('sync.health', {})).clock.warn).toBe(false);
    a!.clock.advance(2 * DAY);
    await a!.call('incidents.log', intake({ receivedAt: a!.clock.now() }));
    await send(a!, b!);
    const { clock } = await b!.call('sync.health', {});
    expect(clock.warn).toBe(true);
    expect(clock.receivedAheadMs).toBeGreaterThan(2 * DAY - MINUTE);
  });
});

describe('a laptop whose clock was wrong', () => {
  it('is not held back, and its stale edits never win over edits made after seeing them', async () => {
    const [a, b] = await consoles(2);
    const { incidentId: id } = await a!.call('incidents.log', intake());
    await send(a!, b!);
    a!.clock.advance(2 * DAY); // two days ahead
    await a!.call('incidents.update', { id, changes: { priority: 3, injured: 5 } });
    const fromA = await b!.core.store.applyRemote(
      await operationsAbove(a!.core.store.reader, await versionVector(b!.core.store.reader), 10_000), b!.clock.now());
    expect(fromA.quarantined).toEqual([]); // accepted, not held for days
    expect((await b!.call('incidents.get', { id })).priority).toBe(3);
    // b, its clock right, edits after seeing a's edit: b's is newer, whatever the clocks.
    b!.clock.advance(MINUTE);
    await b!.call('incidents.update', { id, changes: { priority: 2 } });
    // b's clock followed a's only up to a few minutes: its own stamps stay near real time.
    const newest = (await b!.core.store.reader.get<{ hlc: string }>('SELECT max(hlc) AS hlc FROM operations WHERE origin = ?', [b!.core.store.origin]))!.hlc;
    expect(Number(newest.slice(0, 15))).toBeLessThan(b!.clock.now() + 10 * MINUTE);
    // a's clock is put right; it edits another field, then sees b's.
    a!.clock.time = b!.clock.now();
    await a!.call('incidents.update', { id, changes: { landmark: 'corrected clock' } });
    await send(b!, a!);
    await send(a!, b!);
    for (const t of [a!, b!]) expect(await t.call('incidents.get', { id })).toMatchObject({ priority: 2, injured: 5, landmark: 'corrected clock' });
    expect(await stateHash(a!.core.store.reader)).toBe(await stateHash(b!.core.store.reader));
  });

  it('makes edits that did not see each other a conflict, listed on both consoles whatever the clock difference', async () => {
    const [a, b] = await consoles(2);
    const { incidentId: id } = await a!.call('incidents.log', intake());
    await send(a!, b!);
    a!.clock.advance(2 * DAY);
    await a!.call('incidents.update', { id, changes: { priority: 3 } });
    b!.clock.advance(MINUTE);
    await b!.call('incidents.update', { id, changes: { priority: 2 } });
    await send(a!, b!);
    await send(b!, a!);
    const pa = (await a!.call('incidents.get', { id })).priority;
    expect((await b!.call('incidents.get', { id })).priority).toBe(pa);
    for (const t of [a!, b!]) {
      const { conflicts } = await t.call('sync.conflicts', {});
      const priority = conflicts.filter((c) => c.rowId === id && c.field === 'priority');
      expect(priority).toHaveLength(1);
      expect(priority[0]!.kept.value).toBe(pa);
    }
  });
});
