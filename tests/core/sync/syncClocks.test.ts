// Issue #21, as a property: consoles whose clocks jump ahead (by days) and back, partitioned
// and exchanging in any order. After convergence every console has the same state; no edit
// made after seeing another is undone by it; the conflicts view is the same everywhere;
// nothing is held back.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseCheck } from '../../../electron/cli/check';
import { operationsAbove, stateHash, versionVector } from '../../../electron/core/sync/exchange';
import { resolveField, type FieldWrite } from '../../../electron/core/oplog/fieldWinner';
import { intake, MINUTE, openTestCore, T0, type TestCore } from '../testCore';

const DAY = 24 * 60 * MINUTE;
const open: TestCore[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function send(from: TestCore, to: TestCore) {
  const ops = await operationsAbove(from.core.store.reader, await versionVector(to.core.store.reader), 100_000);
  await to.core.store.applyRemote(ops, to.clock.now());
}

type Command =
  | { kind: 'log'; at: number }
  | { kind: 'edit'; at: number; pick: number; priority: 1 | 2 | 3 }
  | { kind: 'injured'; at: number; pick: number; n: number }
  | { kind: 'sync'; from: number; to: number }
  | { kind: 'skew'; at: number; offset: number };

const at = fc.integer({ min: 0, max: 2 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('log' as const), at }),
  fc.record({ kind: fc.constant('edit' as const), at, pick: fc.nat(5), priority: fc.constantFrom(1 as const, 2 as const, 3 as const) }),
  fc.record({ kind: fc.constant('injured' as const), at, pick: fc.nat(5), n: fc.nat(30) }),
  fc.record({ kind: fc.constant('sync' as const), from: at, to: at }),
  // Clocks jump days ahead and back: far past the five minutes beyond which older operations are held.
  fc.record({ kind: fc.constant('skew' as const), at, offset: fc.constantFrom(0, 0, -3 * MINUTE, 2 * DAY, -DAY, 3 * MINUTE) }),
);

describe('consoles whose clocks lie', () => {
  it('converge, keep every edit made after seeing another, list the same conflicts, and hold nothing back', async () => {
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 30 }), async (commands) => {
      const list: TestCore[] = [];
      for (let i = 0; i < 3; i++) list.push(await openTestCore({ letter: String.fromCharCode(65 + i) }));
      open.push(...list);
      try {
        let now = T0 + 10 * MINUTE;
        const offsets = [0, 0, 0];
        for (const cmd of commands) {
          now += 1000;
          list.forEach((t, i) => { t.clock.time = now + offsets[i]!; });
          if (cmd.kind === 'sync') { if (cmd.from !== cmd.to) await send(list[cmd.from]!, list[cmd.to]!); continue; }
          if (cmd.kind === 'skew') { offsets[cmd.at] = cmd.offset; continue; }
          const t = list[cmd.at]!;
          if (cmd.kind === 'log') { await t.call('incidents.log', intake({ receivedAt: T0 })); continue; }
          const ids = (await t.core.store.reader.all<{ id: string }>('SELECT id FROM incidents ORDER BY id')).map((r) => r.id);
          const id = ids[cmd.pick % Math.max(ids.length, 1)];
          if (!id) continue;
          const changes = cmd.kind === 'edit' ? { priority: cmd.priority } : { injured: cmd.n };
          await t.core.invoke(t.session, 'incidents.update', { id, changes });
        }
        // Clocks put right, then everyone exchanges with everyone.
        list.forEach((t) => { t.clock.time = now + MINUTE; });
        for (let round = 0; round < 2; round++) for (const a of list) for (const b of list) if (a !== b) await send(a, b);

        const hashes = await Promise.all(list.map((t) => stateHash(t.core.store.reader)));
        expect(new Set(hashes).size).toBe(1);
        for (const t of list) expect((await databaseCheck(t.core)).quarantined).toBe(0);
        // Each field holds its winner's value, and the winner is no write some other write saw.
        const db = list[0]!.core.store.reader;
        for (const field of ['priority', 'injured'] as const) {
          const rows = await db.all<{ id: string; v: number }>(`SELECT id, ${field} AS v FROM incidents`);
          for (const row of rows) {
            const writes = await db.all<FieldWrite & { value: string; field: string }>(
              `SELECT origin, seq, hlc, prev, field, value FROM operations WHERE row_id = ? AND field IN (?, '*')`, [row.id, field]);
            const { winner } = resolveField(writes);
            const seenByOthers = new Set(writes.flatMap((w) => (w.prev ? w.prev.split(' ') : [])));
            expect(seenByOthers.has(`${winner!.origin}:${winner!.seq}`)).toBe(false);
            const value = winner!.field === '*' ? (JSON.parse(winner!.value) as Record<string, number>)[field] : JSON.parse(winner!.value) as number;
            expect(row.v).toBe(value ?? null);
          }
        }
        const conflicts = await Promise.all(list.map(async (t) => (await t.call('sync.conflicts', { limit: 500 })).conflicts));
        expect(conflicts[1]).toEqual(conflicts[0]);
        expect(conflicts[2]).toEqual(conflicts[0]);
      } finally {
        for (const t of list) { await t.close(); open.splice(open.indexOf(t), 1); }
      }
    }), { numRuns: Number(process.env.BEACON_SYNC_RUNS ?? 8) });
  }, 300_000);
});
