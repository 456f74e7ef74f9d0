import { afterEach, describe, expect, it } from 'vitest';
import { INCIDENT_STATUSES, NEXT_STATUS } from '../../../shared/domain';
import { intake, MINUTE, openTestCore, T0, type TestCore } from '../testCore';

let t: TestCore;
afterEach(async () => t?.close());

describe('the status machine', () => {
  it('moves received → dispatched → on scene → cleared → closed, stamping each step with time and operator', async () => {
    t = await openTestCore();
    const { incidentId: id } = await t.call('incidents.log', intake());
    const steps = ['dispatched', 'on_scene', 'cleared', 'closed'] as const;
    for (const [i, status] of steps.entries()) {
      t.clock.advance(10 * MINUTE);
      const detail = await t.call('incidents.setStatus', { id, status, ...(status === 'dispatched' ? { withoutTeam: true, note: 'Sent by radio' } as const : {}) });
      expect(detail.status).toBe(status);
      expect(detail.timeline.findLast((e) => e.kind === 'status')).toMatchObject({ kind: 'status', status, at: T0 + (i + 1) * 10 * MINUTE, operatorName: 'Rania Haddad' });
    }
    const done = await t.call('incidents.get', { id });
    expect([done.dispatchedAt, done.onSceneAt, done.clearedAt, done.closedAt]).toEqual([1, 2, 3, 4].map((k) => T0 + k * 10 * MINUTE));
    expect((await t.call('incidents.queue', { queue: 'closure' })).counts).toEqual({ waiting: 0, active: 0, closure: 0 });
  });

  it('allows only the next step or a cancellation, and nothing once closed or cancelled', async () => {
    t = await openTestCore();
    for (const from of INCIDENT_STATUSES) {
      for (const to of INCIDENT_STATUSES) {
        const { incidentId: id } = await t.call('incidents.log', intake({ location: { district: 'latakia', locality: `${from}-${to}` } }));
        // Walk the incident to `from` the legal way.
        const path = { received: [], dispatched: ['dispatched'], on_scene: ['dispatched', 'on_scene'], cleared: ['dispatched', 'on_scene', 'cleared'], closed: ['dispatched', 'on_scene', 'cleared', 'closed'], cancelled: ['cancelled'] } as const;
        for (const step of path[from]) await t.call('incidents.setStatus', { id, status: step, cancelReason: 'duplicate', ...(step === 'dispatched' ? { withoutTeam: true, note: 'Sent by radio' } as const : {}) });
        const before = await t.call('incidents.get', { id });
        const result = await t.core.invoke(t.session, 'incidents.setStatus', { id, status: to, cancelReason: 'other', withoutTeam: true, note: 'Sent by radio' });
        const allowed = NEXT_STATUS[from].includes(to);
        expect(result.ok, `${from} → ${to}`).toBe(allowed);
        if (!result.ok) {
          expect(result.error.code).toBe(from === 'closed' || from === 'cancelled' ? 'error.incidentClosed' : 'error.statusTransition');
          expect(await t.call('incidents.get', { id })).toEqual(before);
        }
      }
    }
  });

  it('reaches "dispatched" by hand only as a move without a listed team that says who was sent', async () => {
    t = await openTestCore();
    const { incidentId: id } = await t.call('incidents.log', intake());
    const before = await t.call('incidents.get', { id });
    for (const input of [{ id, status: 'dispatched' }, { id, status: 'dispatched', note: 'Civil police' }, { id, status: 'dispatched', withoutTeam: true }, { id, status: 'dispatched', withoutTeam: true, note: '   ' }] as const) {
      const refused = await t.core.invoke(t.session, 'incidents.setStatus', input);
      expect(refused, JSON.stringify(input)).toEqual({ ok: false, error: { code: 'error.invalidInput', fields: { note: 'keys.withoutTeamRequired' } } });
    }
    expect(await t.call('incidents.get', { id })).toEqual(before);
    const done = await t.call('incidents.setStatus', { id, status: 'dispatched', withoutTeam: true, note: 'Dispatched without a listed team: civil police patrol' });
    expect(done).toMatchObject({ status: 'dispatched', dispatchedAt: T0, assignments: [] });
    expect(done.timeline.slice(-2)).toMatchObject([
      { kind: 'status', status: 'dispatched' }, { kind: 'note', text: 'Dispatched without a listed team: civil police patrol' },
    ]);
  });

  it('cancels only with a reason, from any open state', async () => {
    t = await openTestCore();
    const { incidentId: id } = await t.call('incidents.log', intake());
    await t.call('incidents.setStatus', { id, status: 'dispatched', withoutTeam: true, note: 'Sent by radio' });
    const refused = await t.core.invoke(t.session, 'incidents.setStatus', { id, status: 'cancelled' });
    expect(refused).toEqual({ ok: false, error: { code: 'error.invalidInput', fields: { cancelReason: 'error.cancelReasonRequired' } } });
    const done = await t.call('incidents.setStatus', { id, status: 'cancelled', cancelReason: 'handled_by_others', note: 'Red Crescent already on scene' });
    expect(done).toMatchObject({ status: 'cancelled', cancelReason: 'handled_by_others', cancelledAt: T0 });
    // (The dispatch's own note shares the instant, so the two are picked out, not taken last.)
    expect(done.timeline.filter((e) => e.status === 'cancelled' || e.text === 'Red Crescent already on scene')).toMatchObject([
      { kind: 'status', status: 'cancelled', cancelReason: 'handled_by_others', operatorName: 'Rania Haddad' },
      { kind: 'note', text: 'Red Crescent already on scene' },
    ]);
  });
});

describe('editing an incident', () => {
  it('changes only the fields given, one operation each', async () => {
    t = await openTestCore();
    const { incidentId: id } = await t.call('incidents.log', intake());
    const opsBefore = await t.core.store.reader.get<{ n: number }>('SELECT count(*) AS n FROM operations');
    const detail = await t.call('incidents.update', { id, changes: { priority: 2, landmark: 'next to the mosque', lat: 35.5, lon: 35.8 } });
    expect(detail).toMatchObject({ priority: 2, landmark: 'next to the mosque', lat: 35.5, lon: 35.8, type: 'building_collapse' });
    const opsAfter = await t.core.store.reader.all<{ field: string }>('SELECT field FROM operations ORDER BY seq LIMIT -1 OFFSET ?', [opsBefore?.n ?? 0]);
    expect(opsAfter.map((o) => o.field).sort()).toEqual(['landmark', 'lat', 'lon', 'priority']);
  });

  it('refuses a sub-district of another district', async () => {
    t = await openTestCore();
    const { incidentId: id } = await t.call('incidents.log', intake());
    const result = await t.core.invoke(t.session, 'incidents.update', { id, changes: { district: 'jableh', subdistrict: 'latakia-center' } });
    expect(result.ok).toBe(false);
    expect((await t.call('incidents.get', { id })).district).toBe('latakia');
  });
});

describe('the timeline', () => {
  it('keeps a struck note, with who struck it, when and why', async () => {
    t = await openTestCore();
    const { incidentId } = await t.call('incidents.log', intake());
    const withNote = await t.call('timeline.addNote', { incidentId, text: 'Caller says gas smell near the stairs' });
    const note = withNote.timeline.find((e) => e.kind === 'note');
    expect(note).toMatchObject({ text: 'Caller says gas smell near the stairs', struck: null });
    t.clock.advance(MINUTE);
    const struck = await t.call('timeline.strike', { entryId: note!.id, reason: 'wrong incident' });
    expect(struck.timeline.find((e) => e.id === note!.id)).toMatchObject({
      text: 'Caller says gas smell near the stairs', struck: { reason: 'wrong incident', at: T0 + MINUTE, operatorName: 'Rania Haddad' },
    });
    const again = await t.core.invoke(t.session, 'timeline.strike', { entryId: note!.id, reason: 'twice' });
    expect(again).toEqual({ ok: false, error: { code: 'error.noteAlreadyStruck' } });
    const status = struck.timeline.find((e) => e.kind === 'status');
    // A status move is not a note: it cannot be struck.
    expect((await t.core.invoke(t.session, 'timeline.strike', { entryId: status!.id, reason: 'x' })).ok).toBe(false);
    expect(await t.core.invoke(t.session, 'timeline.strike', { entryId: '00000000-0000-4000-8000-000000000000', reason: 'x' }))
      .toEqual({ ok: false, error: { code: 'error.noteNotFound' } });
  });
});

describe('the printed priority-1 chronology', () => {
  it('keeps a struck note, marked as struck with who struck it and why', async () => {
    t = await openTestCore();
    const { incidentId } = await t.call('incidents.log', intake({ priority: 1 }));
    t.clock.advance(MINUTE);
    const withNote = await t.call('timeline.addNote', { incidentId, text: 'Gas smell near the stairs' });
    const noteId = withNote.timeline.find((e) => e.kind === 'note')!.id;
    t.clock.advance(MINUTE);
    await t.call('timeline.strike', { entryId: noteId, reason: 'wrong incident' });
    await t.call('timeline.addNote', { incidentId, text: 'Second building checked' });
    t.clock.advance(MINUTE);
    const summary = await t.call('summary.get', { period: { shift: T0 } });
    const notes = summary.priorityOne[0]!.timeline.filter((e) => e.kind === 'note');
    expect(notes).toMatchObject([
      { text: 'Gas smell near the stairs', struck: { reason: 'wrong incident', operatorName: 'Rania Haddad' } },
      { text: 'Second building checked', struck: null },
    ]);
  });
});
