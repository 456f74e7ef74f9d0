// Views re-ask when a channel announces a change (electron/core/<feature>/channels.ts, `changes`),
// and the settings view re-reads on `settings`. A channel that writes records it does not
// announce leaves other windows stale, so every channel, called with a valid input, must
// announce every kind of record its operations wrote.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, type ChangeEvent } from '../../../shared/api';
import { openTestCore, type TestCore } from '../testCore';
import { payloads, world } from './channelPayloads';

let t: TestCore;
afterEach(async () => t?.close());

async function lastSeq(t: TestCore): Promise<number> {
  return (await t.core.store.reader.get<{ n: number | null }>('SELECT max(seq) AS n FROM operations'))?.n ?? 0;
}

describe('channel change declarations', () => {
  it('announce every kind of record a channel writes', async () => {
    t = await openTestCore();
    await t.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
    const input = payloads(await world(t));
    const announced: string[] = [];
    const off = t.core.onChange((e: ChangeEvent) => announced.push(...e.entities));
    const unannounced: Record<string, string[]> = {};
    const writers: string[] = [];
    // Signing out or locking would stop the calls after it (they write no records); dispatch goes
    // first, before the incident is cancelled and the team taken out of service.
    const order = [...CHANNEL_NAMES.filter((c) => c.startsWith('dispatch.')), ...CHANNEL_NAMES.filter((c) => !c.startsWith('dispatch.'))];
    for (const channel of order.filter((c) => c !== 'session.signOut' && c !== 'session.lock')) {
      const before = await lastSeq(t);
      announced.length = 0;
      const result = await t.core.invoke(t.session, channel, input[channel]);
      const written = (await t.core.store.reader.all<{ entity: string }>('SELECT DISTINCT entity FROM operations WHERE seq > ?', [before])).map((r) => r.entity);
      if (written.length > 0) writers.push(channel);
      const missing = written.filter((e) => !announced.includes(e));
      if (missing.length > 0) unannounced[`${channel} (${result.ok ? 'ok' : result.error.code})`] = missing;
    }
    off();
    expect(unannounced).toEqual({});
    // Not vacuous: the writing channels did write.
    expect(writers).toEqual(expect.arrayContaining(['incidents.log', 'incidents.update', 'timeline.addNote', 'teams.saveCentre', 'teams.save', 'dispatch.send', 'roster.walkUp', 'roster.checkOut', 'summary.addHandoverNote', 'exchange.issueAlert', 'operators.create', 'post.setShifts', 'post.setDefaults', 'session.setLanguage']));
  });
});
