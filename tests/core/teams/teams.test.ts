import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { shiftAt } from '../../../shared/time/shifts';
import { zonedTimeToEpoch } from '../../../shared/time/zoned';
import { intake, MINUTE, openTestCore, T0, type TestCore } from '../testCore';

let t: TestCore;
afterEach(async () => t?.close());

const HOUR = 60 * MINUTE;

/** Two centres, four teams, two volunteers checked in on each team except the fire team. */
async function setUpTeams(t: TestCore) {
  const latakia = (await t.call('teams.saveCentre', { name: 'Latakia centre', district: 'latakia', covers: [] })).id;
  const jableh = (await t.call('teams.saveCentre', { name: 'Jableh centre', district: 'jableh', covers: [] })).id;
  const team = async (callSign: string, kind: 'search_rescue' | 'ambulance' | 'fire', centreId: string) =>
    (await t.call('teams.save', { callSign, kind, centreId, vehicle: 'Pickup', radioChannel: 'CH-4' })).id;
  const rescue1 = await team('Rescue 1 Latakia', 'search_rescue', latakia);
  const ambulance1 = await team('Ambulance 1 Latakia', 'ambulance', latakia);
  const rescue2 = await team('Rescue 2 Jableh', 'search_rescue', jableh);
  const fire1 = await team('Fire 1 Latakia', 'fire', latakia);
  const crew: Record<string, string[]> = {};
  for (const [teamId, names] of [[rescue1, ['Samer', 'Lina']], [ambulance1, ['Hadi', 'Rima']], [rescue2, ['Fadi', 'Nour']]] as const) {
    crew[teamId] = [];
    for (const name of names) {
      const volunteerId = (await t.call('teams.saveVolunteer', { name, role: 'rescuer', centreId: latakia })).id;
      await t.call('roster.checkIn', { volunteerId, teamId });
      crew[teamId].push(volunteerId);
    }
  }
  return { latakia, jableh, rescue1, ambulance1, rescue2, fire1, crew };
}

const boardStatus = async (t: TestCore, teamId: string) => (await t.call('teams.board', {})).find((b) => b.id === teamId);

describe('the team board', () => {
  it('shows each team with its crew; a team with nobody checked in is off duty', async () => {
    t = await openTestCore();
    const teams = await setUpTeams(t);
    const board = await t.call('teams.board', {});
    expect(board).toHaveLength(4);
    expect(board.find((b) => b.id === teams.rescue1)).toMatchObject({ status: 'available', crew: [{ name: 'Lina' }, { name: 'Samer' }], incident: null, conflict: false, centreName: 'Latakia centre' });
    expect(board.find((b) => b.id === teams.fire1)).toMatchObject({ status: 'off_duty', crew: [] });
    expect(await t.call('teams.board', { kind: 'ambulance' })).toHaveLength(1);
    expect(await t.call('teams.board', { centreId: teams.jableh })).toHaveLength(1);
  });

  it('sends a team off duty when its last member checks out', async () => {
    t = await openTestCore();
    const teams = await setUpTeams(t);
    const members = (await boardStatus(t, teams.rescue2))!.crew;
    await t.call('roster.checkOut', { entryId: members[0]!.entryId });
    expect((await boardStatus(t, teams.rescue2))?.status).toBe('available');
    await t.call('roster.checkOut', { entryId: members[1]!.entryId });
    expect((await boardStatus(t, teams.rescue2))?.status).toBe('off_duty');
    expect(await t.core.invoke(t.session, 'roster.checkOut', { entryId: members[1]!.entryId })).toEqual({ ok: false, error: { code: 'error.alreadyCheckedOut' } });
  });
});

describe('dispatch', () => {
  it('suggests available crewed teams that fit the incident type, those covering the district first', async () => {
    t = await openTestCore();
    const teams = await setUpTeams(t);
    const { incidentId } = await t.call('incidents.log', intake({ type: 'building_collapse', location: { district: 'latakia' } }));
    const suggestions = await t.call('dispatch.suggest', { incidentId });
    expect(suggestions.map((s) => s.callSign)).toEqual(['Rescue 1 Latakia', 'Ambulance 1 Latakia', 'Rescue 2 Jableh']);
    expect(suggestions[0]).toMatchObject({ fitsType: true, coversDistrict: true, crewCount: 2 });
    expect(suggestions[2]).toMatchObject({ fitsType: true, coversDistrict: false });
    expect(suggestions.some((s) => s.teamId === teams.fire1)).toBe(false); // nobody checked in
  });

  it('moves team and incident together: first on scene puts it on scene, the last to clear clears it', async () => {
    t = await openTestCore();
    const teams = await setUpTeams(t);
    const { incidentId } = await t.call('incidents.log', intake());
    t.clock.advance(3 * MINUTE);
    let detail = await t.call('dispatch.send', { incidentId, teamIds: [teams.rescue1, teams.ambulance1] });
    expect(detail).toMatchObject({ status: 'dispatched', dispatchedAt: T0 + 3 * MINUTE });
    expect(detail.assignments.map((a) => a.callSign)).toEqual(['Rescue 1 Latakia', 'Ambulance 1 Latakia']);
    expect(await boardStatus(t, teams.rescue1)).toMatchObject({ status: 'dispatched', incident: { id: incidentId } });
    const [rescue, ambulance] = detail.assignments;

    t.clock.advance(2 * MINUTE);
    await t.call('dispatch.advance', { assignmentId: rescue!.id, step: 'en_route' });
    expect((await boardStatus(t, teams.rescue1))?.status).toBe('en_route');
    t.clock.advance(10 * MINUTE);
    detail = await t.call('dispatch.advance', { assignmentId: rescue!.id, step: 'on_scene' });
    expect(detail).toMatchObject({ status: 'on_scene', onSceneAt: T0 + 15 * MINUTE });
    // The ambulance is set on scene from the board, with one keystroke.
    t.clock.advance(5 * MINUTE);
    await t.call('teams.setStatus', { teamId: teams.ambulance1, status: 'on_scene' });
    t.clock.advance(40 * MINUTE);
    detail = await t.call('dispatch.advance', { assignmentId: rescue!.id, step: 'cleared' });
    expect(detail.status).toBe('on_scene');
    expect((await boardStatus(t, teams.rescue1))?.status).toBe('returning');
    t.clock.advance(5 * MINUTE);
    detail = await t.call('dispatch.advance', { assignmentId: ambulance!.id, step: 'cleared' });
    expect(detail).toMatchObject({ status: 'cleared', clearedAt: T0 + 65 * MINUTE });
    expect(detail.responseTimes).toEqual({ callToDispatchSec: 180, dispatchToSceneSec: 720, sceneToClearedSec: 50 * 60 });
    expect(detail.assignments[0]).toMatchObject({ toSceneSec: 720, onSceneSec: 45 * 60 });
    expect(detail.assignments[1]).toMatchObject({ enRouteAt: null, toSceneSec: 17 * 60 });
    const steps = detail.timeline.filter((e) => e.kind === 'assignment').map((e) => `${e.assignment?.callSign}:${e.assignment?.step}`);
    expect(steps).toEqual([
      'Rescue 1 Latakia:dispatched', 'Ambulance 1 Latakia:dispatched', 'Rescue 1 Latakia:en_route', 'Rescue 1 Latakia:on_scene',
      'Ambulance 1 Latakia:on_scene', 'Rescue 1 Latakia:cleared', 'Ambulance 1 Latakia:cleared',
    ]);
    await t.call('incidents.setStatus', { id: incidentId, status: 'closed' });
  });

  it('asks before sending a committed team, then records the reassignment on both incidents', async () => {
    t = await openTestCore();
    const teams = await setUpTeams(t);
    const first = await t.call('incidents.log', intake({ priority: 2, location: { district: 'latakia', locality: 'الزراعة' } }));
    await t.call('dispatch.send', { incidentId: first.incidentId, teamIds: [teams.rescue1] });
    const second = await t.call('incidents.log', intake({ priority: 1, location: { district: 'latakia', locality: 'الصليبة' } }));
    t.clock.advance(MINUTE);

    const asked = await t.core.invoke(t.session, 'dispatch.send', { incidentId: second.incidentId, teamIds: [teams.rescue1] });
    expect(asked).toEqual({ ok: false, error: { code: 'error.teamCommitted', params: { teams: `Rescue 1 Latakia (${first.number})` } } });
    expect((await t.call('incidents.get', { id: second.incidentId })).assignments).toEqual([]);

    const sent = await t.call('dispatch.send', { incidentId: second.incidentId, teamIds: [teams.rescue1], confirmReassign: true });
    expect(sent.timeline.find((e) => e.kind === 'assignment')?.assignment).toEqual({ callSign: 'Rescue 1 Latakia', step: 'dispatched', otherIncident: first.number });
    const left = await t.call('incidents.get', { id: first.incidentId });
    expect(left.assignments[0]).toMatchObject({ endedReason: 'reassigned', clearedAt: T0 + MINUTE });
    expect(left.timeline.at(-1)?.assignment).toEqual({ callSign: 'Rescue 1 Latakia', step: 'reassigned', otherIncident: second.number });
    expect(await boardStatus(t, teams.rescue1)).toMatchObject({ status: 'dispatched', incident: { id: second.incidentId }, conflict: false });
  });

  it('lists and marks a team that two offline consoles sent to two incidents', async () => {
    t = await openTestCore();
    const teams = await setUpTeams(t);
    const a = await t.call('incidents.log', intake({ location: { district: 'latakia', locality: 'A' } }));
    const b = await t.call('incidents.log', intake({ location: { district: 'jableh', locality: 'B' } }));
    // What a merge of two consoles' operations produces: both assignments active at once.
    await t.core.store.write(null, ({ record }) => record([a, b].map((incident, i) => ({
      entity: 'assignment' as const, rowId: randomUUID(),
      create: { incidentId: incident.incidentId, teamId: teams.rescue1, dispatchedAt: T0 + i * MINUTE, operator: 'other-console' },
    }))));
    expect(await t.call('teams.conflicts', {})).toEqual([{
      teamId: teams.rescue1, callSign: 'Rescue 1 Latakia',
      incidents: [a, b].map((x) => expect.objectContaining({ id: x.incidentId, number: x.number })),
    }]);
    expect((await boardStatus(t, teams.rescue1))?.conflict).toBe(true);
  });

  it('releases the teams of an incident that is cancelled', async () => {
    t = await openTestCore();
    const teams = await setUpTeams(t);
    const { incidentId } = await t.call('incidents.log', intake());
    await t.call('dispatch.send', { incidentId, teamIds: [teams.rescue1] });
    const cancelled = await t.call('incidents.setStatus', { id: incidentId, status: 'cancelled', cancelReason: 'false_alarm' });
    expect(cancelled.assignments[0]).toMatchObject({ endedReason: 'cancelled' });
    expect(await boardStatus(t, teams.rescue1)).toMatchObject({ status: 'returning', incident: null });
  });
});

describe('response times', () => {
  it('are real elapsed time across midnight and a daylight-saving change', async () => {
    t = await openTestCore();
    const teams = await setUpTeams(t);
    // Berlin springs forward at 02:00 on 29 March 2026: 01:50 to 03:05 on the wall is 15 minutes.
    const receivedAt = Date.UTC(2026, 2, 29, 0, 50);
    t.clock.time = receivedAt;
    const { incidentId } = await t.call('incidents.log', intake({ receivedAt }));
    t.clock.time = Date.UTC(2026, 2, 29, 1, 5);
    const sent = await t.call('dispatch.send', { incidentId, teamIds: [teams.rescue1] });
    t.clock.time = Date.UTC(2026, 2, 29, 1, 35);
    const done = await t.call('dispatch.advance', { assignmentId: sent.assignments[0]!.id, step: 'on_scene' });
    expect(done.responseTimes).toMatchObject({ callToDispatchSec: 15 * 60, dispatchToSceneSec: 30 * 60 });
    // Across local midnight in Damascus: 23:55 to 00:10 is 15 minutes.
    const late = await t.call('incidents.log', intake({ receivedAt: Date.UTC(2026, 10, 24, 20, 55), location: { district: 'jableh' } }));
    t.clock.time = Date.UTC(2026, 10, 24, 21, 10);
    const next = await t.call('dispatch.send', { incidentId: late.incidentId, teamIds: [teams.rescue2] });
    expect(next.responseTimes.callToDispatchSec).toBe(15 * 60);
    expect(late.number).toBe('LTK-261124-A001'); // 23:55 in Damascus is still the 24th
  });
});

describe('the roster', () => {
  it('counts hours and shifts per volunteer across midnight and a shift change', async () => {
    t = await openTestCore();
    const teams = await setUpTeams(t);
    const samer = teams.crew[teams.rescue1]![0]!;
    const entry = (await t.call('roster.current', {})).entries.find((e) => e.volunteerId === samer)!;
    await t.call('roster.checkOut', { entryId: entry.entryId });
    // 19:00 on the 24th to 02:00 on the 25th, Damascus time: 7 hours over the day and the night shift.
    t.clock.time = zonedTimeToEpoch({ year: 2026, month: 11, day: 24, hour: 19 }, 'Asia/Damascus');
    const { entryId } = await t.call('roster.checkIn', { volunteerId: samer, teamId: teams.rescue2 });
    t.clock.time = zonedTimeToEpoch({ year: 2026, month: 11, day: 25, hour: 2 }, 'Asia/Damascus');
    await t.call('roster.checkOut', { entryId });
    const rows = await t.call('roster.attendance', { from: T0 + HOUR, to: t.clock.time + HOUR, volunteerId: samer });
    expect(rows).toEqual([{ volunteerId: samer, name: 'Samer', shifts: 2, hours: 7 }]);
    const night = await t.call('roster.current', { at: zonedTimeToEpoch({ year: 2026, month: 11, day: 25, hour: 1 }, 'Asia/Damascus') });
    expect(night.shift.start).toBe(zonedTimeToEpoch({ year: 2026, month: 11, day: 24, hour: 20 }, 'Asia/Damascus'));
    expect(night.entries.map((e) => e.name)).toContain('Samer');
  });

  it('starts a shift from the previous roster in one action, and adds a walk-up volunteer on the spot', async () => {
    t = await openTestCore();
    const teams = await setUpTeams(t);
    // End of the day shift: everyone checks out at 20:00.
    t.clock.time = zonedTimeToEpoch({ year: 2026, month: 11, day: 24, hour: 20 }, 'Asia/Damascus');
    for (const e of (await t.call('roster.current', { at: T0 })).entries) await t.call('roster.checkOut', { entryId: e.entryId });
    t.clock.advance(10 * MINUTE);
    expect((await t.call('roster.current', {})).entries).toEqual([]);
    expect(await t.call('roster.copyPrevious', {})).toEqual({ count: 6 });
    expect((await boardStatus(t, teams.rescue1))?.crew.map((c) => c.name)).toEqual(['Lina', 'Samer']);
    await t.call('roster.walkUp', { name: 'Omar', role: 'driver', teamId: teams.fire1 });
    expect(await boardStatus(t, teams.fire1)).toMatchObject({ status: 'available', crew: [{ name: 'Omar', role: 'driver' }] });
    expect(await t.call('roster.copyPrevious', {})).toEqual({ count: 0 });
  });
});

describe('shifts', () => {
  it('follow the local clock through a daylight-saving change', () => {
    // Berlin springs forward at 02:00 on 29 March 2026: that night shift lasts 11 hours.
    const night = shiftAt(Date.UTC(2026, 2, 29, 1, 0), ['08:00', '20:00'], 'Europe/Berlin');
    expect(night.start).toBe(Date.UTC(2026, 2, 28, 19, 0));
    expect(night.end).toBe(Date.UTC(2026, 2, 29, 6, 0));
    expect((night.end - night.start) / HOUR).toBe(11);
    const threeShifts = shiftAt(Date.UTC(2026, 10, 24, 12, 0), ['06:00', '14:00', '22:00'], 'Asia/Damascus');
    expect(threeShifts).toMatchObject({ start: Date.UTC(2026, 10, 24, 11, 0), end: Date.UTC(2026, 10, 24, 19, 0), index: 1 });
  });
});
