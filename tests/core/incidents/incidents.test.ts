import { afterEach, describe, expect, it } from 'vitest';
import { queueSql } from '../../../electron/core/incidents/queries';
import { intake, MINUTE, openTestCore, T0, type TestCore } from '../testCore';

let t: TestCore;
afterEach(async () => t?.close());

describe('logging a call', () => {
  it('opens an incident numbered by post, local date, console letter and sequence', async () => {
    t = await openTestCore();
    const result = await t.call('incidents.log', intake());
    expect(result).toMatchObject({ number: 'LTK-261124-A001', attached: false });
    const incident = await t.call('incidents.get', { id: result.incidentId });
    expect(incident).toMatchObject({
      status: 'received', type: 'building_collapse', priority: 1, district: 'latakia',
      locality: 'الرمل الجنوبي', trapped: 3, injured: 2, dead: 0, receivedAt: T0, createdBy: 'Rania Haddad',
    });
    expect(incident.calls).toHaveLength(1);
    expect(incident.calls[0]).toMatchObject({ source: 'phone', callerPhone: '0933 123 456', operatorName: 'Rania Haddad' });
    expect(incident.timeline.map((e) => [e.kind, e.status])).toEqual([['status', 'received']]);
  });

  it("dates the number in the post's time zone, not UTC", async () => {
    t = await openTestCore();
    // 22:30 UTC on 23 November is already 01:30 on the 24th in Damascus.
    const result = await t.call('incidents.log', intake({ receivedAt: Date.UTC(2026, 10, 23, 22, 30) }));
    expect(result.number).toBe('LTK-261124-A001');
  });

  it('gives every incident its own number when many are created at once', async () => {
    t = await openTestCore();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      t.call('incidents.log', intake({ location: { district: 'jableh', locality: `قرية ${i}` } }))));
    const numbers = results.map((r) => r.number).sort();
    expect(new Set(numbers).size).toBe(40);
    expect(numbers[0]).toBe('LTK-261124-A001');
    expect(numbers[39]).toBe('LTK-261124-A040');
  });

  it('keeps numbers from two consoles apart by their letters', async () => {
    t = await openTestCore({ letter: 'A' });
    const other = await openTestCore({ letter: 'B' });
    try {
      const a = await t.call('incidents.log', intake());
      const b = await other.call('incidents.log', intake());
      expect(a.number).toBe('LTK-261124-A001');
      expect(b.number).toBe('LTK-261124-B001');
      expect(t.core.store.origin).not.toBe(other.core.store.origin);
    } finally {
      await other.close();
    }
  });

  it('records who made the change in an operation for every field it wrote', async () => {
    t = await openTestCore();
    const operator = await t.call('session.current', {});
    const result = await t.call('incidents.log', intake());
    const ops = await t.core.store.reader.all<{ entity: string; row_id: string; field: string; operator: string; value: string }>(
      'SELECT entity, row_id, field, operator, value FROM operations WHERE entity <> ? ORDER BY seq', ['operator']);
    expect(ops.map((o) => [o.entity, o.field])).toEqual([['incident', '*'], ['call', '*']]);
    expect(new Set(ops.map((o) => o.operator))).toEqual(new Set([operator?.id]));
    expect(ops[0]?.row_id).toBe(result.incidentId);
    expect(JSON.parse(ops[0]?.value ?? '{}')).toMatchObject({ number: result.number, priority: 1, status: 'received' });
  });

  it('refuses a district that is not on the region list, beside the field, writing nothing', async () => {
    t = await openTestCore();
    const result = await t.core.invoke(t.session, 'incidents.log', intake({ location: { district: 'atlantis' } }));
    expect(result).toEqual({ ok: false, error: { code: 'error.invalidInput', fields: { 'location.district': 'validation.unknownDistrict' } } });
    const result2 = await t.core.invoke(t.session, 'incidents.log', intake({ location: { district: 'latakia', subdistrict: 'nowhere' } }));
    expect(result2.ok || result2.error.fields).toEqual({ 'location.subdistrict': 'validation.unknownSubdistrict' });
    expect((await t.core.store.reader.get<{ n: number }>('SELECT count(*) AS n FROM incidents'))?.n).toBe(0);
  });
});

describe('duplicate reports', () => {
  it('offers an open incident at the same district and village from the last three hours', async () => {
    t = await openTestCore();
    const first = await t.call('incidents.log', intake());
    t.clock.advance(20 * MINUTE);
    const query = { receivedAt: T0 + 20 * MINUTE, district: 'latakia', locality: 'الرمل  الجنوبى' };
    const found = await t.call('incidents.findDuplicates', query);
    expect(found.map((c) => c.number)).toEqual([first.number]);
    expect(await t.call('incidents.findDuplicates', { ...query, district: 'jableh' })).toEqual([]);
    expect(await t.call('incidents.findDuplicates', { ...query, receivedAt: T0 + 3 * 60 * MINUTE + 1 })).toEqual([]);
  });

  it('offers an incident within 500 m by coordinates, and not one 600 m away', async () => {
    t = await openTestCore();
    const here = { lat: 35.5212, lon: 35.7915 };
    const first = await t.call('incidents.log', intake({ location: { district: 'latakia', ...here } }));
    const near = { lat: here.lat + 0.004, lon: here.lon }; // ≈ 445 m north
    const far = { lat: here.lat + 0.0054, lon: here.lon }; // ≈ 600 m north
    const found = await t.call('incidents.findDuplicates', { receivedAt: T0, district: 'jableh', coordinates: near });
    expect(found.map((c) => c.number)).toEqual([first.number]);
    expect(found[0]?.distanceM).toBeGreaterThan(400);
    expect(found[0]?.distanceM).toBeLessThan(500);
    expect(await t.call('incidents.findDuplicates', { receivedAt: T0, district: 'latakia', coordinates: far })).toEqual([]);
  });

  it('attaches a call to the incident it reports again; the incident lists all its calls', async () => {
    t = await openTestCore();
    const first = await t.call('incidents.log', intake());
    t.clock.advance(5 * MINUTE);
    const second = await t.call('incidents.log', intake({
      receivedAt: T0 + 5 * MINUTE, source: 'radio', callerName: 'Rescue 3', description: 'two more trapped on the second floor',
      attachToIncidentId: first.incidentId,
    }));
    expect(second).toMatchObject({ incidentId: first.incidentId, number: first.number, attached: true });
    const incident = await t.call('incidents.get', { id: first.incidentId });
    expect(incident.calls.map((c) => c.source)).toEqual(['phone', 'radio']);
    expect(incident.timeline.map((e) => e.kind)).toEqual(['status', 'call']);
    const queue = await t.call('incidents.queue', { queue: 'waiting' });
    expect(queue.rows).toHaveLength(1);
    expect(queue.rows[0]?.callCount).toBe(2);
  });

  it('will not attach a call to a closed incident', async () => {
    t = await openTestCore();
    const first = await t.call('incidents.log', intake());
    await t.call('incidents.setStatus', { id: first.incidentId, status: 'cancelled', cancelReason: 'false_alarm' });
    const result = await t.core.invoke(t.session, 'incidents.log', intake({ attachToIncidentId: first.incidentId }));
    expect(result).toEqual({ ok: false, error: { code: 'error.attachToClosed' } });
    expect((await t.call('incidents.get', { id: first.incidentId })).calls).toHaveLength(1);
  });
});

describe('the call queues', () => {
  it('order each queue by priority, then by waiting time, and count all three', async () => {
    t = await openTestCore();
    const log = (priority: 1 | 2 | 3, minutesAgo: number, district = 'latakia') =>
      t.call('incidents.log', intake({ priority, receivedAt: T0 - minutesAgo * MINUTE, location: { district, locality: `${priority}-${minutesAgo}` } }));
    const p3old = await log(3, 50);
    const p1new = await log(1, 5);
    const p1old = await log(1, 30, 'jableh');
    const p2 = await log(2, 40);
    await t.call('incidents.setStatus', { id: p2.incidentId, status: 'dispatched', withoutTeam: true, note: 'Sent by radio' });

    const waiting = await t.call('incidents.queue', { queue: 'waiting' });
    expect(waiting.rows.map((r) => r.id)).toEqual([p1old.incidentId, p1new.incidentId, p3old.incidentId]);
    expect(waiting.counts).toEqual({ waiting: 3, active: 1, closure: 0 });
    const active = await t.call('incidents.queue', { queue: 'active' });
    expect(active.rows.map((r) => r.id)).toEqual([p2.incidentId]);
    expect(active.rows[0]?.statusAt).toBe(T0);

    expect((await t.call('incidents.queue', { queue: 'waiting', district: 'jableh' })).rows.map((r) => r.id)).toEqual([p1old.incidentId]);
    expect((await t.call('incidents.queue', { queue: 'waiting', priority: 3 })).rows.map((r) => r.id)).toEqual([p3old.incidentId]);
    expect((await t.call('incidents.queue', { queue: 'waiting', type: 'fire' })).rows).toEqual([]);
  });

  it('pages a long queue: the pages join up to the whole queue in order, with its length', async () => {
    t = await openTestCore();
    for (let i = 0; i < 23; i++) {
      await t.call('incidents.log', intake({ priority: ((i % 3) + 1) as 1 | 2 | 3, receivedAt: T0 - (i + 1) * MINUTE, location: { district: 'latakia', locality: `page ${i}` } }));
    }
    const whole = await t.call('incidents.queue', { queue: 'waiting', limit: 1000 });
    expect(whole.rows).toHaveLength(23);
    const pages = [];
    for (let offset = 0; offset < 23; offset += 10) {
      const page = await t.call('incidents.queue', { queue: 'waiting', offset, limit: 10 });
      expect(page).toMatchObject({ offset, total: 23 });
      pages.push(...page.rows);
    }
    expect(pages.map((r) => r.id)).toEqual(whole.rows.map((r) => r.id));
    expect(pages.map((r) => r.priority)).toEqual([...pages.map((r) => r.priority)].sort());
    expect((await t.call('incidents.queue', { queue: 'waiting', offset: 40, limit: 10 })).rows).toEqual([]);
    const refused = await t.core.invoke(t.session, 'incidents.queue', { queue: 'waiting', limit: 0 });
    expect(refused.ok).toBe(false);
  });

  it('picks a queue page from the queue index alone, whatever the filters, so a deep page costs no more than the first', async () => {
    t = await openTestCore();
    for (const queue of ['waiting', 'active', 'closure'] as const) {
      for (const filters of [{}, { district: 'jableh' }, { type: 'fire' as const, priority: 2 as const }]) {
        const { sql, params } = queueSql({ queue, ...filters, offset: 4900, limit: 100 });
        const plan = (await t.core.store.reader.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((p) => p.detail);
        // The page's ids from the covering index; then its hundred rows by rowid.
        expect(plan.some((d) => d.startsWith('SEARCH incidents USING COVERING INDEX incidents_queue (status=?')), `${queue} ${JSON.stringify(filters)}: ${plan.join(' | ')}`).toBe(true);
        expect(plan.some((d) => /^SEARCH i USING INTEGER PRIMARY KEY \(rowid=\?\)/.test(d))).toBe(true);
      }
    }
  });

  it('announces every saved change so that open views re-ask', async () => {
    t = await openTestCore();
    const events: string[][] = [];
    t.core.onChange((e) => events.push(e.entities));
    await t.call('incidents.log', intake());
    expect(events).toEqual([['incident', 'call', 'timeline']]);
    await t.core.invoke(t.session, 'incidents.log', { nonsense: true });
    expect(events).toHaveLength(1);
  });
});
