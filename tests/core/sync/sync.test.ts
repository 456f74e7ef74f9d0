import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { NEXT_STATUS } from '../../../shared/domain';
import { operationsAbove, stateHash, versionVector } from '../../../electron/core/sync/exchange';
import type { Operation } from '../../../electron/core/oplog/operation';
import { intake, MINUTE, openTestCore, T0, type TestCore } from '../testCore';

const open: TestCore[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function consoles(n: number): Promise<TestCore[]> {
  const list: TestCore[] = [];
  for (let i = 0; i < n; i++) list.push(await openTestCore({ letter: String.fromCharCode(65 + i) }));
  open.push(...list);
  return list;
}

/** One direction of an exchange: what `to` lacks from `from`, in batches, shuffled, some twice. */
async function send(from: TestCore, to: TestCore, options: { batch: number; shuffle: number[]; duplicate: boolean }) {
  const ops = await operationsAbove(from.core.store.reader, await versionVector(to.core.store.reader), 100_000);
  const order = ops.map((op, i) => ({ op, key: options.shuffle[i % options.shuffle.length]! + i / 1e6 })).sort((a, b) => a.key - b.key).map((x) => x.op);
  const delivered: Operation[] = options.duplicate ? [...order, ...order.slice(0, Math.ceil(order.length / 3))] : order;
  for (let i = 0; i < delivered.length; i += options.batch) {
    await to.core.store.applyRemote(delivered.slice(i, i + options.batch), to.clock.now());
  }
}

async function syncAll(list: TestCore[]) {
  for (let round = 0; round < 3; round++) {
    for (const a of list) for (const b of list) if (a !== b) await send(a, b, { batch: 1000, shuffle: [0], duplicate: false });
  }
}

type Command =
  | { kind: 'log'; at: number; priority: 1 | 2 | 3 }
  | { kind: 'edit'; at: number; pick: number; priority: 1 | 2 | 3 }
  | { kind: 'move'; at: number; pick: number }
  | { kind: 'note'; at: number; pick: number }
  | { kind: 'sync'; from: number; to: number; batch: number; shuffle: number[]; duplicate: boolean }
  | { kind: 'skew'; at: number; offset: number };

const at = fc.integer({ min: 0, max: 2 });
const priority = fc.constantFrom(1 as const, 2 as const, 3 as const);
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('log' as const), at, priority }),
  fc.record({ kind: fc.constant('edit' as const), at, pick: fc.nat(20), priority }),
  fc.record({ kind: fc.constant('move' as const), at, pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('note' as const), at, pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('sync' as const), from: at, to: at, batch: fc.integer({ min: 1, max: 7 }), shuffle: fc.array(fc.nat(100), { minLength: 1, maxLength: 8 }), duplicate: fc.boolean() }),
  // A console's clock is off by up to two minutes either way, so no two differ by more than
  // four: inside the five-minute bound beyond which operations are quarantined (tested below).
  fc.record({ kind: fc.constant('skew' as const), at, offset: fc.integer({ min: -2 * MINUTE, max: 2 * MINUTE }) }),
);

/** True time moves one second per command; each console reads it through its own offset. */
interface World { list: TestCore[]; now: number; offsets: number[] }

async function run(world: World, cmd: Command) {
  const { list } = world;
  world.now += 1000;
  list.forEach((t, i) => { t.clock.time = world.now + world.offsets[i]!; });
  if (cmd.kind === 'sync') {
    if (cmd.from !== cmd.to) await send(list[cmd.from]!, list[cmd.to]!, cmd);
    return;
  }
  const t = list[cmd.at]!;
  if (cmd.kind === 'skew') { world.offsets[cmd.at] = cmd.offset; return; }
  if (cmd.kind === 'log') { await t.call('incidents.log', intake({ priority: cmd.priority, receivedAt: t.clock.now() })); return; }
  const ids = (await t.core.store.reader.all<{ id: string }>('SELECT id FROM incidents ORDER BY id')).map((r) => r.id);
  const id = ids[cmd.pick % Math.max(ids.length, 1)];
  if (!id) return;
  // Refusals (a closed incident, a move not allowed) are part of life; they write nothing.
  if (cmd.kind === 'edit') await t.core.invoke(t.session, 'incidents.update', { id, changes: { priority: cmd.priority, landmark: `by ${cmd.at}` } });
  if (cmd.kind === 'note') await t.core.invoke(t.session, 'timeline.addNote', { incidentId: id, text: `note from ${cmd.at}` });
  if (cmd.kind === 'move') {
    const detail = await t.core.invoke(t.session, 'incidents.get', { id });
    const next = detail.ok ? NEXT_STATUS[detail.value.status][0] : undefined;
    if (next && next !== 'cancelled') await t.core.invoke(t.session, 'incidents.setStatus', { id, status: next, ...(next === 'dispatched' ? { withoutTeam: true, note: 'Sent by radio' } as const : {}) });
  }
}

describe('merging operations', () => {
  it('brings consoles that saw the same operations, in any order, batches and duplicates, to the same state', async () => {
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 40 }), async (commands) => {
      const list = await consoles(3);
      try {
        const world: World = { list, now: T0 + 10 * MINUTE, offsets: [0, 0, 0] };
        for (const cmd of commands) await run(world, cmd);
        await syncAll(list);
        const hashes = await Promise.all(list.map((t) => stateHash(t.core.store.reader)));
        const vectors = await Promise.all(list.map((t) => versionVector(t.core.store.reader)));
        expect(new Set(hashes).size).toBe(1);
        expect(vectors[1]).toEqual(vectors[0]);
        expect(vectors[2]).toEqual(vectors[0]);
        // No operation lost: every console holds every operation any console made.
        const counts = await Promise.all(list.map(async (t) => (await t.core.store.reader.get<{ n: number }>('SELECT count(*) AS n FROM operations'))?.n));
        expect(new Set(counts).size).toBe(1);
        expect(counts[0]).toBe(Object.values(vectors[0]!).reduce((a, b) => a + b, 0));
      } finally {
        for (const t of list.splice(0)) { await t.close(); open.splice(open.indexOf(t), 1); }
      }
    }), { numRuns: Number(process.env.BEACON_SYNC_RUNS ?? 12) });
  }, 120_000);

  it('lets the newest edit of a field win, whichever arrives first, and applies a change that came before its row', async () => {
    const [a, b] = await consoles(2);
    const { incidentId: id } = await a!.call('incidents.log', intake());
    await send(a!, b!, { batch: 100, shuffle: [0], duplicate: false });
    a!.clock.advance(MINUTE);
    await a!.call('incidents.update', { id, changes: { priority: 3 } });
    b!.clock.advance(2 * MINUTE);
    await b!.call('incidents.update', { id, changes: { priority: 2 } });
    await syncAll([a!, b!]);
    expect((await a!.call('incidents.get', { id })).priority).toBe(2);
    expect((await b!.call('incidents.get', { id })).priority).toBe(2);

    // A third console gets b's edit before the incident itself.
    const [c] = await consoles(1);
    const ops = await operationsAbove(b!.core.store.reader, {}, 10_000);
    await c!.core.store.applyRemote(ops.filter((o) => o.field !== '*'), c!.clock.now());
    expect(await c!.core.store.reader.get('SELECT 1 FROM incidents WHERE id = ?', [id])).toBeUndefined();
    await c!.core.store.applyRemote(ops.filter((o) => o.field === '*'), c!.clock.now());
    expect((await c!.call('incidents.get', { id })).priority).toBe(2);
    await syncAll([b!, c!]); // c's own first operator, made at its setup
    expect(await stateHash(c!.core.store.reader)).toBe(await stateHash(b!.core.store.reader));
  });
});

describe('operations from outside', () => {
  it('are kept aside when they cannot be trusted, and never stop the rest of the batch', async () => {
    const [a, b] = await consoles(2);
    await a!.call('incidents.log', intake());
    const good = await operationsAbove(a!.core.store.reader, {}, 10_000);
    const sample = good.find((o) => o.entity === 'incident')!;
    const origin = 'abcdef0123456789';
    const hlc = (ms: number) => `${String(ms).padStart(15, '0')}-0000-${origin}`;
    const bad: Operation[] = [
      { ...sample, origin, seq: 1, hlc: hlc(T0), entity: 'budget' },
      { ...sample, origin, seq: 2, hlc: hlc(T0), field: 'religion', value: '"x"' },
      { ...sample, origin, seq: 3, hlc: hlc(T0), field: 'number', value: '"LTK-1"' },
      { ...sample, origin, seq: 4, hlc: hlc(T0), field: 'priority', value: '{"a":1}' },
      { ...sample, origin, seq: 5, hlc: hlc(T0 + 60 * MINUTE), field: 'priority', value: '1' },
      { ...sample, origin, seq: 6, hlc: hlc(T0), field: '*', value: '{"type":"fire"}', rowId: '11111111-1111-4111-8111-111111111111' },
      { ...sample, origin, seq: 7, hlc: hlc(T0), value: 'x'.repeat(20_000) },
    ];
    const result = await b!.core.store.applyRemote([...bad, ...good], b!.clock.now());
    expect(result.quarantined.map((q) => q.reason)).toEqual(['unknownEntity', 'unknownField', 'immutableField', 'badValue', 'clockAhead', 'constraint', 'malformed']);
    expect(result.applied).toBe(good.length);
    await send(b!, a!, { batch: 100, shuffle: [0], duplicate: false }); // b's own first operator
    expect(await stateHash(b!.core.store.reader)).toBe(await stateHash(a!.core.store.reader));
    // The far-future clock did not drag this console's clock forward.
    const local = await b!.call('incidents.log', intake());
    expect(local.number).toMatch(/^LTK-261124-B/);
    const lastHlc = (await b!.core.store.reader.get<{ hlc: string }>('SELECT max(hlc) AS hlc FROM operations WHERE origin = ?', [b!.core.store.origin]))!.hlc;
    expect(Number(lastHlc.slice(0, 15))).toBeLessThan(T0 + 10 * MINUTE);

    // The same identity with other content (a cloned disk) is caught, not applied.
    const original = good.find((o) => o.entity === 'incident' && o.field === '*')!;
    const twin = { ...original, value: original.value.replace('"priority":1', '"priority":3') };
    expect(twin.value).not.toBe(original.value);
    const again = await b!.core.store.applyRemote([twin, original], b!.clock.now());
    expect(again.quarantined.map((q) => q.reason)).toEqual(['duplicateIdentity']);
    expect(again.known).toBe(1);
  });
});
