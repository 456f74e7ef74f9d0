// Every number of the handover summary, checked against a computation written here from the
// rows themselves: a night shift across midnight, the running shift with incidents still open
// from earlier shifts, and an empty shift.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIncidents } from '../../../electron/core/demo/seed';
import { intake, openTestCore, type TestCore } from '../testCore';

const HOUR = 3_600_000;
/** 24 November 2026, 10:00 in Damascus (UTC+3): two hours into the day shift. */
const NOW = Date.UTC(2026, 10, 24, 7, 0, 0);
const NIGHT = { start: Date.UTC(2026, 10, 23, 17, 0, 0), end: Date.UTC(2026, 10, 24, 5, 0, 0) }; // 20:00 → 08:00 local

interface Row {
  id: string; number: string; type: string; priority: number; received_at: number; dispatched_at: number | null; on_scene_at: number | null;
  cleared_at: number | null; closed_at: number | null; cancelled_at: number | null; cancel_reason: string | null; status: string;
  trapped: number; injured: number; dead: number;
}

function quantile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * ((s[lo + 1] ?? s[lo]!) - s[lo]!);
}

let t: TestCore;
let rows: Row[];

beforeAll(async () => {
  t = await openTestCore();
  t.clock.time = NOW;
  const operator = (await t.call('session.current', {}))!;
  await seedIncidents(t.core.context, operator.id, { count: 700, days: 4, seed: 21 });
  rows = await t.core.store.reader.all<Row>('SELECT * FROM incidents');
});
afterAll(async () => t?.close());

const counted = (r: Row, start: number, end: number) => r.received_at >= start && r.received_at < end && r.cancel_reason !== 'duplicate';
const openAt = (r: Row, at: number) => r.received_at < at && r.cancel_reason !== 'duplicate'
  && !(r.closed_at !== null && r.closed_at < at) && !(r.cancelled_at !== null && r.cancelled_at < at);

function countBy<K extends string | number>(list: Row[], key: (r: Row) => K): Map<K, number> {
  const m = new Map<K, number>();
  for (const r of list) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return m;
}

describe('shift summary', () => {
  it('a night shift across midnight: counts, response times, casualties, outcomes and the handover list as it ended', async () => {
    const s = await t.call('summary.get', { period: { shift: NIGHT.start + 5 * HOUR } });
    expect([s.start, s.end, s.kind]).toEqual([NIGHT.start, NIGHT.end, 'shift']);
    const mine = rows.filter((r) => counted(r, NIGHT.start, NIGHT.end));
    expect(mine.length).toBeGreaterThan(30);
    expect(s.incidents).toBe(mine.length);
    expect(new Map(s.byType.map((x) => [x.type, x.count]))).toEqual(countBy(mine, (r) => r.type));
    expect(new Map(s.byPriority.map((x) => [x.priority, x.count]))).toEqual(countBy(mine, (r) => r.priority));
    const calls = await t.core.store.reader.all<{ received_at: number; incident_id: string }>('SELECT received_at, incident_id FROM calls');
    const duplicates = new Set(rows.filter((r) => r.cancel_reason === 'duplicate').map((r) => r.id));
    expect(s.calls).toBe(calls.filter((c) => c.received_at >= NIGHT.start && c.received_at < NIGHT.end && !duplicates.has(c.incident_id)).length);

    const dispatch = mine.filter((r) => r.dispatched_at !== null).map((r) => (r.dispatched_at! - r.received_at) / 1000);
    const scene = mine.filter((r) => r.dispatched_at !== null && r.on_scene_at !== null).map((r) => (r.on_scene_at! - r.dispatched_at!) / 1000);
    expect(s.responseTimes.current.dispatchMedianSec).toBeCloseTo(quantile(dispatch, 0.5)!, 2);
    expect(s.responseTimes.current.dispatchP90Sec).toBeCloseTo(quantile(dispatch, 0.9)!, 2);
    expect(s.responseTimes.current.sceneMedianSec).toBeCloseTo(quantile(scene, 0.5)!, 2);
    expect(s.responseTimes.current.sceneP90Sec).toBeCloseTo(quantile(scene, 0.9)!, 2);
    // The shift before (08:00–20:00 on the 23rd) and the seven days to the shift's end.
    expect(s.responseTimes.previous.incidents).toBe(rows.filter((r) => counted(r, NIGHT.start - 12 * HOUR, NIGHT.start)).length);
    expect(s.responseTimes.last7Days.incidents).toBe(rows.filter((r) => counted(r, NIGHT.end - 7 * 24 * HOUR, NIGHT.end)).length);

    expect(s.casualties).toEqual({
      trapped: mine.reduce((n, r) => n + r.trapped, 0), injured: mine.reduce((n, r) => n + r.injured, 0), dead: mine.reduce((n, r) => n + r.dead, 0),
    });
    const closed = mine.filter((r) => r.closed_at !== null && r.closed_at < NIGHT.end).length;
    const cancelled = mine.filter((r) => r.cancelled_at !== null && r.cancelled_at < NIGHT.end).length;
    expect(s.outcomes).toMatchObject({ closed, cancelled, open: mine.length - closed - cancelled });

    // The handover list: open when the shift ended, whenever received; some have since closed.
    const open = rows.filter((r) => openAt(r, NIGHT.end));
    expect(s.openIncidents.map((o) => o.number).sort()).toEqual(open.map((r) => r.number).sort());
    expect(open.some((r) => r.closed_at !== null)).toBe(true);
    for (const o of s.openIncidents) {
      const r = rows.find((x) => x.number === o.number)!;
      const expectedStatus = r.cleared_at !== null && r.cleared_at < NIGHT.end ? 'cleared' : r.on_scene_at !== null && r.on_scene_at < NIGHT.end ? 'on_scene'
        : r.dispatched_at !== null && r.dispatched_at < NIGHT.end ? 'dispatched' : 'received';
      expect(o.status, o.number).toBe(expectedStatus);
    }
    // Priority-1 incidents of the shift, each with its timeline up to the shift's end.
    expect(s.priorityOne.map((p) => p.number).sort()).toEqual(mine.filter((r) => r.priority === 1).map((r) => r.number).sort());
    for (const p of s.priorityOne) {
      expect(p.timeline.every((e) => e.at < NIGHT.end)).toBe(true);
      expect(p.timeline[0]?.kind === 'status' || p.timeline[0]?.kind === 'call').toBe(true);
    }
    // Hours committed per team, clipped to the shift.
    const assignments = await t.core.store.reader.all<{ call_sign: string; dispatched_at: number; cleared_at: number | null }>(
      'SELECT t.call_sign, a.dispatched_at, a.cleared_at FROM assignments a JOIN teams t ON t.id = a.team_id');
    const hours = new Map<string, number>();
    for (const a of assignments) {
      const ms = Math.min(a.cleared_at ?? NIGHT.end, NIGHT.end) - Math.max(a.dispatched_at, NIGHT.start);
      if (ms > 0) hours.set(a.call_sign, (hours.get(a.call_sign) ?? 0) + ms);
    }
    for (const team of s.teams.filter((x) => x.hours > 0)) expect(team.hours, team.callSign).toBeCloseTo(hours.get(team.callSign)! / HOUR, 1);
    expect(s.teams.filter((x) => x.hours > 0).length).toBe(hours.size);
    expect(s.volunteersOnDuty.length).toBeGreaterThan(0);
    expect(s.volunteersOnDuty.every((v) => v.hours > 0 && v.hours <= 12)).toBe(true);
  });

  it('the running shift: incidents still open from earlier shifts are handed over, with the notes the officer wrote', async () => {
    // A call of the night shift, still waiting for a team when the day shift took over.
    const { number } = await t.call('incidents.log', intake({ receivedAt: NIGHT.end - HOUR / 2 }));
    rows = await t.core.store.reader.all<Row>('SELECT * FROM incidents');
    await t.call('summary.addHandoverNote', { shiftStart: NOW, text: 'Generator at Jableh centre needs fuel before dark.' });
    await t.call('summary.addHandoverNote', { shiftStart: NIGHT.start, text: 'Written for the night shift.' });
    const s = await t.call('summary.get', { period: { shift: NOW } });
    expect([s.start, s.end]).toEqual([NIGHT.end, NIGHT.end + 12 * HOUR]);
    const open = rows.filter((r) => ['received', 'dispatched', 'on_scene', 'cleared'].includes(r.status));
    expect(s.openIncidents.map((o) => o.number).sort()).toEqual(open.map((r) => r.number).sort());
    expect(s.openIncidents.find((o) => o.number === number)).toMatchObject({ status: 'received', teams: [] });
    expect(s.handoverNotes.map((n) => n.text)).toEqual(['Generator at Jableh centre needs fuel before dark.']);
    expect(s.handoverNotes[0]!.operatorName).toBe('Rania Haddad');
    expect(s.operators).toContain('Rania Haddad');
  });

  it('an empty shift gives zeros, empty lists and no response times', async () => {
    const s = await t.call('summary.get', { period: { shift: NOW - 30 * 24 * HOUR } });
    expect(s.incidents).toBe(0);
    expect(s.calls).toBe(0);
    expect(s.byType).toEqual([]);
    expect(s.responseTimes.current).toEqual({ incidents: 0, dispatchMedianSec: null, dispatchP90Sec: null, sceneMedianSec: null, sceneP90Sec: null });
    expect(s.openIncidents).toEqual([]);
    expect(s.priorityOne).toEqual([]);
    expect(s.handoverNotes).toEqual([]);
  });

  it('a day and a chosen range use the same layout; a range that ends before it starts is refused', async () => {
    const day = await t.call('summary.get', { period: { day: '2026-11-23' } });
    expect([day.kind, day.start, day.end]).toEqual(['day', Date.UTC(2026, 10, 22, 21), Date.UTC(2026, 10, 23, 21)]);
    expect(day.incidents).toBe(rows.filter((r) => counted(r, day.start, day.end)).length);
    const range = await t.call('summary.get', { period: { from: '2026-11-22', to: '2026-11-23' } });
    expect(range.incidents).toBe(rows.filter((r) => counted(r, Date.UTC(2026, 10, 21, 21), Date.UTC(2026, 10, 23, 21))).length);
    const refused = await t.core.invoke(t.session, 'summary.get', { period: { from: '2026-11-23', to: '2026-11-22' } });
    expect(refused.ok ? null : refused.error.code).toBe('error.invalidInput');
  });

  it('a note struck during the shift stays in the priority-1 chronology, marked struck with its reason; one struck later prints as written', async () => {
    t.clock.time = NIGHT.end - 3 * HOUR;
    const { incidentId, number } = await t.call('incidents.log', intake({ receivedAt: NIGHT.end - 3 * HOUR, priority: 1 }));
    const wrong = await t.call('timeline.addNote', { incidentId, text: 'Second building down on Baghdad Street.' });
    const wrongId = wrong.timeline.find((e) => e.kind === 'note')!.id;
    await t.call('timeline.strike', { entryId: wrongId, reason: 'Belongs to another incident' });
    const later = await t.call('timeline.addNote', { incidentId, text: 'Crane requested.' });
    const laterId = later.timeline.find((e) => e.kind === 'note' && e.text === 'Crane requested.')!.id;
    t.clock.time = NOW;
    await t.call('timeline.strike', { entryId: laterId, reason: 'Crane not needed' });

    const s = await t.call('summary.get', { period: { shift: NIGHT.start } });
    const notes = s.priorityOne.find((p) => p.number === number)!.timeline.filter((e) => e.kind === 'note');
    expect(notes.map((e) => [e.text, e.struck?.reason ?? null, e.struck?.operatorName ?? null])).toEqual([
      ['Second building down on Baghdad Street.', 'Belongs to another incident', 'Rania Haddad'],
      ['Crane requested.', null, null],
    ]);
  });

  it('two volunteers of the same name on one team are two people on duty, each with their own hours', async () => {
    t.clock.time = NOW;
    const centre = await t.call('teams.saveCentre', { name: 'Test centre', district: 'jableh', covers: [] });
    const team = await t.call('teams.save', { callSign: 'Rescue 9 Test', kind: 'search_rescue', centreId: centre.id });
    for (const phone of ['0933000001', '0933000002']) {
      const v = await t.call('teams.saveVolunteer', { name: 'Samer Haddad', role: 'rescuer', phone, centreId: centre.id });
      await t.call('roster.checkIn', { volunteerId: v.id, teamId: team.id });
    }
    t.clock.time = NOW + HOUR;
    const s = await t.call('summary.get', { period: { shift: NOW } });
    t.clock.time = NOW;
    expect(s.volunteersOnDuty.filter((v) => v.name === 'Samer Haddad')).toEqual([
      { name: 'Samer Haddad', team: 'Rescue 9 Test', hours: 1 }, { name: 'Samer Haddad', team: 'Rescue 9 Test', hours: 1 },
    ]);
  });
});
