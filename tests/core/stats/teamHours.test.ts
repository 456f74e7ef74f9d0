// Team hours (stats/teamHours.ts) are checked against a computation written here from the
// assignments themselves: each one's time clipped to the period (an open one's until now),
// duplicates left out. Read through team_days (migration 013) and read from the assignments
// alone, they must both equal it. The post is in Berlin so that periods cross the autumn
// clock change (25 October 2026); a few teams each carry one case that is easy to get wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIncidents } from '../../../electron/core/demo/seed';
import { importIncidents, type HistoricalAssignment, type HistoricalIncident } from '../../../electron/core/incidents/importIncidents';
import { newRowId } from '../../../electron/core/oplog/rowId';
import { localDatesToRange } from '../../../electron/core/stats/localTime';
import { ensureRollup } from '../../../electron/core/stats/rollup';
import type { StatsScope } from '../../../electron/core/stats/scope';
import { statsReport } from '../../../electron/core/stats/statistics';
import { teamHours } from '../../../electron/core/stats/teamHours';
import type { StatsFilters } from '../../../shared/api/types';
import { openTestCore, SETUP, type TestCore } from '../testCore';
import { noting, withoutRollup } from '../readers';

const BERLIN = 'Europe/Berlin';
/** 3 November 2026, 13:00 in Berlin. */
const NOW = Date.UTC(2026, 10, 3, 12);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (month: number, day: number, hour: number, minute = 0) => Date.UTC(2026, month - 1, day, hour, minute);
const round1 = (x: number) => Math.round(x * 10) / 10;

/** 26–30 October in Berlin (UTC+1 after the change): 25 Oct 23:00 UTC to 30 Oct 23:00 UTC. */
const P = localDatesToRange('2026-10-26', '2026-10-30', BERLIN);

let t: TestCore;
let operatorId: string;
const teams: Record<string, string> = {};

/** Hours per team, worked out here: every assignment clipped to the period, duplicates left out. */
async function expected(scope: StatsScope, now = NOW): Promise<Map<string, number>> {
  const rows = await t.core.store.reader.all<{ team_id: string; dispatched_at: number; cleared_at: number | null; found: number | null; type: string; district: string; priority: number; cancel_reason: string | null }>(
    'SELECT a.team_id, a.dispatched_at, a.cleared_at, i.rowid AS found, i.type, i.district, i.priority, i.cancel_reason FROM assignments a LEFT JOIN incidents i ON i.id = a.incident_id');
  const { district, type, priority } = scope.filters;
  const ms = new Map<string, number>();
  for (const a of rows) {
    if (a.cancel_reason === 'duplicate') continue;
    // An assignment whose incident has not arrived yet counts, except where a filter asks about the incident.
    if ((district || type || priority) && (a.found === null || (district && a.district !== district) || (type && a.type !== type) || (priority && a.priority !== priority))) continue;
    const time = Math.min(a.cleared_at ?? now, scope.range.end) - Math.max(a.dispatched_at, scope.range.start);
    if (time > 0) ms.set(a.team_id, (ms.get(a.team_id) ?? 0) + time);
  }
  return new Map([...ms].map(([team, total]) => [team, round1(total / HOUR)]));
}

const asMap = (rows: { teamId: string; hours: number }[]) => new Map(rows.map((r) => [r.teamId, r.hours]));

/** Team hours through the rollup and from the assignments alone, both checked against expected(); returns the first. */
async function hoursIn(scope: StatsScope, now = NOW): Promise<Map<string, number>> {
  const issued: string[] = [];
  const rolled = await teamHours(noting(t.core.store.reader, issued), scope, now);
  const raw = await teamHours(withoutRollup(t.core.store.reader), scope, now);
  const want = await expected(scope, now);
  expect(asMap(rolled), JSON.stringify(scope)).toEqual(want);
  expect(asMap(raw), JSON.stringify(scope)).toEqual(want);
  // Most first, then by call sign.
  expect(rolled.map((r) => r.hours)).toEqual([...rolled.map((r) => r.hours)].sort((a, b) => b - a));
  return asMap(rolled);
}

const scopeOf = (range: { start: number; end: number }, filters: StatsFilters = {}, timeZone = BERLIN): StatsScope => ({ timeZone, range, filters });

/** Dates on the post's calendar, as the statistics screen asks for them. */
const dates = (from: string, to: string, filters: StatsFilters = {}, timeZone = BERLIN) => scopeOf(localDatesToRange(from, to, timeZone), filters, timeZone);

function incident(receivedAt: number, assignments: HistoricalAssignment[], overrides: Partial<HistoricalIncident> = {}): HistoricalIncident {
  return {
    type: 'fire', priority: 2, district: 'jableh', subdistrict: null, locality: null, landmark: null, lat: null, lon: null,
    description: null, trapped: 0, injured: 1, dead: 0, receivedAt, dispatchedAt: assignments[0]?.dispatchedAt ?? null, onSceneAt: null,
    clearedAt: null, closedAt: null, cancelledAt: null, cancelReason: null,
    calls: [{ receivedAt, source: 'phone', callerName: null, callerPhone: null, description: null, trapped: 0, injured: 1, dead: 0 }],
    assignments, ...overrides,
  };
}

const sent = (team: string, dispatchedAt: number, clearedAt: number | null): HistoricalAssignment =>
  ({ teamId: teams[team]!, dispatchedAt, enRouteAt: null, onSceneAt: null, clearedAt, endedReason: clearedAt === null ? null : 'cleared' });

/** Writes incidents through the import path the seeder and the CSV import use; returns their ids. */
async function imported(incidents: HistoricalIncident[]): Promise<string[]> {
  const before = new Set((await t.core.store.reader.all<{ id: string }>('SELECT id FROM incidents')).map((r) => r.id));
  await t.core.store.write(operatorId, (w) => importIncidents(w, operatorId, { post: { code: 'LTK', timeZone: BERLIN }, letter: 'A' }, incidents));
  const after = await t.core.store.reader.all<{ id: string }>('SELECT id FROM incidents ORDER BY received_at');
  return after.map((r) => r.id).filter((id) => !before.has(id));
}

const sql = (statement: string, params: (string | number | null)[] = []) => t.core.store.write(null, ({ tx }) => tx.run(statement, params));

beforeAll(async () => {
  t = await openTestCore({ setup: false });
  t.clock.time = NOW;
  await t.call('setup.complete', { ...SETUP, post: { ...SETUP.post, timeZone: BERLIN } });
  operatorId = (await t.call('session.current', {}))!.id;
  // Six weeks of history, the clock change among them, so that every team has hours.
  await seedIncidents(t.core.context, operatorId, { count: 900, days: 45, seed: 31 });
  const centreId = (await t.call('teams.saveCentre', { name: 'Test centre', district: 'jableh', covers: [] })).id;
  for (const name of ['Start', 'End', 'Long', 'Open', 'Duplicate', 'Synced', 'Moved A', 'Moved B']) {
    teams[name] = (await t.call('teams.save', { callSign: `Test ${name}`, kind: 'search_rescue', centreId })).id;
  }
  await imported([
    // Sent the evening before the period, back after its first midnight: 3 h 10 in it.
    incident(at(10, 25, 20, 50), [sent('Start', at(10, 25, 21), at(10, 26, 2, 10))]),
    // Sent on its last evening, back the next morning: 3 h in it, 4 h 25 after it.
    incident(at(10, 30, 19, 55), [sent('End', at(10, 30, 20), at(10, 31, 3, 25))]),
    // Three weeks on one incident: the whole period, 120 h.
    incident(at(10, 12, 7, 50), [sent('Long', at(10, 12, 8), at(11, 2, 8))]),
    // Still out: 60 h to the period's end, and until now in a period that has not ended.
    incident(at(10, 28, 10, 55), [sent('Open', at(10, 28, 11), null)]),
    // 5 h 12, until the incident is found to be a duplicate.
    incident(at(10, 27, 9), [sent('Duplicate', at(10, 27, 9, 5), at(10, 27, 14, 17))]),
    // 1 h 45, moved to another team.
    incident(at(10, 29, 9, 55), [sent('Moved A', at(10, 29, 10), at(10, 29, 11, 45))]),
  ]);
});
afterAll(async () => t?.close());

describe('team hours', () => {
  it('clip what crosses the start or the end, count a long assignment over the whole period, and an open one until its end', async () => {
    const hours = await hoursIn(scopeOf(P));
    expect(hours.get(teams.Start!)).toBe(3.2);
    expect(hours.get(teams.End!)).toBe(3);
    expect(hours.get(teams.Long!)).toBe(120);
    expect(hours.get(teams.Open!)).toBe(60);
    expect(hours.get(teams.Duplicate!)).toBe(5.2);
    expect(hours.get(teams['Moved A']!)).toBe(1.8);
    // Filtered, they are read from the assignments: the long one, sent more than a week before, still counts.
    const jableh = await hoursIn(scopeOf(P, { district: 'jableh' }));
    expect([jableh.get(teams.Long!), jableh.get(teams.End!)]).toEqual([120, 3]);
    expect((await hoursIn(scopeOf(P, { district: 'latakia' }))).has(teams.Long!)).toBe(false);
  });

  it('count an open assignment until now in a period that has not ended, and in the last 24 hours (no whole day)', async () => {
    expect((await hoursIn(dates('2026-11-02', '2026-11-03'))).get(teams.Open!)).toBe(37);
    const issued: string[] = [];
    const day = scopeOf({ start: NOW - DAY, end: NOW });
    expect(asMap(await teamHours(noting(t.core.store.reader, issued), day, NOW)).get(teams.Open!)).toBe(24);
    expect(issued.some((s) => s.includes('team_days') || s.includes('team_tallies'))).toBe(false);
    await hoursIn(day);
    // A single whole day, and the 25-hour day of the clock change.
    const first = await hoursIn(dates('2026-10-26', '2026-10-26'));
    expect([first.get(teams.Start!), first.get(teams.Long!)]).toEqual([3.2, 24]);
    expect((await hoursIn(dates('2026-10-25', '2026-10-25'))).get(teams.Long!)).toBe(25);
  });

  it('agree with the assignments for every period and filter, the whole days read from team_days or, filtered, team_tallies', async () => {
    const periods = [
      dates('2026-10-04', '2026-11-02'), dates('2026-10-20', '2026-11-03'), dates('2026-10-24', '2026-10-26'), dates('2026-09-15', '2026-11-10'),
      dates('2025-11-04', '2026-11-03'), scopeOf({ start: NOW - 7 * DAY, end: NOW }), scopeOf({ start: NOW - 72 * HOUR, end: NOW }),
      scopeOf({ start: P.start + 90 * MINUTE, end: P.end - 30 * MINUTE }),
    ];
    for (const scope of periods) {
      for (const filters of [{}, { district: 'jableh' }, { type: 'fire' as const }, { priority: 1 as const }]) {
        const issued: string[] = [];
        await teamHours(noting(t.core.store.reader, issued), { ...scope, filters }, NOW);
        expect(issued.some((s) => s.includes(Object.keys(filters).length === 0 ? 'team_days' : 'team_tallies')), JSON.stringify({ scope, filters })).toBe(true);
        await hoursIn({ ...scope, filters });
      }
    }
  });

  it('leave out an incident found to be a duplicate, and count it again when that is undone', async () => {
    const id = (await t.core.store.reader.get<{ incident_id: string }>('SELECT incident_id FROM assignments WHERE team_id = ?', [teams.Duplicate!]))!.incident_id;
    await t.call('incidents.setStatus', { id, status: 'cancelled', cancelReason: 'duplicate' });
    expect((await hoursIn(scopeOf(P))).has(teams.Duplicate!)).toBe(false);
    // Undone, as a sync from a console that restored it would write it.
    await sql("UPDATE incidents SET status = 'cleared', cancel_reason = NULL, cancelled_at = NULL WHERE id = ?", [id]);
    expect((await hoursIn(scopeOf(P))).get(teams.Duplicate!)).toBe(5.2);
  });

  it('count assignments synced before their incident, until it arrives as a duplicate, and again when it goes away', async () => {
    const incidentId = newRowId(at(10, 28, 9, 50));
    await sql(`INSERT INTO assignments (id, incident_id, team_id, dispatched_at, cleared_at, ended_reason, operator) VALUES (?, ?, ?, ?, ?, 'cleared', ?)`,
      [newRowId(at(10, 28, 10)), incidentId, teams.Synced!, at(10, 28, 10), at(10, 28, 12, 30), operatorId]);
    expect((await hoursIn(scopeOf(P))).get(teams.Synced!)).toBe(2.5);
    // The incident arrives, already cancelled as a duplicate of another (copied from one of the period's).
    const columns = (await t.core.store.reader.all<{ name: string }>('PRAGMA table_info(incidents)')).map((c) => c.name).filter((c) => c !== 'id' && c !== 'number');
    const copied = columns.map((c) => (c === 'cancel_reason' ? `'duplicate'` : c === 'status' ? `'cancelled'` : c)).join(', ');
    await sql(`INSERT INTO incidents (id, number, ${columns.join(', ')}) SELECT ?, 'LTK-SYNCED-1', ${copied} FROM incidents
      WHERE id = (SELECT incident_id FROM assignments WHERE team_id = ?)`, [incidentId, teams.End!]);
    expect((await hoursIn(scopeOf(P))).has(teams.Synced!)).toBe(false);
    await sql('DELETE FROM incidents WHERE id = ?', [incidentId]);
    expect((await hoursIn(scopeOf(P))).get(teams.Synced!)).toBe(2.5);
  });

  it('move with an assignment given to another team', async () => {
    await sql('UPDATE assignments SET team_id = ? WHERE team_id = ?', [teams['Moved B']!, teams['Moved A']!]);
    const hours = await hoursIn(scopeOf(P));
    expect([hours.has(teams['Moved A']!), hours.get(teams['Moved B']!)]).toEqual([false, 1.8]);
  });

  it('in the key figures, for the period and the one before it', async () => {
    const report = await statsReport(t.core.store.reader, { period: { from: '2026-10-26', to: '2026-10-30' }, filters: {} }, BERLIN, NOW);
    const sum = (hours: Map<string, number>) => round1([...hours.values()].reduce((a, b) => a + b, 0));
    expect(asMap(report.teamHours)).toEqual(await expected(scopeOf(P)));
    expect(report.totals.teamHours).toBe(sum(await expected(scopeOf(P))));
    expect(report.previous.teamHours).toBe(sum(await expected(scopeOf({ start: 2 * P.start - P.end, end: P.start }))));
  });

  it('are read through team_days rebuilt for another zone, and again for the post\'s', async () => {
    expect(await ensureRollup(t.core.store, 'Asia/Damascus')).toBe(true);
    for (const scope of [dates('2026-10-04', '2026-11-02', {}, 'Asia/Damascus'), dates('2026-10-26', '2026-10-30', {}, 'Asia/Damascus')]) {
      const issued: string[] = [];
      await teamHours(noting(t.core.store.reader, issued), scope, NOW);
      expect(issued.some((s) => s.includes('team_days'))).toBe(true);
      await hoursIn(scope);
    }
    // Built for Damascus, a Berlin period reads the assignments alone, and still agrees.
    await hoursIn(scopeOf(P));
    expect(await ensureRollup(t.core.store, BERLIN)).toBe(true);
    expect((await hoursIn(scopeOf(P))).get(teams.End!)).toBe(3);
  });
});
