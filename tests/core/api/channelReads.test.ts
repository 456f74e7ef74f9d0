// A view re-asks only when a change event names something its query declares it reads
// (shared/api/<feature>.ts, `reads`). A declaration that misses a kind leaves the view stale, so
// both ways are checked against the real core: the tables a query's SQL reads must be declared,
// and whenever a write channel changes a query's answer, what the write announced must meet
// what the query declares.
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { api, CHANNEL_NAMES, RECORD_KINDS, type ChangeEvent, type ChannelName, type Reads, type RecordKind } from '../../../shared/api';
import { Connection } from '../../../electron/core/db/connection';
import { ENTITIES, type EntityName } from '../../../electron/core/oplog/entities';
import { openTestCore, type TestCore } from '../testCore';
import { payloads, world } from './channelPayloads';

let t: TestCore;
afterEach(async () => t?.close());

const QUERIES = CHANNEL_NAMES.filter((c) => api[c].reads !== undefined);
const KIND_OF_TABLE = new Map<string, string>(Object.entries(ENTITIES).map(([kind, spec]) => [spec.table, kind]));
/** Tables holding every kind of record at once: a query reading them reads anything… */
const EVERY_KIND_TABLES = new Set(['operations', 'conflicts']);
/** …unless it reads only one kind's rows there, said here: the kind it must then declare. */
const OPERATIONS_OF: Partial<Record<ChannelName, string>> = {
  'incidents.get': 'incident', // the incident's own status moves, for its timeline
};

function declared(channel: ChannelName): Reads {
  const reads = api[channel].reads;
  if (reads === undefined) throw new Error(`${channel} declares no reads`);
  return reads;
}

/** Records the SQL each read runs while `body` runs, on the real connections. */
async function tracing<T>(body: () => Promise<T>): Promise<{ value: T; sql: string[] }> {
  const sql: string[] = [];
  const { get, all } = Connection.prototype;
  Connection.prototype.get = function traced<R>(this: Connection, text: string, params?: Parameters<typeof get>[1]) { sql.push(text); return get.call(this, text, params) as Promise<R | undefined>; };
  Connection.prototype.all = function traced<R>(this: Connection, text: string, params?: Parameters<typeof all>[1]) { sql.push(text); return all.call(this, text, params) as Promise<R[]>; };
  try {
    return { value: await body(), sql };
  } finally {
    Object.assign(Connection.prototype, { get, all });
  }
}

function tablesIn(sql: string): string[] {
  return [...sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)/gi)].map((m) => m[1]!.toLowerCase());
}

describe('query read declarations', () => {
  it('name the kinds of record the operation log holds', () => {
    expectTypeOf<RecordKind>().toEqualTypeOf<EntityName>();
    expect([...RECORD_KINDS].sort()).toEqual(Object.keys(ENTITIES).sort());
  });

  it('are declared by the queries the views show', () => {
    // Not vacuous: the busy screens' queries are among them, and declare records, not 'any'.
    for (const c of ['incidents.queue', 'incidents.get', 'teams.board', 'roster.current', 'summary.get'] as const) {
      expect(Array.isArray(api[c].reads), c).toBe(true);
    }
  });

  it('name every kind of record whose table the query reads', async () => {
    t = await openTestCore();
    const input = payloads(await world(t));
    const undeclared: Record<string, string[]> = {};
    for (const channel of QUERIES) {
      const reads = declared(channel);
      const { value, sql } = await tracing(() => t.core.invoke(t.session, channel, input[channel]));
      expect(value.ok, `${channel}: ${JSON.stringify(value)}`).toBe(true);
      if (reads === 'any') continue;
      const tables = [...new Set(sql.flatMap(tablesIn))];
      const missing = tables.flatMap((table) => {
        if (EVERY_KIND_TABLES.has(table)) return table === 'operations' && reads.includes(OPERATIONS_OF[channel] as never) ? [] : [table];
        const kind = KIND_OF_TABLE.get(table);
        return kind !== undefined && !reads.includes(kind as never) ? [kind] : [];
      });
      if (missing.length > 0) undeclared[channel] = missing;
    }
    expect(undeclared).toEqual({});
  });

  it('meet what every write that changes the answer announces', async () => {
    t = await openTestCore();
    await t.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
    const input = payloads(await world(t));
    const announced: string[] = [];
    const off = t.core.onChange((e: ChangeEvent) => announced.push(...e.entities));
    const answers = async () => Object.fromEntries(await Promise.all(QUERIES.map(async (q) => [q, JSON.stringify(await t.core.invoke(t.session, q, input[q]))] as const)));
    const stale: Record<string, string[]> = {};
    const seen = new Set<string>();
    // As in channelChanges.test.ts: dispatch first, and no signing out or locking.
    const order = [...CHANNEL_NAMES.filter((c) => c.startsWith('dispatch.')), ...CHANNEL_NAMES.filter((c) => !c.startsWith('dispatch.'))];
    for (const write of order.filter((c) => c !== 'session.signOut' && c !== 'session.lock' && !QUERIES.includes(c))) {
      const before = await answers();
      const again = await answers();
      announced.length = 0;
      await t.core.invoke(t.session, write, input[write]);
      const after = await answers();
      for (const query of QUERIES) {
        // An answer that moves by itself (a clock read) says nothing about the write.
        if (before[query] !== again[query] || before[query] === after[query]) continue;
        seen.add(`${write} → ${query}`);
        const reads = declared(query);
        if (reads !== 'any' && !announced.some((e) => reads.includes(e as never))) (stale[query] ??= []).push(`${write} [${announced.join(',')}]`);
      }
    }
    off();
    expect(stale).toEqual({});
    // Not vacuous: writes did change the answers of the queries they should.
    expect([...seen]).toEqual(expect.arrayContaining([
      'dispatch.send → teams.board', 'incidents.log → incidents.queue', 'timeline.addNote → incidents.get',
      'roster.walkUp → roster.current', 'teams.saveCentre → teams.centres', 'summary.addHandoverNote → summary.get',
    ]));
  });

  it('meet what an import running in the background announces (the core\'s announce, as sync and bundles use)', async () => {
    t = await openTestCore();
    const input = payloads(await world(t));
    const announced: string[] = [];
    const off = t.core.onChange((e: ChangeEvent) => announced.push(...e.entities));
    const answers = async () => Object.fromEntries(await Promise.all(QUERIES.map(async (q) => [q, JSON.stringify(await t.core.invoke(t.session, q, input[q]))] as const)));
    const before = await answers();
    announced.length = 0;
    const { jobId } = await t.call('import.start', {
      text: 'received;type;district\r\n20/11/2026 09:30;fire;jableh\r\n21/11/2026 10:00;fire;latakia',
      mapping: { columns: { received: 'received', type: 'type', district: 'district' }, dateFormat: 'DD/MM/YYYY HH:mm' },
    });
    for (let i = 0; (await t.call('import.status', { jobId })).state === 'running'; i++) {
      if (i > 2000) throw new Error('the import job never finished');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const after = await answers();
    off();
    const changed = QUERIES.filter((q) => before[q] !== after[q]);
    // Not vacuous: the imported (closed, past) incidents count in the statistics.
    expect(changed).toContain('stats.report');
    const stale = changed.filter((q) => { const reads = declared(q); return reads !== 'any' && !announced.some((e) => reads.includes(e as never)); });
    expect(stale).toEqual([]);
  });
});
