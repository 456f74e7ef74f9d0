// The shift pattern and the post's defaults are the post's, not one laptop's: a supervisor's
// change travels as operations on the post's one row and every console of the post follows,
// the newest change of each setting winning the same way everywhere.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../electron/core/oplog/hlc';
import { postRowId } from '../../../electron/core/post/postSettings';
import { readPostKey } from '../../../electron/core/post/postKey';
import { BundleWriter } from '../../../electron/core/sync/bundle';
import { exportBundle, importBundle } from '../../../electron/core/sync/bundles';
import { stateHash, versionVector } from '../../../electron/core/sync/exchange';
import type { Operation } from '../../../electron/core/oplog/operation';
import { cleanedAfterEach, consolesOfOnePost, intake, MINUTE, T0, type TestCore } from '../testCore';

const { cores } = cleanedAfterEach('beacon-post-');

/** What `to` lacks from `from`, carried in a bundle on a stick. */
async function carry(from: TestCore, to: TestCore): Promise<void> {
  const file = join(from.dir, `to-${to.core.store.origin}.bundle`);
  await exportBundle(from.core.context, file, { theirs: await versionVector(to.core.store.reader) });
  await importBundle(to.core.context, file);
}

const settingsOnDisk = (t: TestCore) => JSON.parse(readFileSync(join(t.dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
const HOUR = 60 * MINUTE;

describe('the post\u2019s settings', () => {
  it('set by a supervisor on one console reach the post\u2019s other console by bundle, and its shift summary follows', async () => {
    const { a, b } = await consolesOfOnePost(cores);
    // B's own call at 07:00 local: before the change, in the night shift (20:00–08:00).
    await b.call('incidents.log', intake({ receivedAt: T0 - 3 * HOUR }));
    const before = await b.call('summary.get', { period: { shift: T0 } });
    expect([before.start, before.end, before.calls]).toEqual([Date.UTC(2026, 10, 24, 5), Date.UTC(2026, 10, 24, 17), 0]);

    await a.call('post.setShifts', { starts: ['22:00', '06:00', '14:00'] });
    await a.call('post.setDefaults', { language: 'ar', digits: 'arab' });
    const changes: string[][] = [];
    b.core.onChange((e) => changes.push(e.entities));
    await carry(a, b);

    expect(await b.call('setup.status', {})).toMatchObject({ shiftStarts: ['06:00', '14:00', '22:00'], language: 'ar', digits: 'arab' });
    expect(settingsOnDisk(b)).toMatchObject({ shiftStarts: ['06:00', '14:00', '22:00'], language: 'ar', digits: 'arab' });
    expect(changes.flat()).toContain('settings'); // the open screens re-read the settings
    const after = await b.call('summary.get', { period: { shift: T0 } });
    expect([after.start, after.end, after.calls]).toEqual([Date.UTC(2026, 10, 24, 3), Date.UTC(2026, 10, 24, 11), 1]);
    // Only the default is the post's: B's operator keeps the language they chose.
    expect(await b.call('session.current', {})).toMatchObject({ language: 'en' });
    // Both consoles hold the same post row, and the same data.
    await carry(b, a);
    expect(await stateHash(b.core.store.reader)).toBe(await stateHash(a.core.store.reader));
  });

  it('changed on two consoles apart, resolve to the newest change of each setting, the same on both', async () => {
    const { a, b } = await consolesOfOnePost(cores);
    await a.call('post.setShifts', { starts: ['07:00', '19:00'] });
    await a.call('post.setDefaults', { language: 'ar', digits: 'latn' });
    b.clock.advance(MINUTE);
    await b.call('post.setShifts', { starts: ['06:00', '14:00', '22:00'] }); // later: wins
    a.clock.advance(2 * MINUTE);
    await a.call('post.setDefaults', { language: 'ar', digits: 'arab' }); // later still: wins for the defaults
    await carry(a, b);
    await carry(b, a);
    for (const t of [a, b]) {
      expect(await t.call('setup.status', {})).toMatchObject({ shiftStarts: ['06:00', '14:00', '22:00'], language: 'ar', digits: 'arab' });
    }
    expect(await stateHash(a.core.store.reader)).toBe(await stateHash(b.core.store.reader));
    // What the merge overrode is shown to a supervisor, not silently lost.
    const { conflicts } = await a.call('sync.conflicts', {});
    expect(conflicts).toContainEqual(expect.objectContaining({ entity: 'post', field: 'shiftStarts', overridden: expect.objectContaining({ value: '07:00,19:00' }), kept: expect.objectContaining({ value: '06:00,14:00,22:00' }) }));
  });

  it('that cannot be trusted are set aside and reported; the rest of the batch applies and the settings file stays sound', async () => {
    const { a, b } = await consolesOfOnePost(cores);
    const origin = 'c0ffee00c0ffee00';
    const rowId = postRowId('LTK');
    let seq = 0;
    // Signed by B's administrator: a change to the post's settings needs one (issue #18).
    const admin = (await b.core.store.reader.get<{ id: string }>("SELECT id FROM operators WHERE role = 'administrator' AND pin_hash <> '!'"))!.id;
    const op = (field: string, value: unknown): Operation => {
      seq += 1;
      return { origin, seq, hlc: encodeHlc({ wall: T0 + 1000 + seq, counter: 0, origin }), entity: 'post', rowId, field, value: JSON.stringify(value), operator: admin };
    };
    const batch = [
      op('language', 'fr'),
      op('digits', 7),
      op('shiftStarts', '08:00,09:00'), // shifts of one hour
      op('shiftStarts', '25:00'),
      op('shiftStarts', '20:00,08:00'), // a pattern, but not in its one stored form
      op('shiftStarts', null),
      op('*', { shiftStarts: '08:00,20:00', language: 'ar', digits: 'latn' }), // a create would overwrite every field at once
      op('name', 'Another post'),
      op('shiftStarts', '07:00,19:00'), // sound: applied
    ];
    // In a bundle signed with the post's key, as a hub or a stick would bring them.
    const file = join(a.dir, 'odd.bundle');
    const writer = BundleWriter.open(file, { post: 'LTK', origin, createdAt: T0, count: batch.length }, readPostKey(a.core.context.settings, a.core.context.secrets)!);
    writer.write(batch);
    writer.finish();
    const result = await importBundle(b.core.context, file);
    expect(result.quarantined.map((q) => q.reason)).toEqual(['badValue', 'badValue', 'badValue', 'badValue', 'badValue', 'badValue', 'unknownField', 'unknownField']);
    expect(result.applied).toBe(1);
    expect(await b.call('setup.status', {})).toMatchObject({ shiftStarts: ['07:00', '19:00'], language: 'en', digits: 'latn', settingsRestoredFrom: null });
    expect(b.core.context.settings.restoredFrom()).toBeNull();
  });

  it('follow what the log holds when the core opens, after a stop between the commit and the settings file', async () => {
    const { a, b } = await consolesOfOnePost(cores);
    await a.call('post.setShifts', { starts: ['06:00', '18:00'] });
    await carry(a, b);
    // As if the power went between applying the operations and writing the settings file.
    b.core.context.settings.write({ ...b.core.context.settings.read(), shiftStarts: ['08:00', '20:00'] });
    await b.reopen();
    expect(b.core.context.settings.read().shiftStarts).toEqual(['06:00', '18:00']);
  });

  it('a console keeps its own settings until the post has decided them', async () => {
    const { a, b } = await consolesOfOnePost(cores);
    b.core.context.settings.write({ ...b.core.context.settings.read(), shiftStarts: ['07:00', '19:00'] });
    await a.call('post.setDefaults', { language: 'ar', digits: 'arab' });
    await carry(a, b);
    // The defaults are decided post-wide; the shift pattern is not yet, so B keeps its own.
    expect(b.core.context.settings.read()).toMatchObject({ shiftStarts: ['07:00', '19:00'], language: 'ar', digits: 'arab' });
  });
});
