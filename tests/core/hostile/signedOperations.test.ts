// Issue #18 item 4: a bundle signed with the post's key is authentic, not authorized. Guarded
// changes (an operator's role, PIN, enabled; the post's settings) need an author who was an
// administrator by the log's history at the operation's clock; every value passes the API's text rules.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../electron/core/oplog/hlc';
import { hashPin } from '../../../electron/core/operators/pinHash';
import { readPostKey } from '../../../electron/core/post/postKey';
import { postRowId } from '../../../electron/core/post/postSettings';
import { BundleWriter } from '../../../electron/core/sync/bundle';
import { exportBundle, importBundle } from '../../../electron/core/sync/bundles';
import type { Operation } from '../../../electron/core/oplog/operation';
import { cleanedAfterEach, consolesOfOnePost, intake, openTestCore, SETUP, type TestCore } from '../testCore';

const { cores } = cleanedAfterEach('beacon-signed-ops-');
const EVIL = 'e0e0e0e0e0e0e0e0';

/** A bundle as someone holding a copy of the post key writes it: correctly signed. */
function signedBundle(t: TestCore, file: string, ops: Omit<Operation, 'origin' | 'seq' | 'hlc'>[]): void {
  const key = readPostKey(t.core.context.settings, t.core.context.secrets)!;
  const operations = ops.map((op, i): Operation => ({
    origin: EVIL, seq: i + 1, hlc: encodeHlc({ wall: t.clock.time + 1000 + i, counter: 0, origin: EVIL }), ...op,
  }));
  const writer = BundleWriter.open(file, { post: 'LTK', origin: EVIL, createdAt: t.clock.time, count: operations.length }, key);
  writer.write(operations);
  writer.finish();
}

const signIn = (t: TestCore, name: string, pin: string) => t.core.invoke(t.core.createSession(), 'session.signIn', { name, pin });

describe('signed operations from a bundle', () => {
  it('refuse to promote an operator, change a PIN, disable, or change the post unless an administrator made them; nothing changes', async () => {
    const t = await openTestCore();
    cores.push(t);
    const admin = (await t.core.store.reader.get<{ id: string }>("SELECT id FROM operators WHERE role = 'administrator' AND pin_hash <> '!'"))!.id;
    const omar = await t.call('operators.create', { name: 'Omar Khatib', pin: '1111', role: 'operator', language: 'en' });
    const { incidentId } = await t.call('incidents.log', intake());
    const before = await t.core.store.reader.get('SELECT description FROM incidents WHERE id = ?', [incidentId]);
    t.clock.advance(60_000);
    const file = join(t.dir, 'evil.bundle');
    signedBundle(t, file, [
      // Omar, an operator, promotes himself and sets his own PIN; then, unsigned by anyone, again.
      { entity: 'operator', rowId: omar.id, field: 'role', value: '"administrator"', operator: omar.id },
      { entity: 'operator', rowId: omar.id, field: 'pinHash', value: JSON.stringify(await hashPin('1357')), operator: omar.id },
      { entity: 'operator', rowId: omar.id, field: 'role', value: '"administrator"', operator: null },
      { entity: 'operator', rowId: admin, field: 'disabled', value: '1', operator: omar.id },
      // A made-up author, and an administrator account made by nobody on a live post.
      { entity: 'operator', rowId: admin, field: 'pinHash', value: JSON.stringify(await hashPin('0000')), operator: '11111111-2222-3333-4444-555555555555' },
      { entity: 'operator', rowId: '99999999-8888-7777-6666-555555555555', field: '*', operator: null,
        value: JSON.stringify({ name: 'Ghost', pinHash: await hashPin('4242'), role: 'administrator', language: 'en', disabled: 0, createdAt: t.clock.time }) },
      { entity: 'post', rowId: postRowId('LTK'), field: 'language', value: '"ar"', operator: omar.id },
      // Text the API refuses: a right-to-left override that reverses what the next reader sees.
      { entity: 'incident', rowId: incidentId, field: 'description', value: JSON.stringify('safe \u202Eefas'), operator: admin },
      { entity: 'timeline', rowId: '12345678-1234-1234-1234-123456789abc', field: '*', operator: admin,
        value: JSON.stringify({ incidentId, at: t.clock.time, kind: 'note', text: 'x'.repeat(5000), operator: admin }) },
    ]);
    const result = await importBundle(t.core.context, file);
    expect(result.applied).toBe(0);
    expect(result.quarantined).toHaveLength(9);
    const reasons = await t.core.store.reader.all<{ seq: number; reason: string }>('SELECT seq, reason FROM quarantine WHERE origin = ? ORDER BY seq', [EVIL]);
    expect(reasons.map((r) => r.reason)).toEqual([
      'notAuthorized', 'notAuthorized', 'notAuthorized', 'notAuthorized', 'notAuthorized', 'notAuthorized', 'notAuthorized', 'unsafeValue', 'unsafeValue',
    ]);
    // Nothing changed: roles, PINs, accounts, the post, the incident.
    expect(await t.core.store.reader.all('SELECT name, role, disabled FROM operators WHERE pin_hash <> ? ORDER BY name', ['!'])).toEqual([
      { name: 'Omar Khatib', role: 'operator', disabled: 0 }, { name: SETUP.operator.name, role: 'administrator', disabled: 0 },
    ]);
    expect(await signIn(t, 'Omar Khatib', '1357')).toMatchObject({ ok: false });
    expect(await signIn(t, 'Omar Khatib', '1111')).toMatchObject({ ok: true, value: { role: 'operator' } });
    expect(await signIn(t, SETUP.operator.name, SETUP.operator.pin)).toMatchObject({ ok: true });
    expect(await signIn(t, 'Ghost', '4242')).toMatchObject({ ok: false });
    expect(await t.core.store.reader.get('SELECT language FROM post_settings')).toBeUndefined();
    expect(await t.core.store.reader.get('SELECT description FROM incidents WHERE id = ?', [incidentId])).toEqual(before);
    // The console still works.
    expect((await t.call('incidents.log', intake({ receivedAt: t.clock.time }))).number).toMatch(/^LTK-/);
  });

  it('apply what an administrator of the post really did, by the log\u2019s history, also from a console that joined', async () => {
    const { a, b } = await consolesOfOnePost(cores);
    // B's own first administrator (made at its first run) creates an operator and sets the shifts.
    const omar = await b.call('operators.create', { name: 'Omar Khatib', pin: '1111', role: 'operator', language: 'en' });
    await b.call('post.setShifts', { starts: ['07:00', '19:00'] });
    const file = join(b.dir, 'b.bundle');
    const { operations } = await exportBundle(b.core.context, file, {});
    const result = await importBundle(a.core.context, file);
    expect(result).toMatchObject({ applied: operations, quarantined: [] });
    expect(await a.core.store.reader.get('SELECT role FROM operators WHERE id = ?', [omar.id])).toEqual({ role: 'operator' });
    expect(await signIn(a, 'Omar Khatib', '1111')).toMatchObject({ ok: true });
    expect((await a.call('setup.status', {})).shiftStarts).toEqual(['07:00', '19:00']);
  });

  it('judge the author by their role at the operation\u2019s clock: before a promotion refused, after it applied', async () => {
    const t = await openTestCore();
    cores.push(t);
    const admin = (await t.core.store.reader.get<{ id: string }>("SELECT id FROM operators WHERE role = 'administrator' AND pin_hash <> '!'"))!.id;
    const omar = await t.call('operators.create', { name: 'Omar Khatib', pin: '1111', role: 'operator', language: 'en' });
    const salma = await t.call('operators.create', { name: 'Salma Nasser', pin: '2222', role: 'operator', language: 'en' });
    t.clock.advance(60_000);
    const file = join(t.dir, 'history.bundle');
    // Clocks rise with the line: Omar acts (refused), the administrator promotes him, Omar acts again (applied).
    signedBundle(t, file, [
      { entity: 'operator', rowId: salma.id, field: 'role', value: '"supervisor"', operator: omar.id },
      { entity: 'operator', rowId: omar.id, field: 'role', value: '"administrator"', operator: admin },
      { entity: 'operator', rowId: salma.id, field: 'disabled', value: '1', operator: omar.id },
    ]);
    const result = await importBundle(t.core.context, file);
    expect(result).toMatchObject({ applied: 2, quarantined: [{ seq: 1, reason: 'notAuthorized' }] });
    expect(await t.core.store.reader.all('SELECT name, role, disabled FROM operators WHERE id IN (?, ?) ORDER BY name', [omar.id, salma.id])).toEqual([
      { name: 'Omar Khatib', role: 'administrator', disabled: 0 }, { name: 'Salma Nasser', role: 'operator', disabled: 1 },
    ]);
  });
});
