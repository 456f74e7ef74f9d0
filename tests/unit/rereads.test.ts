// Which change events make a view re-ask (shared/api/index.ts, rereadsOn): those naming a kind
// of record its query declares it reads; a channel that declares nothing, or 'any', re-asks on all.
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, RECORD_KINDS, rereadsOn, type QueryChannel } from '../../shared/api';

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
    expect(rereadsOn('sync.status', { entities: ['handoverNote'] })).toBe(true);
    expect(rereadsOn('audit.list', { entities: [] })).toBe(true);
    // @ts-expect-error sync.status declares no reads, so no view may show it through useQuery
    const notAQuery: QueryChannel = 'sync.status';
    const aQuery: QueryChannel = 'incidents.queue';
    expect([notAQuery, aQuery]).toHaveLength(2);
  });

  it('lets a sync or bundle announcement (every kind of record) reach every view', () => {
    // What core/openCore.ts, sync/bundleJobs.ts and import/importJobs.ts announce: the operation
    // log's kinds, the same list as RECORD_KINDS (tests/core/api/channelReads.test.ts).
    const everything = { entities: [...RECORD_KINDS] };
    for (const c of CHANNEL_NAMES) expect(rereadsOn(c, everything), c).toBe(true);
  });
});
