// What last-writer-wins set aside, as a supervisor sees it: two consoles, apart, change the
// same incident's priority minutes apart; once merged by bundles both consoles list the same
// conflict with both values, who, which console, when, and which was kept.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle, importBundle } from '../../../electron/core/sync/bundles';
import { fieldConflicts } from '../../../electron/core/sync/conflicts';
import { operationsAbove, versionVector } from '../../../electron/core/sync/exchange';
import { cleanedAfterEach, consolesOfOnePost, intake, MINUTE, openTestCore, T0, type TestCore, scanWatcher } from '../testCore';

const { cores: open } = cleanedAfterEach();

const post = () => consolesOfOnePost(open);

/** One exchange by USB stick, both ways. */
async function merge(a: TestCore, b: TestCore) {
  const ab = join(a.dir, `ab-${Date.now()}.bundle`);
  await exportBundle(a.core.context, ab, { theirs: await versionVector(b.core.store.reader) });
  await importBundle(b.core.context, ab);
  const ba = join(b.dir, `ba-${Date.now()}.bundle`);
  await exportBundle(b.core.context, ba, { theirs: await versionVector(a.core.store.reader) });
  await importBundle(a.core.context, ba);
}

describe('sync conflicts', () => {
  it('show a field two consoles changed minutes apart: both values, who, which console, when, and the one kept', async () => {
    const { a, b } = await post();
    const { incidentId } = await a.call('incidents.log', intake({ priority: 1 }));
    await merge(a, b);
    // B's duty officer, apart from A, signs in on B and changes the same field three minutes later.
    a.clock.advance(MINUTE);
    b.clock.advance(4 * MINUTE);
    await a.call('incidents.update', { id: incidentId, changes: { priority: 2 } });
    // Made by B's administrator, so A accepts the account too (an account made by no one is refused, issue #18).
    const samer = await b.call('operators.create', { name: 'Samer Duty', pin: '1357', role: 'supervisor', language: 'en' });
    b.session = { operatorId: samer.id };
    await b.call('incidents.update', { id: incidentId, changes: { priority: 3 } });
    expect(await a.call('sync.conflicts', {})).toEqual({ conflicts: [], next: null });
    await merge(a, b);

    for (const t of [a, b]) {
      expect((await t.call('incidents.get', { id: incidentId })).priority).toBe(3);
      const { conflicts, next } = await t.call('sync.conflicts', { from: T0 });
      expect(next).toBeNull();
      expect(conflicts).toEqual([{
        entity: 'incident', rowId: incidentId, label: 'LTK-261124-A001', field: 'priority',
        overridden: expect.objectContaining({ value: 2, at: T0 + MINUTE, origin: a.core.store.origin, operatorName: 'Rania Haddad' }),
        kept: expect.objectContaining({ value: 3, at: T0 + 4 * MINUTE, origin: b.core.store.origin, operatorName: 'Samer Duty' }),
      }]);
    }
    // Neither saw the other: a conflict however far apart their clocks (issue #21); the window
    // only applies to older operations, which do not say what they replaced.
    expect((await a.call('sync.conflicts', { from: T0, withinMinutes: 2 })).conflicts).toHaveLength(1);
    // Outside the period asked for: not listed.
    expect((await a.call('sync.conflicts', { from: T0 + 2 * MINUTE })).conflicts).toEqual([]);
  });

  it('skip a console re-editing its own change and two consoles agreeing, and page newest first', async () => {
    const { a, b } = await post();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await a.call('incidents.log', intake({ priority: 1 }))).incidentId);
    await merge(a, b);
    for (const [n, id] of ids.entries()) {
      a.clock.advance(MINUTE);
      b.clock.advance(MINUTE);
      await a.call('incidents.update', { id, changes: { priority: 2 } });
      await a.call('incidents.update', { id, changes: { priority: 3 } });
      b.clock.advance(30_000);
      // The last incident: both consoles set the same value, nothing was lost.
      await b.call('incidents.update', { id, changes: { priority: n === 2 ? 3 : 2 } });
    }
    await merge(a, b);
    const whole = (await a.call('sync.conflicts', { from: T0 })).conflicts;
    expect(whole.map((c) => [c.rowId, c.overridden.value, c.kept.value])).toEqual([[ids[1], 3, 2], [ids[0], 3, 2]]);
    const first = await a.call('sync.conflicts', { from: T0, limit: 1 });
    expect(first.conflicts.map((c) => c.rowId)).toEqual([ids[1]]);
    const second = await a.call('sync.conflicts', { from: T0, limit: 1, before: first.next! });
    expect(second.conflicts.map((c) => c.rowId)).toEqual([ids[0]]);
    expect(second.next).toBeNull();

    // Read through indexes only: the time range by primary key per origin, each next edit by operations_row_field.
    const reader = a.core.store.reader;
    const { db: explaining, scans } = scanWatcher(reader);
    await fieldConflicts(explaining, { from: T0, limit: 1, before: first.next! });
    expect(scans).toEqual([]);
  });

  it('show, of older edits that do not say what they replaced, one another console changed within the window', async () => {
    const { a, b } = await post();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await a.call('incidents.log', intake({ priority: 1 }))).incidentId);
    await merge(a, b);
    a.clock.advance(MINUTE);
    for (const id of ids) await a.call('incidents.update', { id, changes: { priority: 2 } });
    a.clock.advance(MINUTE);
    await a.call('incidents.update', { id: ids[0]!, changes: { priority: 3 } }); // A re-editing its own change
    b.clock.advance(6 * MINUTE);
    await b.call('incidents.update', { id: ids[0]!, changes: { priority: 1 } }); // 4 minutes after A's last
    await b.call('incidents.update', { id: ids[1]!, changes: { priority: 2 } }); // the value A set
    b.clock.advance(30 * MINUTE);
    await b.call('incidents.update', { id: ids[2]!, changes: { priority: 3 } }); // 35 minutes after A's
    // A third console holds both as a version before #21 wrote them: no edit names what it replaced.
    const c = await openTestCore({ letter: 'C' });
    open.push(c);
    const older = [...await operationsAbove(a.core.store.reader, {}, 10_000), ...await operationsAbove(b.core.store.reader, {}, 10_000)]
      .map(({ prev: _, ...op }) => op);
    c.clock.advance(60 * MINUTE);
    expect((await c.core.store.applyRemote(older, c.clock.now())).quarantined).toEqual([]);

    const listed = async (withinMinutes?: number) => (await fieldConflicts(c.core.store.reader, { from: T0, ...(withinMinutes ? { withinMinutes } : {}) })).conflicts
      .map((x) => [ids.indexOf(x.rowId), x.overridden.value, x.overridden.at, x.kept.value, x.kept.at, x.kept.origin === b.core.store.origin]);
    expect(await listed()).toEqual([[0, 3, T0 + 2 * MINUTE, 1, T0 + 6 * MINUTE, true]]);
    // A wider window takes in the edit 35 minutes later too; newest first by the overridden edit.
    expect(await listed(40)).toEqual([[0, 3, T0 + 2 * MINUTE, 1, T0 + 6 * MINUTE, true], [2, 2, T0 + MINUTE, 3, T0 + 36 * MINUTE, true]]);
    // A page of one, then the next from its cursor.
    const first = await fieldConflicts(c.core.store.reader, { from: T0, withinMinutes: 40, limit: 1 });
    expect(first.conflicts.map((x) => ids.indexOf(x.rowId))).toEqual([0]);
    const second = await fieldConflicts(c.core.store.reader, { from: T0, withinMinutes: 40, limit: 1, before: first.next! });
    expect(second.conflicts.map((x) => ids.indexOf(x.rowId))).toEqual([2]);
    expect(second.next).toBeNull();
  });

  it('list a team sent to two incidents by two consoles apart, beside the field conflicts', async () => {
    const { a, b } = await post();
    const centreId = (await a.call('teams.saveCentre', { name: 'Latakia centre', district: 'latakia', covers: [] })).id;
    const teamId = (await a.call('teams.save', { callSign: 'Rescue 1', kind: 'search_rescue', centreId })).id;
    const volunteerId = (await a.call('teams.saveVolunteer', { name: 'Samer', role: 'rescuer', centreId })).id;
    await a.call('roster.checkIn', { volunteerId, teamId });
    const one = (await a.call('incidents.log', intake())).incidentId;
    const two = (await a.call('incidents.log', intake({ location: { district: 'jableh' } }))).incidentId;
    await merge(a, b);
    await a.call('dispatch.send', { incidentId: one, teamIds: [teamId] });
    await b.call('dispatch.send', { incidentId: two, teamIds: [teamId] });
    await merge(a, b);
    const conflicts = await a.call('teams.conflicts', {});
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.incidents.map((i) => i.id).sort()).toEqual([one, two].sort());
    expect(await b.call('teams.conflicts', {})).toEqual(conflicts);
  });
});
