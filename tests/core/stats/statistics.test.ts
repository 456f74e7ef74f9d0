// The statistics are checked against a computation written here, independently of the SQL:
// rows read back whole, local dates from Intl, percentiles by sorting. The post is in
// Berlin so that the period crosses a daylight-saving change (25 October 2026, clocks back).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIncidents } from '../../../electron/core/demo/seed';
import { importIncidents, type HistoricalIncident } from '../../../electron/core/incidents/importIncidents';
import { localDatesToRange } from '../../../electron/core/stats/localTime';
import type { StatsScope } from '../../../electron/core/stats/scope';
import { statsRows } from '../../../electron/core/stats/statsTable';
import type { StatsFilters } from '../../../shared/api/types';
import { openTestCore, SETUP, type TestCore } from '../testCore';

const TZ = 'Europe/Berlin';
const NOW = Date.UTC(2026, 10, 3, 12, 0, 0);
const MIN = 60_000;

interface Row {
  id: string; received_at: number; dispatched_at: number | null; on_scene_at: number | null; type: string; priority: number;
  district: string; cancel_reason: string | null; status: string; trapped: number; injured: number; dead: number;
}

// Built once: building a formatter costs ten times formatting a date with it.
const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', hourCycle: 'h23' });
const dateOf = (ms: number) => dateFormat.format(ms);
const hourOf = (ms: number) => Number(hourFormat.format(ms));

/** Linear interpolation between closest ranks (type 7). */
function quantile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[lo + 1] ?? sorted[lo]!) - sorted[lo]!);
}

function expected(rows: Row[], key: (r: Row) => string | number) {
  const groups = new Map<string | number, Row[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  const out = new Map<string | number, { count: number; dm: number | null; d90: number | null; sm: number | null; s90: number | null }>();
  for (const [k, g] of groups) {
    const dispatch = g.filter((r) => r.dispatched_at !== null).map((r) => (r.dispatched_at! - r.received_at) / 1000);
    const scene = g.filter((r) => r.dispatched_at !== null && r.on_scene_at !== null).map((r) => (r.on_scene_at! - r.dispatched_at!) / 1000);
    out.set(k, { count: g.length, dm: quantile(dispatch, 0.5), d90: quantile(dispatch, 0.9), sm: quantile(scene, 0.5), s90: quantile(scene, 0.9) });
  }
  return out;
}

function edge(receivedAt: number, overrides: Partial<HistoricalIncident> = {}): HistoricalIncident {
  return {
    type: 'fire', priority: 2, district: 'jableh', subdistrict: null, locality: null, landmark: null, lat: null, lon: null,
    description: null, trapped: 0, injured: 1, dead: 0, receivedAt, dispatchedAt: receivedAt + 3 * MIN, onSceneAt: receivedAt + 15 * MIN,
    clearedAt: null, closedAt: null, cancelledAt: null, cancelReason: null,
    calls: [{ receivedAt, source: 'phone', callerName: null, callerPhone: null, description: null, trapped: 0, injured: 1, dead: 0 }],
    ...overrides,
  };
}

let t: TestCore;
let all: Row[];

beforeAll(async () => {
  t = await openTestCore({ setup: false });
  t.clock.time = NOW;
  await t.call('setup.complete', { ...SETUP, post: { ...SETUP.post, timeZone: TZ } });
  const operator = (await t.call('session.current', {}))!;
  await seedIncidents(t.core.context, operator.id, { count: 1200, days: 20, seed: 4 });
  const team = (await t.core.store.reader.get<{ id: string }>('SELECT id FROM teams LIMIT 1'))!.id;
  const midnight = Date.UTC(2026, 9, 24, 22, 0, 0); // 25 October 00:00 in Berlin (summer time)
  const edges = [
    edge(midnight), edge(midnight - 1), // either side of midnight
    edge(Date.UTC(2026, 9, 25, 0, 30)), edge(Date.UTC(2026, 9, 25, 1, 30)), // 02:30 twice: the hour that repeats
    edge(Date.UTC(2026, 9, 26, 9, 0), { dispatchedAt: null, onSceneAt: null }), // never dispatched
    edge(Date.UTC(2026, 9, 26, 9, 5), { onSceneAt: null }), // dispatched, not yet on scene
    edge(Date.UTC(2026, 9, 26, 9, 6), { cancelledAt: Date.UTC(2026, 9, 26, 9, 8), cancelReason: 'duplicate', dispatchedAt: null, onSceneAt: null }),
    // A duplicate found only after a team was sent, with two calls: none of it counts.
    edge(Date.UTC(2026, 9, 27, 9, 0), {
      cancelledAt: Date.UTC(2026, 9, 27, 9, 30), cancelReason: 'duplicate', onSceneAt: null, clearedAt: Date.UTC(2026, 9, 27, 9, 30),
      assignments: [{ teamId: team, dispatchedAt: Date.UTC(2026, 9, 27, 9, 3), enRouteAt: null, onSceneAt: null, clearedAt: Date.UTC(2026, 9, 27, 9, 30), endedReason: 'stood_down' }],
      calls: [Date.UTC(2026, 9, 27, 9, 0), Date.UTC(2026, 9, 27, 9, 2)].map((receivedAt) => ({ receivedAt, source: 'phone' as const, callerName: null, callerPhone: null, description: null, trapped: 0, injured: 1, dead: 0 })),
    }),
  ];
  await t.core.store.write(operator.id, (w) => importIncidents(w, operator.id, { post: { code: 'LTK', timeZone: TZ }, letter: 'A' }, edges));
  all = await t.core.store.reader.all<Row>('SELECT * FROM incidents');
});
afterAll(async () => t?.close());

const scopeOf = (from: string, to: string, filters: StatsFilters = {}): StatsScope => ({ timeZone: TZ, range: localDatesToRange(from, to, TZ), filters });

function within(scope: StatsScope): Row[] {
  return all.filter((r) => r.received_at >= scope.range.start && r.received_at < scope.range.end && r.cancel_reason !== 'duplicate'
    && (!scope.filters.district || r.district === scope.filters.district)
    && (!scope.filters.type || r.type === scope.filters.type)
    && (!scope.filters.priority || r.priority === scope.filters.priority));
}

function expectRow(actual: Record<string, unknown> | undefined, e: { count: number; dm: number | null; d90: number | null; sm: number | null; s90: number | null } | undefined) {
  const want = e ?? { count: 0, dm: null, d90: null, sm: null, s90: null };
  expect(actual?.count).toBe(want.count);
  for (const [field, value] of [['dispatchMedianSec', want.dm], ['dispatchP90Sec', want.d90], ['sceneMedianSec', want.sm], ['sceneP90Sec', want.s90]] as const) {
    if (value === null) expect(actual?.[field], field).toBeNull();
    else expect(actual?.[field] as number, field).toBeCloseTo(value, 2);
  }
}

/** Hours committed, clipped to the period, computed from the assignments themselves. */
async function expectTeamHours(actual: { teamId: string; hours: number }[], scope: StatsScope, sentToDuplicate?: string) {
  const assignments = await t.core.store.reader.all<{ incident_id: string; team_id: string; dispatched_at: number; cleared_at: number | null; district: string; cancel_reason: string | null }>(
    'SELECT a.incident_id, a.team_id, a.dispatched_at, a.cleared_at, i.district, i.cancel_reason FROM assignments a JOIN incidents i ON i.id = a.incident_id');
  if (sentToDuplicate) expect(assignments.some((a) => a.incident_id === sentToDuplicate)).toBe(true);
  const hours = new Map<string, number>();
  for (const a of assignments) {
    if ((scope.filters.district && a.district !== scope.filters.district) || a.cancel_reason === 'duplicate') continue;
    const ms = Math.min(a.cleared_at ?? NOW, scope.range.end) - Math.max(a.dispatched_at, scope.range.start);
    if (ms > 0) hours.set(a.team_id, (hours.get(a.team_id) ?? 0) + ms);
  }
  expect(actual.length).toBe(hours.size);
  for (const team of actual) expect(team.hours).toBeCloseTo(hours.get(team.teamId)! / 3_600_000, 1);
}

describe('statistics', () => {
  it('counts and response times per local day, across midnight and the autumn clock change', async () => {
    const scope = scopeOf('2026-10-20', '2026-11-03');
    const rows = await statsRows(t.core.store.reader, scope, 'day');
    const want = expected(within(scope), (r) => dateOf(r.received_at));
    expect(rows.map((r) => r.day)).toEqual(Array.from({ length: 15 }, (_, i) => dateOf(Date.UTC(2026, 9, 20 + i, 12))));
    for (const row of rows) expectRow(row, want.get(row.day as string));
    // The incident one millisecond before midnight is on the 24th; the one at midnight on the 25th.
    expect(rows.find((r) => r.day === '2026-10-25')!.count).toBe(want.get('2026-10-25')!.count);
    expect(within(scope).filter((r) => dateOf(r.received_at) === '2026-10-25').some((r) => r.received_at === Date.UTC(2026, 9, 24, 22))).toBe(true);
    expect(rows.reduce((n, r) => n + (r.count as number), 0)).toBe(within(scope).length);
  });

  it('by hour of the day: the repeated hour of the clock change counts in one bucket', async () => {
    const scope = scopeOf('2026-10-24', '2026-10-26');
    const rows = await statsRows(t.core.store.reader, scope, 'hour');
    expect(rows).toHaveLength(24);
    const want = expected(within(scope), (r) => hourOf(r.received_at));
    for (const row of rows) expectRow(row, want.get(row.hour as number));
    expect(want.get(2)!.count).toBeGreaterThanOrEqual(2);
  });

  it('by district and by type, with filters, sorted by count', async () => {
    for (const filters of [{}, { district: 'jableh' }, { priority: 1 as const }, { type: 'fire' as const, district: 'latakia' }]) {
      const scope = scopeOf('2026-10-14', '2026-11-03', filters);
      for (const grouping of ['district', 'type'] as const) {
        const rows = await statsRows(t.core.store.reader, scope, grouping);
        const want = expected(within(scope), (r) => (grouping === 'district' ? r.district : r.type));
        expect(rows.map((r) => r[grouping]).sort()).toEqual([...want.keys()].sort());
        for (const row of rows) expectRow(row, want.get(row[grouping] as string));
        expect(rows.map((r) => r.count)).toEqual([...rows.map((r) => r.count as number)].sort((a, b) => b - a));
      }
    }
  });

  it('an empty period gives zeros and no response times, not an error', async () => {
    const scope = scopeOf('2027-01-01', '2027-01-03');
    const rows = await statsRows(t.core.store.reader, scope, 'day');
    expect(rows).toHaveLength(3);
    for (const row of rows) expectRow(row, undefined);
    const report = await t.call('stats.report', { period: { from: '2027-01-01', to: '2027-01-03' } });
    expect(report.totals).toMatchObject({ incidents: 0, calls: 0, dispatchMedianSec: null, sceneP90Sec: null, teamHours: 0 });
    expect(report.responseByBucket).toEqual([]);
    expect(report.casualtiesByBucket.every((b) => b.trapped + b.injured + b.dead === 0)).toBe(true);
  });

  it('the screen\'s report agrees with the rows, the period before it, and the teams\' hours', async () => {
    const report = await t.call('stats.report', { period: { from: '2026-10-24', to: '2026-11-02' }, filters: { district: 'jableh' } });
    const scope = scopeOf('2026-10-24', '2026-11-02', { district: 'jableh' });
    const rows = within(scope);
    expect(report.bucket).toBe('day');
    expect(report.buckets).toHaveLength(10);
    expect(report.totals.incidents).toBe(rows.length);
    expect(report.byBucketType.reduce((n, r) => n + r.count, 0)).toBe(rows.length);
    expect(report.heat.reduce((n, r) => n + r.count, 0)).toBe(rows.length);
    for (const cell of report.heat) {
      expect(cell.count).toBe(rows.filter((r) => hourOf(r.received_at) === cell.hour
        && new Date(`${dateOf(r.received_at)}T00:00:00Z`).getUTCDay() === cell.weekday).length);
    }
    expect(report.totals.injured).toBe(rows.reduce((n, r) => n + r.injured, 0));
    expect(report.totals.open).toBe(rows.filter((r) => ['received', 'dispatched', 'on_scene', 'cleared'].includes(r.status)).length);
    const whole = expected(rows, () => 'all').get('all')!;
    expect(report.totals.dispatchMedianSec).toBeCloseTo(whole.dm!, 2);
    expect(report.totals.sceneP90Sec).toBeCloseTo(whole.s90!, 2);
    // The period before: the same length, ending where this one starts.
    expect(report.previousStart).toBe(scope.range.start - (scope.range.end - scope.range.start));
    const before = within({ ...scope, range: { start: report.previousStart, end: scope.range.start } });
    expect(report.previous.incidents).toBe(before.length);
    const jableh = report.byDistrict.find((d) => d.district === 'jableh')!;
    expect([jableh.count, jableh.previous]).toEqual([rows.length, before.length]);
    // Per-day response times match the day rows of the command line.
    const days = await statsRows(t.core.store.reader, scope, 'day');
    for (const r of report.responseByBucket) {
      const day = days.find((d) => d.day === r.bucket)!;
      expect(r.dispatchMedianSec).toBe(day.dispatchMedianSec);
      expect(r.sceneP90Sec).toBe(day.sceneP90Sec);
    }
    await expectTeamHours(report.teamHours, scope);
  });

  it('unfiltered, calls and team hours leave out a duplicate that had a team sent and two calls', async () => {
    const report = await t.call('stats.report', { period: { from: '2026-10-24', to: '2026-11-02' } });
    const scope = scopeOf('2026-10-24', '2026-11-02');
    const duplicate = all.find((r) => r.cancel_reason === 'duplicate' && r.received_at === Date.UTC(2026, 9, 27, 9, 0))!;
    const calls = await t.core.store.reader.all<{ incident_id: string; received_at: number }>('SELECT incident_id, received_at FROM calls');
    expect(calls.filter((c) => c.incident_id === duplicate.id)).toHaveLength(2);
    const counted = new Set(within(scope).map((r) => r.id));
    const inPeriod = calls.filter((c) => c.received_at >= scope.range.start && c.received_at < scope.range.end);
    expect(report.totals.calls).toBe(inPeriod.filter((c) => all.find((r) => r.id === c.incident_id)!.cancel_reason !== 'duplicate').length);
    expect(counted.has(duplicate.id)).toBe(false);
    await expectTeamHours(report.teamHours, scope, duplicate.id);
  });

  it('the last 24 hours come in hour buckets; a period that ends before it starts is refused', async () => {
    const report = await t.call('stats.report', { period: { lastHours: 24 } });
    expect(report.bucket).toBe('hour');
    expect(report.buckets.length).toBeGreaterThanOrEqual(24);
    expect(report.totals.incidents).toBe(all.filter((r) => r.received_at >= NOW - 86_400_000 && r.received_at < NOW && r.cancel_reason !== 'duplicate').length);
    const refused = await t.core.invoke(t.session, 'stats.report', { period: { from: '2026-11-02', to: '2026-11-01' } });
    expect(refused.ok ? null : refused.error.fields).toEqual({ 'period.to': 'validation.periodOrder' });
  });

  it('local days are 23 and 25 hours long on the days the clocks change', () => {
    const spring = localDatesToRange('2026-03-29', '2026-03-29', TZ);
    const autumn = localDatesToRange('2026-10-25', '2026-10-25', TZ);
    expect((spring.end - spring.start) / 3_600_000).toBe(23);
    expect((autumn.end - autumn.start) / 3_600_000).toBe(25);
  });
});
