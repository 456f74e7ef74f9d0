// The shift summary and the statistics screen show the same figures for the same window: calls,
// incidents, by type, by priority, by district, casualties, response times, team hours and the
// period before. A seeded database, with incidents cancelled as duplicates (their calls too) and
// calls attached across midnight; windows of a night shift, one local day and several days (the
// latter two read whole days from the rollup).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIncidents } from '../../../electron/core/demo/seed';
import type { ShiftSummary, StatsQuery, StatsReport } from '../../../shared/api/types';
import { intake, openTestCore, type TestCore } from '../testCore';

const HOUR = 3_600_000;
const MIN = 60_000;
/** 24 November 2026, 10:00 in Damascus (UTC+3). */
const NOW = Date.UTC(2026, 10, 24, 7, 0, 0);
/** Local midnight between 22 and 23 November. */
const MIDNIGHT = Date.UTC(2026, 10, 22, 21, 0, 0);
/** The night shift across that midnight: 20:00 → 08:00 local. */
const NIGHT = { start: MIDNIGHT - 4 * HOUR, end: MIDNIGHT + 8 * HOUR };

let t: TestCore;

beforeAll(async () => {
  t = await openTestCore();
  t.clock.time = NOW;
  const operator = (await t.call('session.current', {}))!;
  await seedIncidents(t.core.context, operator.id, { count: 900, days: 5, seed: 23 });
  // Across midnight: an incident's second call after it, and an incident reported on both sides of
  // it that turns out to be a duplicate (neither of its calls counts, nor its casualties).
  const kept = await t.call('incidents.log', intake({ receivedAt: MIDNIGHT - 10 * MIN, priority: 2, reported: { trapped: 4, injured: 1, dead: 0 } }));
  await t.call('incidents.log', intake({ receivedAt: MIDNIGHT + 5 * MIN, attachToIncidentId: kept.incidentId }));
  const twin = await t.call('incidents.log', intake({ receivedAt: MIDNIGHT - 5 * MIN, priority: 1, reported: { trapped: 9, injured: 9, dead: 9 } }));
  await t.call('incidents.log', intake({ receivedAt: MIDNIGHT + 20 * MIN, attachToIncidentId: twin.incidentId }));
  await t.call('incidents.setStatus', { id: twin.incidentId, status: 'cancelled', cancelReason: 'duplicate' });
}, 120_000);
afterAll(async () => t?.close());

/** The statistics screen's report for a window, with `priority` as its only filter when given. */
async function report(period: StatsQuery['period'], priority?: 1 | 2 | 3): Promise<StatsReport> {
  return t.call('stats.report', { period, filters: priority ? { priority } : {} });
}

const sum = (rows: { type: string; count: number }[]) => {
  const m = new Map<string, number>();
  for (const r of rows) if (r.count > 0) m.set(r.type, (m.get(r.type) ?? 0) + r.count);
  return m;
};
const times = (x: { dispatchMedianSec: number | null; dispatchP90Sec: number | null; sceneMedianSec: number | null; sceneP90Sec: number | null }) =>
  [x.dispatchMedianSec, x.dispatchP90Sec, x.sceneMedianSec, x.sceneP90Sec];

async function expectSameFigures(s: ShiftSummary, period: StatsQuery['period']): Promise<void> {
  const r = await report(period);
  expect([r.start, r.end]).toEqual([s.start, s.end]);
  expect(s.incidents).toBeGreaterThan(20);
  expect(s.calls).toBe(r.totals.calls);
  expect(s.incidents).toBe(r.totals.incidents);
  expect(new Map(s.byType.map((x) => [x.type, x.count]))).toEqual(sum(r.byBucketType));
  expect(new Map(s.byDistrict.map((x) => [x.district, x.count]))).toEqual(new Map(r.byDistrict.filter((d) => d.count > 0).map((d) => [d.district, d.count])));
  for (const p of [1, 2, 3] as const) {
    expect(s.byPriority.find((x) => x.priority === p)?.count ?? 0, `priority ${p}`).toBe((await report(period, p)).totals.incidents);
  }
  expect(s.casualties).toEqual({ trapped: r.totals.trapped, injured: r.totals.injured, dead: r.totals.dead });
  expect(times(s.responseTimes.current)).toEqual(times(r.totals));
  expect(s.responseTimes.current.incidents).toBe(r.totals.incidents);
  expect([s.responseTimes.previous.incidents, ...times(s.responseTimes.previous)]).toEqual([r.previous.incidents, ...times(r.previous)]);
  const hours = new Map(s.teams.filter((x) => x.hours > 0).map((x) => [x.callSign, x.hours]));
  expect(hours).toEqual(new Map(r.teamHours.map((x) => [x.callSign, x.hours])));
  expect(hours.size).toBeGreaterThan(0);
}

describe('the shift summary and the statistics report', () => {
  it('the window holds what could make them differ: duplicates with calls, and calls on both sides of midnight', async () => {
    const db = t.core.store.reader;
    const duplicateCalls = await db.get<{ n: number }>(`SELECT count(*) AS n FROM calls c JOIN incidents i ON i.id = c.incident_id
      WHERE c.received_at >= ? AND c.received_at < ? AND i.cancel_reason = 'duplicate'`, [NIGHT.start, NIGHT.end]);
    expect(duplicateCalls!.n).toBeGreaterThan(2);
    const acrossMidnight = await db.get<{ n: number }>(`SELECT count(DISTINCT incident_id) AS n FROM calls WHERE incident_id IN
      (SELECT incident_id FROM calls WHERE received_at < ?1) AND received_at >= ?1 AND received_at < ?2`, [MIDNIGHT, NIGHT.end]);
    expect(acrossMidnight!.n).toBeGreaterThan(1);
  });

  it('agree on every figure of a night shift across midnight', async () => {
    t.clock.time = NIGHT.end;
    try {
      const s = await t.call('summary.get', { period: { shift: NIGHT.start } });
      await expectSameFigures(s, { lastHours: 12 });
    } finally {
      t.clock.time = NOW;
    }
  });

  it('agree on every figure of a local day, read from the rollup', async () => {
    await expectSameFigures(await t.call('summary.get', { period: { day: '2026-11-22' } }), { from: '2026-11-22', to: '2026-11-22' });
  });

  it('agree on every figure of several days', async () => {
    await expectSameFigures(await t.call('summary.get', { period: { from: '2026-11-20', to: '2026-11-23' } }), { from: '2026-11-20', to: '2026-11-23' });
  });
});
