// Issue #21 item 5: a batch of synced operations applied as a set (sync/applySet.ts) ends
// exactly where applying the same operations one at a time ends: the same rows, the same
// conflicts, the same quarantine, and the same statistics.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldConflicts } from '../../../electron/core/sync/conflicts';
import { operationsAbove, stateHash } from '../../../electron/core/sync/exchange';
import type { Operation } from '../../../electron/core/oplog/operation';
import { quarantineCounts } from '../../../electron/core/sync/quarantine';
import { seedIncidents } from '../../../electron/core/demo/seed';
import { rebuildRollup, zoneSegments } from '../../../electron/core/stats/rollup';
import { statsReport } from '../../../electron/core/stats/statistics';
import { statsQuery } from '../../../shared/api/schemas';
import { writeEdits } from '../../hub/workload';
import { intake, MINUTE, openTestCore, T0, type TestCore } from '../testCore';

const open: TestCore[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function consoles(letters: string, setup = true): Promise<TestCore[]> {
  const list: TestCore[] = [];
  for (const letter of letters) list.push(await openTestCore({ letter, setup }));
  open.push(...list);
  return list;
}

const DAY = 24 * 60 * MINUTE;
const all = (t: TestCore) => operationsAbove(t.core.store.reader, {}, 100_000);

async function send(from: TestCore, to: TestCore) {
  const theirs = new Set((await all(to)).map((op) => `${op.origin}/${op.seq}`));
  await to.core.store.applyRemote((await all(from)).filter((op) => !theirs.has(`${op.origin}/${op.seq}`)), to.clock.now());
}

/**
 * Three consoles of one post: incidents logged on A and shared; then, apart, B and C edit the
 * same fields, one cancels while the other closes, both add notes; and operations no console
 * may apply (a clock a year and more ahead, a value the API refuses).
 */
async function workload(): Promise<Operation[]> {
  const [a, b, c] = await consoles('ABC');
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    a!.clock.advance(MINUTE);
    ids.push((await a!.call('incidents.log', intake({ priority: (1 + (i % 3)) as 1 | 2 | 3, receivedAt: a!.clock.now() }))).incidentId);
  }
  for (const id of ids.slice(0, 3)) {
    for (const status of ['dispatched', 'on_scene', 'cleared'] as const) {
      a!.clock.advance(MINUTE);
      await a!.call('incidents.setStatus', { id, status, ...(status === 'dispatched' ? { withoutTeam: true, note: 'Sent by radio' } as const : {}) });
    }
  }
  await send(a!, b!);
  await send(a!, c!);
  for (const [k, id] of ids.entries()) {
    b!.clock.advance(MINUTE);
    c!.clock.advance(MINUTE);
    await b!.call('incidents.update', { id, changes: { priority: 1, landmark: `B ${k}` } });
    await c!.call('incidents.update', { id, changes: { priority: 3, landmark: `C ${k}`, trapped: k, injured: 1 } });
    await b!.call('timeline.addNote', { incidentId: id, text: `from B ${k}` });
    if (k < 3) {
      await b!.call('incidents.setStatus', { id, status: 'cancelled', cancelReason: 'false_alarm' });
      await c!.call('incidents.setStatus', { id, status: 'closed' });
    }
  }
  // C logs a new incident and edits it at once: elsewhere, its edits may arrive before its create.
  c!.clock.advance(MINUTE);
  const late = (await c!.call('incidents.log', intake({ receivedAt: c!.clock.now() }))).incidentId;
  await c!.call('incidents.update', { id: late, changes: { landmark: 'by the port' } });
  // B, having seen C's edits, edits again: newer whatever the clocks.
  await send(c!, b!);
  b!.clock.time = T0; // B's clock put back behind everyone's
  await b!.call('incidents.update', { id: ids[4]!, changes: { landmark: 'B after seeing C' } });

  const ops = [...await all(a!), ...await all(b!), ...await all(c!)];
  const unique = [...new Map(ops.map((op) => [`${op.origin}/${op.seq}`, op])).values()];
  // What no console applies: a clock far beyond the cap, a control character in a landmark.
  const c0 = unique.find((op) => op.field === 'landmark')!;
  const origin = c0.origin;
  const top = Math.max(...unique.filter((op) => op.origin === origin).map((op) => op.seq));
  const ahead = { ...c0, seq: top + 1, hlc: `${String(T0 + 400 * DAY).padStart(15, '0')}${c0.hlc.slice(15)}` };
  const unsafe = { ...c0, seq: top + 2, value: JSON.stringify('by the\u202Eport') };
  return [...unique, ahead, unsafe];
}

/** Everything a console's sync state shows: rows, conflicts, what is held and why. */
async function outcome(t: TestCore) {
  const db = t.core.store.reader;
  return {
    state: await stateHash(db),
    conflicts: await fieldConflicts(db, {}),
    quarantine: await quarantineCounts(db),
    held: await db.all('SELECT origin, seq, reason FROM quarantine ORDER BY origin, seq'),
    vector: await db.all('SELECT origin, seq FROM version_vector ORDER BY origin'),
  };
}

/** A fresh console given `ops` in this order and these batch sizes. */
async function receive(ops: readonly Operation[], batch: number): Promise<TestCore> {
  // Not set up: the rows of its own first run would differ from one fresh console to the next.
  const [t] = await consoles('D', false);
  for (let i = 0; i < ops.length; i += batch) await t!.core.store.applyRemote(ops.slice(i, i + batch), T0 + DAY);
  return t!;
}

describe('a batch applied as a set', () => {
  it('ends as the same operations applied one at a time: rows, conflicts, quarantine', async () => {
    const ops = await workload();
    const oneByOne = await outcome(await receive(ops, 1));
    // The workload has what the comparison is about.
    expect(oneByOne.conflicts.conflicts.length).toBeGreaterThan(0);
    expect(oneByOne.quarantine.heldByReason).toMatchObject({ clockAhead: 1, unsafeValue: 1 });
    await fc.assert(fc.asyncProperty(
      fc.array(fc.nat(1000), { minLength: ops.length, maxLength: ops.length }),
      fc.integer({ min: 2, max: ops.length }),
      async (keys, batch) => {
        // Any order: changes before their row's create, creates after their edits, batches cut anywhere.
        const order = ops.map((op, i) => ({ op, key: keys[i]! })).sort((x, y) => x.key - y.key).map((x) => x.op);
        const t = await receive(order, batch);
        const got = await outcome(t);
        await t.close();
        expect(got).toEqual(oneByOne);
      }), { numRuns: 6 });
  }, 600_000);

  it('takes a row\'s create again where the log lost it but the row is here (a damaged restore), one operation at a time', async () => {
    const ops = await workload();
    const t = await receive(ops, ops.length);
    const whole = await outcome(t);
    // Whether a row is here is read from its create in the log (applySet.ts heldCreates): this row is, without it.
    const create = ops.find((op) => op.entity === 'incident' && op.field === '*' && ops.some((o) => o.rowId === op.rowId && o.field !== '*'))!;
    await t.core.store.write(null, ({ tx }) => tx.run('DELETE FROM operations WHERE origin = ? AND seq = ?', [create.origin, create.seq]));
    const again = await t.core.store.applyRemote([create], T0 + DAY);
    expect(again).toMatchObject({ applied: 1, quarantined: [] });
    // The row as its writes decide, the same as before: not the create's values over later edits.
    expect(await outcome(t)).toEqual(whole);
  }, 120_000);
});

/**
 * Every table of the statistics' rollup (migrations 009–018) and what makes a row count: rows
 * counting nothing are left out, since triggers leave some behind after an edit moves an
 * incident away and a rebuild never writes them; the figures read from them are the same.
 */
const ROLLUPS: Record<string, string> = {
  daily_counts: 'n <> 0', call_days: 'calls <> 0 OR duplicate_calls <> 0', call_tallies: 'calls <> 0',
  team_days: 'n <> 0', team_tallies: 'n <> 0', response_days: 'n <> 0', response_tallies: 'n <> 0',
};

async function rollups(t: TestCore): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [table, counts] of Object.entries(ROLLUPS)) {
    out[table] = (await t.core.store.reader.all(`SELECT * FROM ${table} WHERE ${counts}`)).map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

describe('the statistics after a batch applied as a set', () => {
  it('are those of the console that made the same incidents, and what a rebuild from the rows gives', async () => {
    const [a] = await consoles('A');
    const operatorId = (await a!.call('session.current', {}))!.id;
    // Incidents with their calls, dispatches, notes and status moves over a month, then edits
    // that move their counts (priority, trapped) between rollup rows.
    await seedIncidents(a!.core.context, operatorId, { count: 300, days: 30, seed: 5 });
    const ids = (await a!.core.store.reader.all<{ id: string }>('SELECT id FROM incidents ORDER BY id')).map((r) => r.id);
    const before = (await all(a!)).length;
    await writeEdits(a!.core.store, operatorId, ids, Math.max(0, 5_000 - before), 'edit', 500);
    const ops = await all(a!);
    expect(ops.length).toBeGreaterThanOrEqual(5_000);
    expect(await a!.core.store.reader.get('SELECT count(*) AS n FROM daily_counts')).not.toEqual({ n: 0 });

    // A console of the same post's zone, receiving all of it in one batch.
    const [d] = await consoles('D');
    const received = await d!.core.store.applyRemote(ops, a!.clock.now());
    expect(received.quarantined).toEqual([]);
    expect(await rollups(d!)).toEqual(await rollups(a!));
    // The statistics screen's figures over the seeded hours, read through the rollup.
    const report = (t: TestCore) => statsReport(t.core.store.reports, statsQuery.parse({ period: { lastHours: 31 * 24 } }), 'Asia/Damascus', a!.clock.now());
    expect(await report(d!)).toEqual(await report(a!));
    // And what rebuilding every rollup row from the tables gives.
    const applied = await rollups(d!);
    await d!.core.store.write(null, ({ tx }) => rebuildRollup(tx, 'Asia/Damascus', zoneSegments('Asia/Damascus')));
    expect(await rollups(d!)).toEqual(applied);
  }, 600_000);
});

describe('the statistics after a catch-up in many batches', () => {
  it('stay those of the console that made the operations, in order or shuffled, and what a rebuild gives', async () => {
    const [a] = await consoles('A');
    const operatorId = (await a!.call('session.current', {}))!.id;
    await seedIncidents(a!.core.context, operatorId, { count: 120, days: 20, seed: 11 });
    const rows = await a!.core.store.reader.all<{ id: string; type: string; district: string }>(
      'SELECT id, type, district FROM incidents ORDER BY id');
    await writeEdits(a!.core.store, operatorId, rows.map((r) => r.id), 600, 'edit', 200);
    // Edits that move an incident, with its calls and its teams' hours, between rollup rows:
    // another type and district, other casualties, cancelled as a duplicate and then not.
    await a!.core.store.write(operatorId, (w) => w.record(rows.slice(0, 60).map((r, k) => {
      const other = rows[(k + 7) % rows.length]!;
      switch (k % 4) {
        case 0: return { entity: 'incident', rowId: r.id, set: { type: other.type, district: other.district } };
        case 1: return { entity: 'incident', rowId: r.id, set: { injured: k % 5, dead: k % 2 } };
        default: return { entity: 'incident', rowId: r.id, set: { status: 'cancelled', cancelReason: 'duplicate' } };
      }
    })));
    await a!.core.store.write(operatorId, (w) => w.record(rows.slice(0, 60).filter((_, k) => k % 4 === 3).map((r) => (
      { entity: 'incident', rowId: r.id, set: { cancelReason: 'other' } }))));
    const ops = await all(a!);
    const duplicates = await a!.core.store.reader.get<{ n: number }>("SELECT count(*) AS n FROM incidents WHERE cancel_reason = 'duplicate'");
    expect(duplicates!.n).toBeGreaterThanOrEqual(15);

    // Shuffled (deterministically): changes arrive before their rows, calls before their incidents.
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const shuffled = [...ops];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const [inOrder, outOfOrder] = await consoles('DE');
    for (const [t, list, size] of [[inOrder!, ops, 300], [outOfOrder!, shuffled, 250]] as const) {
      for (let at = 0; at < list.length; at += size) {
        expect((await t.core.store.applyRemote(list.slice(at, at + size), a!.clock.now())).quarantined).toEqual([]);
      }
      expect(await rollups(t)).toEqual(await rollups(a!));
      // daily_counts keeps only days that count, as its triggers do.
      expect(await t.core.store.reader.get('SELECT count(*) AS n FROM daily_counts WHERE n = 0')).toEqual({ n: 0 });
    }
    // The same records (each console's own administrator, set up apart, aside).
    for (const table of ['incidents', 'calls', 'assignments', 'timeline_entries']) {
      const records = (t: TestCore) => t.core.store.reader.all(`SELECT * FROM ${table} ORDER BY id`);
      expect(await records(outOfOrder!)).toEqual(await records(inOrder!));
    }
    const applied = await rollups(outOfOrder!);
    await outOfOrder!.core.store.write(null, ({ tx }) => rebuildRollup(tx, 'Asia/Damascus', zoneSegments('Asia/Damascus')));
    expect(await rollups(outOfOrder!)).toEqual(applied);
  }, 600_000);
});
