// The queue counts and the signed-in operator are kept between calls until something is
// committed: by this core at once, by another process on the same file within a second.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '../../../electron/core/db/connection';
import { UntilChanged } from '../../../electron/core/db/untilChanged';
import { queue } from '../../../electron/core/incidents/queries';
import { intake, openTestCore, type TestCore } from '../testCore';
import { noting } from '../readers';

const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

describe('answers kept until the database changes', () => {
  it('count the queues once for every page, and again after each commit of this core', async () => {
    const t = await openTestCore();
    cores.push(t);
    await t.call('incidents.log', intake());
    const issued: string[] = [];
    const reader = noting(t.core.store.reader, issued);
    const { untilChanged } = t.core.store;
    const counted = () => issued.filter((sql) => sql.includes('GROUP BY status')).length;
    const first = await queue(reader, { queue: 'waiting' }, untilChanged);
    await queue(reader, { queue: 'waiting', offset: 100 }, untilChanged);
    await queue(reader, { queue: 'active' }, untilChanged);
    expect(first.counts).toEqual({ waiting: 1, active: 0, closure: 0 });
    expect(counted()).toBe(1);
    // Another filter is another answer.
    await queue(reader, { queue: 'waiting', district: 'jableh' }, untilChanged);
    expect(counted()).toBe(2);
    // A commit of this core is seen by the very next call, not a second later.
    const logged = await t.call('incidents.log', intake());
    expect((await queue(reader, { queue: 'waiting' }, untilChanged)).counts).toEqual({ waiting: 2, active: 0, closure: 0 });
    expect(counted()).toBe(3);
    // Through the channel, after the status of one changed.
    await t.call('incidents.setStatus', { id: logged.incidentId, status: 'cancelled', cancelReason: 'false_alarm' });
    expect((await t.call('incidents.queue', { queue: 'waiting' })).counts).toEqual({ waiting: 1, active: 0, closure: 0 });
  });

  it("see another process's commits on the same file within a second", async () => {
    const t = await openTestCore();
    cores.push(t);
    await t.call('incidents.log', intake());
    expect((await t.call('incidents.queue', { queue: 'waiting' })).counts.waiting).toBe(1);
    // The command line opening the same data folder is another core on the same file.
    const other = await openTestCore({ dir: t.dir, setup: false });
    other.session.operatorId = t.session.operatorId;
    await other.call('incidents.log', intake());
    await other.close();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await t.call('incidents.queue', { queue: 'waiting' })).counts.waiting).toBe(2);
  });

  it('never serve an answer worked out before a change after that change, and never keep a failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-until-'));
    const db = await Connection.open(join(dir, 'x.db'), 'readwrite');
    try {
      let now = 0;
      const kept = new UntilChanged(db, () => now);
      let computed = 0;
      const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++computed), 20));
      const racing = kept.get('n', slow);
      kept.changed(); // a commit while it was being worked out
      expect(await racing).toBe(1);
      expect(await kept.get('n', slow)).toBe(2);
      expect(await kept.get('n', slow)).toBe(2);
      await expect(kept.get('bad', () => Promise.reject(new Error('disk')))).rejects.toThrow('disk');
      expect(await kept.get('bad', async () => 'fine')).toBe('fine');
      // Another connection's commit: unseen until a look, and looks are at most once a second.
      await kept.refresh();
      expect(await kept.get('n', slow)).toBe(3);
      const writer = await Connection.open(join(dir, 'x.db'), 'readwrite');
      await writer.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
      await writer.close();
      now = 500;
      await kept.refresh();
      expect(await kept.get('n', slow)).toBe(3);
      now = 1000;
      await kept.refresh();
      expect(await kept.get('n', slow)).toBe(4);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
