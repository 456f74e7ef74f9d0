// Two administrators of one post, on two laptops offline, disable each other: after the next
// sync no one can sign in anywhere. First run comes back in recovery, which only makes a new
// administrator: the console keeps its post, its letter, its data and the post's key, so its
// bundles still check out on the post's other consoles.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../electron/cli/args';
import { prepare } from '../../../electron/cli/commands';
import { readPostKey } from '../../../electron/core/post/postKey';
import { exportBundle, importBundle } from '../../../electron/core/sync/bundles';
import { versionVector } from '../../../electron/core/sync/exchange';
import { KEY_PASSPHRASE, SETUP, cleanedAfterEach, count, fileChooser, intake, openTestCore, type TestCore } from '../testCore';

const { cores } = cleanedAfterEach('beacon-recovery-');

const key = (t: TestCore) => readPostKey(t.core.context.settings, t.core.context.secrets);
const OMAR = { name: 'Omar Station', pin: '8642' };
const NOUR = { name: 'Nour Khalil', pin: '9753' };

/** What `to` lacks from `from`, carried in a bundle on a stick; the operations applied. */
async function carry(from: TestCore, to: TestCore): Promise<number> {
  const file = join(from.dir, `to-${to.core.store.origin}-${Date.now()}.bundle`);
  await exportBundle(from.core.context, file, { theirs: await versionVector(to.core.store.reader) });
  return (await importBundle(to.core.context, file)).applied;
}

/**
 * A (administrator Rania) and B (administrator Omar), one post; B's open dialog still answers
 * the post's key file, as a stick left in the laptop would.
 */
async function postOfTwo(): Promise<{ a: TestCore; b: TestCore; rania: string; omar: string }> {
  let keyFile = '';
  const a = await openTestCore({ letter: 'A', files: { ...fileChooser().files, savePostKey: async () => keyFile } });
  cores.push(a);
  keyFile = join(a.dir, 'beacon-post-LTK.key');
  await a.call('post.exportKey', { passphrase: KEY_PASSPHRASE });
  const b = await openTestCore({ setup: false, files: { ...fileChooser().files, openPostKey: async () => keyFile } });
  cores.push(b);
  await b.call('setup.readPostKeyFile', {});
  const omar = await b.call('setup.complete', { ...SETUP, consoleLetter: 'B', operator: OMAR, join: true, passphrase: KEY_PASSPHRASE });
  const rania = (await a.call('session.current', {}))!.id;
  return { a, b, rania, omar: omar.id };
}

/** Both administrators, each on their own laptop and offline, disable the other; then they sync. */
async function disabledEachOther() {
  const post = await postOfTwo();
  const { a, b, rania, omar } = post;
  await a.call('incidents.log', intake());
  await b.call('incidents.log', intake({ type: 'fire' }));
  await carry(a, b);
  await carry(b, a);
  await a.call('operators.setDisabled', { id: omar, disabled: true });
  await b.call('operators.setDisabled', { id: rania, disabled: true });
  await carry(a, b);
  await carry(b, a);
  return post;
}

const recoveryOf = async (t: TestCore) => {
  const { needsSetup, recovery, noOperatorYet } = await t.call('setup.status', {});
  expect(noOperatorYet).toBe(false);
  return { needsSetup, recovery };
};

describe('recovery, when every operator of a post is disabled', () => {
  it('is told apart from a console never set up', async () => {
    const fresh = await openTestCore({ setup: false });
    cores.push(fresh);
    expect(await recoveryOf(fresh)).toEqual({ needsSetup: true, recovery: false });
    await fresh.call('setup.complete', SETUP);
    expect(await recoveryOf(fresh)).toEqual({ needsSetup: false, recovery: false });

    const { a, b } = await disabledEachOther();
    for (const t of [a, b]) {
      expect(await recoveryOf(t)).toEqual({ needsSetup: true, recovery: true });
      // The post is shown as it is, for the first-run screen to show read-only.
      expect((await t.call('setup.status', {})).post).toEqual(SETUP.post);
    }
  });

  it('refuses a key file and joining, changing nothing', async () => {
    const { a, b } = await disabledEachOther();
    const before = { settings: b.core.context.settings.read(), key: key(b), operators: await count(b, 'operators') };
    const session = b.core.createSession();
    expect(await b.core.invoke(session, 'setup.readPostKeyFile', {})).toEqual({ ok: false, error: { code: 'error.recoveryKeepsPost' } });
    expect(session.pendingJoin).toBeUndefined();
    const joining = { ...SETUP, post: { name: 'Tartus command post', code: 'TRT', timeZone: 'UTC' }, consoleLetter: 'Z', operator: NOUR, join: true, passphrase: KEY_PASSPHRASE };
    expect(await b.core.invoke(session, 'setup.complete', joining)).toEqual({ ok: false, error: { code: 'error.recoveryKeepsPost' } });
    expect({ settings: b.core.context.settings.read(), key: key(b), operators: await count(b, 'operators') }).toEqual(before);
    expect(key(b)).toBe(key(a));
    expect(await recoveryOf(b)).toEqual({ needsSetup: true, recovery: true });
  });

  it('makes only a new administrator: the post, letter, defaults, key and data stay, and the post\u2019s other console takes its bundles', async () => {
    const { a, b } = await disabledEachOther();
    const before = { settings: b.core.context.settings.read(), key: key(b), incidents: await count(b, 'incidents'), operators: await count(b, 'operators') };
    expect(before.incidents).toBe(2);

    // Another post, letter, language, digits and demo data on the form: none of it is taken.
    const session = b.core.createSession();
    const made = await b.core.invoke(session, 'setup.complete', {
      post: { name: 'Tartus command post', code: 'TRT', timeZone: 'UTC' }, consoleLetter: 'Z', operator: NOUR, language: 'ar', digits: 'arab', loadDemo: true,
    });
    expect(made).toEqual({ ok: true, value: { id: expect.any(String), name: NOUR.name, role: 'administrator', language: 'ar' } });
    expect(session.operatorId).toBe(made.ok && made.value.id);
    b.session = session;
    expect(b.core.context.settings.read()).toEqual(before.settings);
    expect(b.core.context.settings.read()).toMatchObject({ post: SETUP.post, consoleLetter: 'B', language: 'en', digits: 'latn' });
    expect(key(b)).toBe(before.key);
    expect(key(b)).toBe(key(a));
    expect(await count(b, 'incidents')).toBe(before.incidents);
    expect(await count(b, 'operators')).toBe(before.operators + 1);
    expect(await recoveryOf(b)).toEqual({ needsSetup: false, recovery: false });
    expect((await b.call('incidents.queue', { queue: 'waiting' })).total).toBe(2);

    // Done once: a second window's try is refused.
    expect(await b.core.invoke(b.core.createSession(), 'setup.complete', { ...SETUP, operator: { name: 'Someone Else', pin: '1111' } })).toEqual({ ok: false, error: { code: 'error.setupDone' } });
    await b.reopen();
    expect((await b.call('session.signIn', NOUR)).role).toBe('administrator');

    // The new administrator is an operation signed with the post's key: A takes it and is back too.
    await b.call('incidents.log', intake({ type: 'flood' }));
    expect(await carry(b, a)).toBeGreaterThan(0);
    expect(await recoveryOf(a)).toEqual({ needsSetup: false, recovery: false });
    expect(await count(a, 'incidents')).toBe(3);
    const signedIn = await a.core.invoke(a.core.createSession(), 'session.signIn', NOUR);
    expect(signedIn.ok && signedIn.value.name).toBe(NOUR.name);
  });

  it('also keeps the post and key of a folder the command line prepared, and says no one was disabled there', async () => {
    const t = await openTestCore({ setup: false });
    cores.push(t);
    // As `npm run cli -- post-key-join` or `seed` leave a folder: a post, its key, a system operator without a PIN.
    await prepare(t.core, parseArgs(['seed', '--post', 'JBL']));
    const before = { post: t.core.context.settings.read().post, key: key(t) };
    expect(before.key).toBeTruthy();
    expect(await t.call('setup.status', {})).toMatchObject({ needsSetup: true, recovery: true, noOperatorYet: true });
    const session = t.core.createSession();
    const made = await t.core.invoke(session, 'setup.complete', { ...SETUP, operator: NOUR });
    expect(made.ok).toBe(true);
    expect({ post: t.core.context.settings.read().post, key: key(t) }).toEqual(before);
    expect(await t.call('setup.status', {})).toMatchObject({ needsSetup: false, recovery: false, noOperatorYet: false });
  });
});
