// Which change events make a view re-ask (shared/api/index.ts, rereadsOn): those naming a kind
// of record its query declares it reads; a channel that declares nothing, or 'any', re-asks on all.
import { describe, expect, it } from 'vitest';
import { api, CHANNEL_NAMES, RECORD_KINDS, rereadsOn, type ChannelName, type QueryChannel, type Reads } from '../../shared/api';

describe('rereadsOn', () => {
  it('re-asks a query only when the event names something it reads', () => {
    expect(rereadsOn('teams.board', { entities: ['assignment'] })).toBe(true);
    expect(rereadsOn('teams.board', { entities: ['handoverNote', 'settings'] })).toBe(false);
    expect(rereadsOn('teams.centres', { entities: ['team', 'assignment', 'incident', 'rosterEntry', 'volunteer'] })).toBe(false);
    expect(rereadsOn('teams.centres', { entities: ['centre'] })).toBe(true);
  });

  it('re-asks on every event a channel that reads state kept outside the records', () => {
    expect(rereadsOn('sync.health', { entities: ['handoverNote'] })).toBe(true);
    expect(rereadsOn('session.current', { entities: ['settings'] })).toBe(true);
  });

  it('re-asks on every event a channel that declares no reads, and useQuery does not take it', () => {
    expect(rereadsOn('sync.bundleStatus', { entities: ['handoverNote'] })).toBe(true);
    expect(rereadsOn('import.status', { entities: [] })).toBe(true);
    // @ts-expect-error sync.bundleStatus declares no reads, so no view may show it through useQuery
    const notAQuery: QueryChannel = 'sync.bundleStatus';
    const aQuery: QueryChannel = 'incidents.queue';
    expect([notAQuery, aQuery]).toHaveLength(2);
  });

  it('lets a sync or bundle announcement (every kind of record) reach every view', () => {
    // What core/openCore.ts, sync/bundleJobs.ts and import/importJobs.ts announce: the operation
    // log's kinds, the same list as RECORD_KINDS (tests/core/api/channelReads.test.ts).
    const everything = { entities: [...RECORD_KINDS] };
    const readsRecords = (c: ChannelName) => {
      const reads: Reads | undefined = api[c].reads;
      return reads === undefined || reads === 'any' || reads.some((k) => k !== 'settings');
    };
    for (const c of CHANNEL_NAMES.filter(readsRecords)) expect(rereadsOn(c, everything), c).toBe(true);
    // reference.districts reads only the built-in list of places: it never re-asks.
    expect(CHANNEL_NAMES.filter((c) => !readsRecords(c))).toEqual(['reference.districts']);
    expect(rereadsOn('reference.districts', everything)).toBe(false);
  });
});
