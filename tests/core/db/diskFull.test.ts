// A full disk: the operator is told plainly, nothing is half-written, the console keeps
// answering, and it works again once space returns. Simulated with PRAGMA max_page_count.
import { afterEach, describe, expect, it } from 'vitest';
import { intake, openTestCore, type TestCore } from '../testCore';

let t: TestCore;
afterEach(async () => t?.close());

async function pages(t: TestCore): Promise<number> {
  return (await t.core.store.reader.get<{ page_count: number }>('PRAGMA page_count'))!.page_count;
}

async function limitPages(t: TestCore, max: number) {
  // The limit is the writer connection's: set it inside a write transaction.
  await t.core.store.write(null, ({ tx }) => tx.run(`PRAGMA max_page_count = ${max}`));
}

async function counts(t: TestCore) {
  const n = async (table: string) => (await t.core.store.reader.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n;
  return { incidents: await n('incidents'), calls: await n('calls'), operations: await n('operations') };
}

describe('a full disk', () => {
  it('refuses the call with a clear message, writes nothing of it, and recovers when space returns', async () => {
    t = await openTestCore();
    await t.call('incidents.log', intake());
    await limitPages(t, (await pages(t)) + 1);
    const long = 'x'.repeat(3900);
    let refused: unknown = null;
    for (let i = 0; i < 200 && !refused; i++) {
      const before = await counts(t);
      const result = await t.core.invoke(t.session, 'incidents.log', intake({ description: long, location: { district: 'latakia', locality: `${i}` } }));
      if (!result.ok) {
        refused = result.error;
        // Nothing of the refused call: no incident without its call, no operation without its row.
        expect(await counts(t)).toEqual(before);
      }
    }
    expect(refused).toEqual({ code: 'error.diskFull' });
    // The console still answers.
    expect((await t.call('incidents.queue', { queue: 'waiting' })).rows.length).toBeGreaterThan(0);
    const stuck = await counts(t);
    expect(stuck.incidents).toBe(stuck.calls);
    // Space returns: the next call goes through.
    await limitPages(t, 1_000_000_000);
    const saved = await t.call('incidents.log', intake({ description: long }));
    expect(saved.number).toMatch(/^LTK-261124-A/);
    expect((await counts(t)).incidents).toBe(stuck.incidents! + 1);
    // The refused transaction left no gap in this console's operation sequence.
    const seqs = await t.core.store.reader.all<{ seq: number }>('SELECT seq FROM operations WHERE origin = ? ORDER BY seq', [t.core.store.origin]);
    expect(seqs.map((r) => r.seq)).toEqual(seqs.map((_, i) => i + 1));
  });
});
