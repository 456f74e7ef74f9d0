// The daily rollup (migrations 009, 012, 014) is checked against the incidents themselves:
// after every kind of write its rows equal a recomputation written here with Intl's local
// dates, and the statistics read through it equal those read from the incidents alone. The
// post is in Berlin so that the data crosses the autumn clock change (25 October 2026).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIncidents } from '../../../electron/core/demo/seed';
import { importCsv } from '../../../electron/core/import/importCsv';
import { parseMapping } from '../../../electron/core/import/mapping';
import { newRowId } from '../../../electron/core/oplog/rowId';
import { ensureRollup } from '../../../electron/core/stats/rollup';
import { GROUPINGS } from '../../../electron/core/stats/bucketSql';
import { statsReport } from '../../../electron/core/stats/statistics';
import { statsRows } from '../../../electron/core/stats/statsTable';
import { localDatesToRange } from '../../../electron/core/stats/localTime';
import { operationsAbove, versionVector } from '../../../electron/core/sync/exchange';
import type { Input } from '../../../shared/api';
import type { StatsQuery } from '../../../shared/api/types';
import { expectedResponseDays, expectedResponseTallies, storedResponseDays, storedResponseTallies, type DelayRow, type TalliedRow } from './responseDayCounts';
import { intake, openTestCore, SETUP, type TestCore } from '../testCore';
import { noting, withoutRollup } from '../readers';

const BERLIN = 'Europe/Berlin';
const NOW = Date.UTC(2026, 10, 3, 12, 0, 0);
const DAY = 86_400_000;
const HOUR = 3_600_000;

interface Incident {
  id: string; received_at: number; type: string; district: string; priority: number; status: string;
  cancel_reason: string | null; trapped: number; injured: number; dead: number;
}

// One formatter per zone: building one costs ten times formatting a date with it.
const localFormats = new Map<string, Intl.DateTimeFormat>();

/** Local day number and hour from Intl, independently of the SQL. */
function localOf(ms: number, timeZone: string): { day: number; hour: number } {
  let format = localFormats.get(timeZone);
  if (!format) localFormats.set(timeZone, format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }));
  const parts = format.formatToParts(ms);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { day: Date.UTC(part('year'), part('month') - 1, part('day')) / DAY, hour: part('hour') };
}

/** What daily_counts should hold for these incidents, keyed as its primary key. */
function recompute(incidents: Incident[], timeZone: string): Map<string, Record<string, number>> {
  const rows = new Map<string, Record<string, number>>();
  for (const i of incidents) {
    if (i.cancel_reason === 'duplicate') continue;
    const { day, hour } = localOf(i.received_at, timeZone);
    const key = `${day}|${i.type}|${i.district}|${i.priority}`;
    const row = rows.get(key) ?? Object.fromEntries(['n', 'trapped', 'injured', 'dead', 'closed', 'cancelled', 'open', ...Array.from({ length: 24 }, (_, h) => `h${h}`)].map((c) => [c, 0]));
    row.n! += 1;
    row.trapped! += i.trapped;
    row.injured! += i.injured;
    row.dead! += i.dead;
    row.closed! += i.status === 'closed' ? 1 : 0;
    row.cancelled! += i.status === 'cancelled' ? 1 : 0;
    row.open! += ['received', 'dispatched', 'on_scene', 'cleared'].includes(i.status) ? 1 : 0;
    row[`h${hour}`]! += 1;
    rows.set(key, row);
  }
  return rows;
}

async function expectRollupMatches(t: TestCore, timeZone = BERLIN) {
  const db = t.core.store.reader;
  const want = recompute(await db.all<Incident>('SELECT * FROM incidents'), timeZone);
  const rows = await db.all<Record<string, number | string>>('SELECT * FROM daily_counts');
  const have = new Map(rows.map(({ day, type, district, priority, ...rest }) => [`${day}|${type}|${district}|${priority}`, rest]));
  expect(have.size).toBe(want.size);
  for (const [key, row] of want) expect(have.get(key), key).toEqual(row);
  // call_days (migration 012): calls per local day, and those about duplicates.
  const duplicates = new Set((await db.all<{ id: string }>("SELECT id FROM incidents WHERE cancel_reason = 'duplicate'")).map((r) => r.id));
  const calls = new Map<number, { calls: number; duplicate_calls: number }>();
  for (const c of await db.all<{ received_at: number; incident_id: string }>('SELECT received_at, incident_id FROM calls')) {
    const { day } = localOf(c.received_at, timeZone);
    const row = calls.get(day) ?? { calls: 0, duplicate_calls: 0 };
    row.calls += 1;
    row.duplicate_calls += duplicates.has(c.incident_id) ? 1 : 0;
    calls.set(day, row);
  }
  const stored = await db.all<{ day: number; calls: number; duplicate_calls: number }>('SELECT * FROM call_days WHERE calls <> 0 OR duplicate_calls <> 0');
  expect(new Map(stored.map(({ day, ...rest }) => [day, rest]))).toEqual(calls);
  // call_tallies (migration 016): calls per local day and their incident's type, district and
  // priority, those of duplicates and of incidents not arrived yet left out.
  const incidents = new Map((await db.all<{ id: string; type: string; district: string; priority: number; cancel_reason: string | null }>(
    'SELECT id, type, district, priority, cancel_reason FROM incidents')).map((i) => [i.id, i]));
  const tallies = new Map<string, number>();
  for (const c of await db.all<{ received_at: number; incident_id: string }>('SELECT received_at, incident_id FROM calls')) {
    const i = incidents.get(c.incident_id);
    if (!i || i.cancel_reason === 'duplicate') continue;
    const key = `${localOf(c.received_at, timeZone).day}|${i.type}|${i.district}|${i.priority}`;
    tallies.set(key, (tallies.get(key) ?? 0) + 1);
  }
  const tallied = await db.all<{ day: number; type: string; district: string; priority: number; calls: number }>('SELECT * FROM call_tallies WHERE calls <> 0');
  expect(new Map(tallied.map((r) => [`${r.day}|${r.type}|${r.district}|${r.priority}`, r.calls]))).toEqual(tallies);
  // team_days (migration 013): per local day of dispatch and team, the time of the assignments
  // cleared within a week on incidents that are not duplicates (nor a duplicate not yet arrived).
  const teamDays = new Map<string, { ms: number; n: number }>();
  for (const a of await db.all<{ team_id: string; incident_id: string; dispatched_at: number; cleared_at: number | null }>('SELECT * FROM assignments')) {
    if (a.cleared_at === null || a.cleared_at - a.dispatched_at < 0 || a.cleared_at - a.dispatched_at > 7 * DAY || duplicates.has(a.incident_id)) continue;
    const key = `${localOf(a.dispatched_at, timeZone).day}|${a.team_id}`;
    const row = teamDays.get(key) ?? { ms: 0, n: 0 };
    row.ms += a.cleared_at - a.dispatched_at;
    row.n += 1;
    teamDays.set(key, row);
  }
  expect(teamDays.size).toBeGreaterThan(0);
  const rolled = await db.all<{ day: number; team_id: string; ms: number; n: number }>('SELECT * FROM team_days WHERE n <> 0');
  expect(new Set(rolled.map((r) => `${r.day}|${r.team_id}`))).toEqual(new Set(teamDays.keys()));
  // Seeded times carry fractions of a ms, so sums in another order may differ in the last bits.
  for (const r of rolled) {
    const want = teamDays.get(`${r.day}|${r.team_id}`)!;
    expect(r.n).toBe(want.n);
    expect(r.ms).toBeCloseTo(want.ms, 3);
  }
  expect(await db.get('SELECT count(*) AS n FROM team_days WHERE n = 0 AND ms <> 0')).toEqual({ n: 0 });
  // team_tallies (migration 017): the same, split by the incident's type, district and priority;
  // assignments whose incident has not arrived are not in it.
  const split = new Map<string, { ms: number; n: number }>();
  for (const a of await db.all<{ team_id: string; incident_id: string; dispatched_at: number; cleared_at: number | null }>('SELECT * FROM assignments')) {
    const i = incidents.get(a.incident_id);
    if (!i || i.cancel_reason === 'duplicate' || a.cleared_at === null || a.cleared_at - a.dispatched_at < 0 || a.cleared_at - a.dispatched_at > 7 * DAY) continue;
    const key = `${localOf(a.dispatched_at, timeZone).day}|${a.team_id}|${i.type}|${i.district}|${i.priority}`;
    const row = split.get(key) ?? { ms: 0, n: 0 };
    row.ms += a.cleared_at - a.dispatched_at;
    row.n += 1;
    split.set(key, row);
  }
  const splitRows = await db.all<{ day: number; team_id: string; type: string; district: string; priority: number; ms: number; n: number }>('SELECT * FROM team_tallies WHERE n <> 0');
  expect(new Set(splitRows.map((r) => `${r.day}|${r.team_id}|${r.type}|${r.district}|${r.priority}`))).toEqual(new Set(split.keys()));
  for (const r of splitRows) {
    const want = split.get(`${r.day}|${r.team_id}|${r.type}|${r.district}|${r.priority}`)!;
    expect(r.n).toBe(want.n);
    expect(r.ms).toBeCloseTo(want.ms, 3);
  }
  expect(await db.get('SELECT count(*) AS n FROM team_tallies WHERE n = 0 AND ms <> 0')).toEqual({ n: 0 });
  // response_days (migration 014): delays per local day and bin.
  const delays = await db.all<DelayRow>('SELECT received_at, dispatched_at, on_scene_at, cancel_reason FROM incidents');
  expect(await storedResponseDays(db)).toEqual(expectedResponseDays(delays, timeZone));
  // response_tallies (migration 018): the same once per district, type and priority.
  const withDimensions = await db.all<TalliedRow>('SELECT received_at, dispatched_at, on_scene_at, cancel_reason, district, type, priority FROM incidents');
  expect(await storedResponseTallies(db)).toEqual(expectedResponseTallies(withDimensions, timeZone));
}

let t: TestCore;
let other: TestCore;
let operatorId: string;

beforeAll(async () => {
  t = await openTestCore({ setup: false });
  t.clock.time = NOW;
  await t.call('setup.complete', { ...SETUP, post: { ...SETUP.post, timeZone: BERLIN } });
  operatorId = (await t.call('session.current', {}))!.id;
  // A year and a bit of history, thicker over the last three weeks (the clock change among them).
  await seedIncidents(t.core.context, operatorId, { count: 1500, days: 400, seed: 21 });
  await seedIncidents(t.core.context, operatorId, { count: 600, days: 20, seed: 22 });
  other = await openTestCore({ letter: 'B' });
  other.clock.time = NOW;
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

// Each test recounts every rollup after many writes: 5 s for the longest on a 2-core machine,
// several times that on a busy one, so the file allows two minutes a test.
describe('the daily rollup', { timeout: 120_000 }, () => {
  it('is built when the post is set up, and equals the incidents after seeding', async () => {
    expect(await t.core.store.reader.get('SELECT zone FROM rollup_meta')).toEqual({ zone: BERLIN });
    expect(await t.core.store.reader.get<{ n: number }>('SELECT count(*) AS n FROM daily_counts')).not.toEqual({ n: 0 });
    expect(await t.core.store.reader.all('SELECT DISTINCT delay FROM response_days ORDER BY delay')).toEqual([{ delay: 'dispatch' }, { delay: 'scene' }]);
    await expectRollupMatches(t);
  });

  it('stays equal to the incidents after calls, edits, status changes, duplicates, a CSV import and a sync', async () => {
    // Calls either side of local midnight and in the hour that repeats at the clock change.
    for (const receivedAt of [Date.UTC(2026, 9, 24, 22), Date.UTC(2026, 9, 24, 22) - 1, Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2026, 9, 25, 1, 30), NOW - HOUR]) {
      await t.call('incidents.log', intake({ receivedAt, type: 'fire', priority: 2, reported: { trapped: 1, injured: 2, dead: 0 } }));
    }
    await expectRollupMatches(t);

    const pick = (n: number) => t.core.store.reader.all<{ id: string; status: string }>(
      `SELECT id, status FROM incidents WHERE received_at > ? AND status NOT IN ('closed', 'cancelled') ORDER BY id LIMIT ?`, [NOW - 20 * DAY, n]);
    // Edits move an incident to another type, district and priority, and change its casualties.
    const edits: Input<'incidents.update'>['changes'][] = [{ type: 'flood' }, { district: 'jableh', subdistrict: null }, { priority: 3 }, { trapped: 7, injured: 0, dead: 2 }, { type: 'sea_rescue', district: 'latakia', subdistrict: null, priority: 1, dead: 1 }];
    for (const [k, incident] of (await pick(25)).entries()) {
      await t.call('incidents.update', { id: incident.id, changes: edits[k % edits.length]! });
    }
    await expectRollupMatches(t);

    // Status moves alone (their own trigger): through to closed, some stopping on the way.
    const moving = await t.core.store.reader.all<{ id: string }>(`SELECT id FROM incidents WHERE status = 'received' ORDER BY id DESC LIMIT 4`);
    expect(moving).toHaveLength(4);
    for (const [k, incident] of moving.entries()) {
      for (const status of (['dispatched', 'on_scene', 'cleared', 'closed'] as const).slice(0, k + 1)) await t.call('incidents.setStatus', { id: incident.id, status, ...(status === 'dispatched' ? { withoutTeam: true, note: 'Sent by radio' } as const : {}) });
    }
    await expectRollupMatches(t);

    // Cancelled: some as duplicates (they leave the statistics), some as false alarms.
    const open = await t.core.store.reader.all<{ id: string }>(`SELECT id FROM incidents WHERE status NOT IN ('closed', 'cancelled') ORDER BY id LIMIT 6`);
    expect(open.length).toBeGreaterThanOrEqual(4);
    for (const [k, incident] of open.entries()) {
      await t.call('incidents.setStatus', { id: incident.id, status: 'cancelled', cancelReason: k % 2 === 0 ? 'duplicate' : 'false_alarm' });
    }
    await expectRollupMatches(t);

    const csv = ['Call Time,Type,Area', '2026-10-25T00:45:00Z,fire,jableh', '2026-10-25T01:45:00Z,flood,latakia', '2026-10-30T23:30:00Z,fire,jableh'].join('\n');
    const mapping = parseMapping({ columns: { received: 'Call Time', type: 'Type', district: 'Area' }, dateFormat: 'iso' });
    expect((await importCsv(t.core.context, operatorId, csv, mapping)).imported).toBe(3);
    await expectRollupMatches(t);

    // Another console's incidents arrive by sync, then an edit of one of them.
    for (const receivedAt of [NOW - 2 * DAY, NOW - 9 * DAY, Date.UTC(2026, 9, 25, 1, 10)]) await other.call('incidents.log', intake({ receivedAt }));
    const deliver = async () => t.core.store.applyRemote(await operationsAbove(other.core.store.reader, await versionVector(t.core.store.reader), 100_000), NOW);
    await deliver();
    await expectRollupMatches(t);
    const theirs = (await other.core.store.reader.get<{ id: string }>('SELECT id FROM incidents ORDER BY received_at LIMIT 1'))!;
    await other.call('incidents.update', { id: theirs.id, changes: { type: 'evacuation', injured: 4 } });
    const second = (await other.core.store.reader.get<{ id: string }>('SELECT id FROM incidents ORDER BY received_at DESC LIMIT 1'))!;
    await other.call('incidents.setStatus', { id: second.id, status: 'dispatched', withoutTeam: true, note: 'Sent by radio' });
    await deliver();
    await expectRollupMatches(t);
    await other.call('incidents.setStatus', { id: theirs.id, status: 'cancelled', cancelReason: 'duplicate' });
    await deliver();
    await expectRollupMatches(t);
  });

  it('follows a change of the time received and a deletion, written to the table directly', async () => {
    const [a, b] = await t.core.store.reader.all<{ id: string }>(`SELECT id FROM incidents WHERE cancel_reason IS NOT 'duplicate' ORDER BY id LIMIT 2`);
    await t.core.store.write(null, async ({ tx }) => {
      await tx.run('UPDATE incidents SET received_at = received_at - 3 * ? - 5 * ? WHERE id = ?', [DAY, HOUR, a!.id]);
      await tx.run('DELETE FROM incidents WHERE id = ?', [b!.id]);
    });
    await expectRollupMatches(t);
  });

  it('follows every change of an assignment, written to the table directly', async () => {
    const cleared = await t.core.store.reader.all<{ id: string }>('SELECT id FROM assignments WHERE cleared_at IS NOT NULL ORDER BY id LIMIT 6');
    const teams = await t.core.store.reader.all<{ id: string }>('SELECT id FROM teams ORDER BY id LIMIT 2');
    const duplicate = (await t.core.store.reader.get<{ id: string }>("SELECT id FROM incidents WHERE cancel_reason = 'duplicate' LIMIT 1"))!;
    expect(cleared).toHaveLength(6);
    const [a, b, c, d, e, f] = cleared.map((r) => r.id);
    await t.core.store.write(null, async ({ tx }) => {
      await tx.run('UPDATE assignments SET dispatched_at = dispatched_at - 2 * ? - 3 * ?, cleared_at = cleared_at - 2 * ? WHERE id = ?', [DAY, HOUR, DAY, a!]);
      await tx.run('UPDATE assignments SET cleared_at = dispatched_at + 8 * ? WHERE id = ?', [DAY, b!]); // longer than a week: left out
      await tx.run('UPDATE assignments SET cleared_at = NULL WHERE id = ?', [c!]); // open again
      await tx.run('UPDATE assignments SET team_id = CASE WHEN team_id = ? THEN ? ELSE ? END WHERE id = ?', [teams[0]!.id, teams[1]!.id, teams[0]!.id, d!]);
      await tx.run('UPDATE assignments SET incident_id = ? WHERE id = ?', [duplicate.id, e!]);
      await tx.run('DELETE FROM assignments WHERE id = ?', [f!]);
    });
    await expectRollupMatches(t);
    await t.core.store.write(null, async ({ tx }) => {
      await tx.run('UPDATE assignments SET cleared_at = dispatched_at + 5 * ? WHERE id = ?', [HOUR, b!]);
      await tx.run('UPDATE assignments SET cleared_at = dispatched_at + 7 * ? WHERE id = ?', [DAY, c!]); // exactly a week: in
    });
    await expectRollupMatches(t);
  });

  it('counts the calls and assignments of a duplicate that arrives after them, or that goes away, as a sync or a batch may order them', async () => {
    const [source] = await t.core.store.reader.all<Record<string, unknown>>('SELECT * FROM incidents WHERE cancel_reason IS NULL ORDER BY id LIMIT 1');
    const id = newRowId(NOW);
    const columns = Object.keys(source!).filter((c) => c !== 'id' && c !== 'number');
    const copied = columns.map((c) => (c === 'cancel_reason' ? `'duplicate'` : c === 'status' ? `'cancelled'` : c)).join(', ');
    await t.core.store.write(null, async ({ tx }) => {
      // The calls first, then their incident, already cancelled as a duplicate of another.
      for (const at of [NOW - 2 * DAY, NOW - 2 * DAY + HOUR]) {
        await tx.run(`INSERT INTO calls (id, incident_id, received_at, source, trapped, injured, dead, operator)
          SELECT ?, ?, ?, 'phone', 0, 0, 0, operator FROM calls LIMIT 1`, [newRowId(at), id, at]);
      }
      // …and a team's assignment to it, synced before the incident too.
      await tx.run(`INSERT INTO assignments (id, incident_id, team_id, dispatched_at, cleared_at, operator)
        SELECT ?, ?, team_id, ?, ?, operator FROM assignments LIMIT 1`, [newRowId(NOW), id, NOW - 2 * DAY + HOUR, NOW - 2 * DAY + 3 * HOUR]);
    });
    await expectRollupMatches(t);
    await t.core.store.write(null, async ({ tx }) => {
      await tx.run(`INSERT INTO incidents (id, number, ${columns.join(', ')}) SELECT ?, 'LTK-DUP-1', ${copied} FROM incidents WHERE id = ?`, [id, source!.id as string]);
    });
    await expectRollupMatches(t);
    await t.core.store.write(null, ({ tx }) => tx.run('DELETE FROM incidents WHERE id = ?', [id]));
    await expectRollupMatches(t);

    // The same for an ordinary incident: its calls and assignment wait outside the tallies until it comes.
    const late = newRowId(NOW);
    await t.core.store.write(null, async ({ tx }) => {
      await tx.run(`INSERT INTO calls (id, incident_id, received_at, source, trapped, injured, dead, operator)
        SELECT ?, ?, ?, 'phone', 0, 0, 0, operator FROM calls LIMIT 1`, [newRowId(NOW), late, NOW - 3 * DAY]);
      await tx.run(`INSERT INTO assignments (id, incident_id, team_id, dispatched_at, cleared_at, operator)
        SELECT ?, ?, team_id, ?, ?, operator FROM assignments LIMIT 1`, [newRowId(NOW), late, NOW - 3 * DAY + HOUR, NOW - 3 * DAY + 2 * HOUR]);
    });
    await expectRollupMatches(t);
    const plain = columns.map((c) => (c === 'received_at' ? '?' : c)).join(', ');
    await t.core.store.write(null, ({ tx }) =>
      tx.run(`INSERT INTO incidents (id, number, ${columns.join(', ')}) SELECT ?, 'LTK-LATE-1', ${plain} FROM incidents WHERE id = ?`, [late, NOW - 3 * DAY, source!.id as string]));
    await expectRollupMatches(t);
    await t.core.store.write(null, ({ tx }) => tx.run('DELETE FROM incidents WHERE id = ?', [late]));
    await expectRollupMatches(t);
  });

  it('gives the same statistics as reading the incidents alone, for every period and filter', async () => {
    // The last 24 hours hold no whole local day; every other period does.
    const periods: StatsQuery['period'][] = [
      { lastHours: 24 }, { lastHours: 7 * 24 }, { lastHours: 30 * 24 },
      { from: '2026-10-04', to: '2026-11-02' }, { from: '2025-11-01', to: '2026-10-31' }, { from: '2026-10-25', to: '2026-10-27' },
      { from: '2026-10-25', to: '2026-11-03' }, { from: '2026-10-26', to: '2026-10-26' }, { from: '2025-03-30', to: '2025-04-02' },
    ];
    const filterSets: StatsQuery['filters'][] = [{}, { district: 'jableh' }, { type: 'fire' }, { priority: 1 }, { district: 'latakia', priority: 2 }];
    for (const period of periods) {
      for (const filters of filterSets) {
        const issued: string[] = [];
        const query = { period, filters };
        const rolled = await statsReport(noting(t.core.store.reader, issued), query, BERLIN, NOW);
        const raw = await statsReport(withoutRollup(t.core.store.reader), query, BERLIN, NOW);
        expect(rolled, JSON.stringify(query)).toEqual(raw);
        // Every period with a whole local day in it reads that day from the rollup.
        expect(issued.some((sql) => sql.includes('daily_counts')), JSON.stringify(query)).toBe(!('lastHours' in period && period.lastHours === 24));
      }
    }
  });

  it('gives the same rows for the command line and the shift summary, by every grouping', async () => {
    for (const [from, to] of [['2026-10-20', '2026-11-03'], ['2025-12-01', '2026-10-31']] as const) {
      for (const filters of [{}, { type: 'fire' as const }]) {
        const scope = { timeZone: BERLIN, range: localDatesToRange(from, to, BERLIN), filters };
        for (const grouping of GROUPINGS) {
          const issued: string[] = [];
          expect(await statsRows(noting(t.core.store.reader, issued), scope, grouping)).toEqual(await statsRows(withoutRollup(t.core.store.reader), scope, grouping));
          expect(issued.some((sql) => sql.includes('daily_counts'))).toBe(true);
        }
      }
    }
    const summary = await t.call('summary.get', { period: { day: '2026-10-25' } });
    expect(summary.responseTimes.last7Days.incidents).toBeGreaterThan(0);
  });

  it('is rebuilt for another zone, and statistics for a zone it is not built for read the incidents', async () => {
    expect(await ensureRollup(t.core.store, 'Asia/Damascus')).toBe(true);
    expect(await ensureRollup(t.core.store, 'Asia/Damascus')).toBe(false);
    await expectRollupMatches(t, 'Asia/Damascus');
    const query = { period: { from: '2026-10-04', to: '2026-11-02' }, filters: {} };
    const issued: string[] = [];
    expect(await statsReport(noting(t.core.store.reader, issued), query, BERLIN, NOW)).toEqual(await statsReport(withoutRollup(t.core.store.reader), query, BERLIN, NOW));
    expect(issued.some((sql) => sql.includes('daily_counts'))).toBe(false);
    // Writes while it is built for Damascus keep it right for Damascus.
    await t.call('incidents.log', intake({ receivedAt: NOW - 5 * HOUR }));
    await expectRollupMatches(t, 'Asia/Damascus');
    expect(await ensureRollup(t.core.store, BERLIN)).toBe(true);
    await expectRollupMatches(t);
  });

  it('after a tz database update, is rebuilt only if the zone\'s offsets moved', async () => {
    const rows = () => t.core.store.reader.all('SELECT * FROM daily_counts ORDER BY day, type, district, priority');
    const before = await rows();
    await t.core.store.write(null, ({ tx }) => tx.run("UPDATE rollup_meta SET tzdata = 'older'"));
    expect(await ensureRollup(t.core.store, BERLIN)).toBe(false);
    expect(await t.core.store.reader.get<{ tzdata: string }>('SELECT tzdata FROM rollup_meta')).not.toEqual({ tzdata: 'older' });
    // As if the older database had put a clock change an hour later: the rows are rebuilt with today's offsets.
    await t.core.store.write(null, async ({ tx }) => {
      await tx.run("UPDATE rollup_meta SET tzdata = 'older'");
      await tx.run('UPDATE zone_offsets SET start_ms = start_ms + 3600000 WHERE start_ms = ?', [Date.UTC(2026, 9, 25, 1)]);
      await tx.run('DELETE FROM daily_counts WHERE day = ?', [Date.UTC(2026, 9, 25) / DAY]);
    });
    expect(await ensureRollup(t.core.store, BERLIN)).toBe(true);
    expect(await rows()).toEqual(before);
  });

  it('is built at open for a database that has none yet, as after the migration', async () => {
    await t.core.store.write(null, async ({ tx }) => {
      await tx.run('UPDATE rollup_meta SET zone = NULL, tzdata = NULL');
      await tx.run('DELETE FROM daily_counts');
      await tx.run('DELETE FROM call_days');
      await tx.run('DELETE FROM team_days');
      await tx.run('DELETE FROM call_tallies');
      await tx.run('DELETE FROM team_tallies');
      await tx.run('DELETE FROM response_tallies');
      await tx.run('DELETE FROM zone_offsets');
    });
    await t.reopen();
    t.clock.time = NOW;
    expect(await t.core.store.reader.get('SELECT zone FROM rollup_meta')).toEqual({ zone: BERLIN });
    await expectRollupMatches(t);
  });
});
