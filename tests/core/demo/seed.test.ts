import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoData, seedIncidents } from '../../../electron/core/demo/seed';
import { openTestCore, SETUP, T0, type TestCore } from '../testCore';

let t: TestCore;
afterEach(async () => t?.close());

describe('synthetic data', () => {
  it('is consistent: statuses agree with timestamps, teams are never in two places, and teams move with their incidents', async () => {
    t = await openTestCore();
    const operator = await t.call('session.current', {});
    await seedIncidents(t.core.context, operator!.id, { count: 1500, days: 5, seed: 42 });
    const db = t.core.store.reader;
    const q = async (sql: string) => (await db.get<{ n: number }>(sql))?.n;

    expect(await q('SELECT count(*) AS n FROM incidents')).toBe(1500);
    // Timestamps in order, and the status the last one implies.
    expect(await q(`SELECT count(*) AS n FROM incidents WHERE
        (dispatched_at IS NOT NULL AND dispatched_at < received_at) OR (on_scene_at < dispatched_at) OR (cleared_at < on_scene_at)
        OR (closed_at < cleared_at) OR received_at > ${t.clock.now()}`)).toBe(0);
    expect(await q(`SELECT count(*) AS n FROM incidents WHERE status <> CASE
        WHEN cancelled_at IS NOT NULL THEN 'cancelled' WHEN closed_at IS NOT NULL THEN 'closed' WHEN cleared_at IS NOT NULL THEN 'cleared'
        WHEN on_scene_at IS NOT NULL THEN 'on_scene' WHEN dispatched_at IS NOT NULL THEN 'dispatched' ELSE 'received' END`)).toBe(0);
    // No team has two assignments that overlap in time.
    expect(await q(`SELECT count(*) AS n FROM assignments a JOIN assignments b ON a.team_id = b.team_id AND a.id < b.id
        AND a.dispatched_at < coalesce(b.cleared_at, 9e15) AND b.dispatched_at < coalesce(a.cleared_at, 9e15)`)).toBe(0);
    expect(await t.call('teams.conflicts', {})).toEqual([]);
    // The first team on scene is when the incident went on scene; the last to clear, when it cleared.
    expect(await q(`SELECT count(*) AS n FROM incidents i WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.incident_id = i.id)
        AND (i.on_scene_at IS NOT (SELECT min(on_scene_at) FROM assignments a WHERE a.incident_id = i.id)
          OR (i.cleared_at IS NOT NULL AND i.cleared_at IS NOT (SELECT max(cleared_at) FROM assignments a WHERE a.incident_id = i.id)))`)).toBe(0);
    // A team busy on an open incident shows it on the board; the queues have work in them.
    const board = await t.call('teams.board', {});
    for (const team of board.filter((b) => b.incident)) expect(['dispatched', 'en_route', 'on_scene']).toContain(team.status);
    expect(board.filter((b) => b.status === 'available').length).toBeGreaterThan(0);
    const counts = (await t.call('incidents.queue', { queue: 'waiting' })).counts;
    expect(counts.active + counts.waiting + counts.closure).toBeGreaterThan(0);
  });

  it('demo data leaves work in every queue, whatever the hour it is loaded', async () => {
    for (const hour of [0, 5, 13]) {
      t = await openTestCore();
      t.clock.time = T0 + hour * 3_600_000;
      const operator = await t.call('session.current', {});
      await loadDemoData(t.core.context, operator!.id);
      const { counts } = await t.call('incidents.queue', { queue: 'waiting' });
      expect(counts.waiting, `at ${hour}:00`).toBeGreaterThan(0);
      expect(counts.active, `at ${hour}:00`).toBeGreaterThan(0);
      expect(counts.closure, `at ${hour}:00`).toBeGreaterThan(0);
      await t.close();
    }
  });

  for (const language of ['ar', 'en'] as const) {
    it(`demo data as a newcomer loads it is believable: no team in two open incidents, none on scene ten hours, call signs in the post's language (${language})`, async () => {
      t = await openTestCore({ setup: false });
      await t.call('setup.complete', { ...SETUP, language, loadDemo: true });
      const db = t.core.store.reader;
      const now = t.clock.now();
      // The three batches of the demo together: a team still out on one incident is not sent to another.
      const twice = await db.all<{ call_sign: string }>(`SELECT t.call_sign FROM assignments a JOIN teams t ON t.id = a.team_id
          WHERE a.cleared_at IS NULL GROUP BY a.team_id HAVING count(*) > 1`);
      expect(twice.map((r) => r.call_sign)).toEqual([]);
      expect(await db.get<{ n: number }>(`SELECT count(*) AS n FROM assignments a JOIN assignments b ON a.team_id = b.team_id AND a.id < b.id
          AND a.dispatched_at < coalesce(b.cleared_at, 9e15) AND b.dispatched_at < coalesce(a.cleared_at, 9e15)`)).toEqual({ n: 0 });
      expect(await t.call('teams.conflicts', {})).toEqual([]);
      // Hours on scene, whether the team has cleared or is there now.
      const longest = await db.get<{ h: number }>(`SELECT max(coalesce(cleared_at, ?) - on_scene_at) / 3600000.0 AS h FROM assignments WHERE on_scene_at IS NOT NULL`, [now]);
      expect(longest!.h).toBeGreaterThan(0);
      expect(longest!.h).toBeLessThan(10);
      // Call signs and vehicles as the post writes them.
      const teams = await db.all<{ call_sign: string; vehicle: string }>('SELECT call_sign, vehicle FROM teams');
      expect(teams.length).toBeGreaterThan(0);
      const foreign = language === 'ar' ? /[A-Za-z]/ : /[\u0600-\u06ff]/;
      expect(teams.filter((x) => foreign.test(x.call_sign) || foreign.test(x.vehicle))).toEqual([]);
    });
  }
});
