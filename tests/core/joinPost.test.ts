// A second laptop joins its post: the administrator saves the post's key to a stick, the new
// laptop's first run reads it, and from then on each console's bundles check out on the other.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOperator } from '../../electron/core/operators/operators';
import { hasPostKey, readPostKey } from '../../electron/core/post/postKey';
import { exportBundle, importBundle } from '../../electron/core/sync/bundles';
import { SETUP, cleanedAfterEach, count, fileChooser, intake, openTestCore, type TestCore } from './testCore';

const { cores, tempDir } = cleanedAfterEach('beacon-join-');

const key = (t: TestCore) => readPostKey(t.core.context.settings, t.core.context.secrets);
const JOINING = { ...SETUP, post: { name: 'Typed by hand', code: 'XYZ', timeZone: 'UTC' }, consoleLetter: 'B', operator: { name: 'Omar Station', pin: '8642' }, join: true };

/** Console A, set up, with a stick; the key file it saved there. */
async function consoleAWithKeyFile() {
  const stick = tempDir();
  const dialogs = fileChooser();
  const a = await openTestCore({ letter: 'A', files: dialogs.files });
  cores.push(a);
  dialogs.state.next = join(stick, 'beacon-post-LTK.key');
  const saved = await a.call('post.exportKey', {});
  return { a, stick, dialogs, saved, keyFile: dialogs.state.next };
}

/** A laptop at its first run, whose open dialog answers `file`. */
async function newLaptop(file: string | null) {
  const dialogs = fileChooser();
  dialogs.state.next = file;
  const b = await openTestCore({ setup: false, files: dialogs.files });
  cores.push(b);
  return b;
}

async function unsetUp(t: TestCore) {
  return { status: (await t.call('setup.status', {})).needsSetup, post: t.core.context.settings.read().post, key: hasPostKey(t.core.context.settings, t.core.context.secrets), operators: await count(t, 'operators') };
}

describe('joining a post with its key file', () => {
  it('saves the post key for another laptop, which joins with it; each then imports the other\u2019s bundles', async () => {
    const { a, stick, dialogs, saved, keyFile } = await consoleAWithKeyFile();
    expect(saved).toEqual({ file: keyFile });
    expect(dialogs.state.suggested).toBe('beacon-post-LTK.key');
    expect(JSON.parse(readFileSync(keyFile!, 'utf8'))).toEqual({ format: 'beacon-post-key', version: 1, post: SETUP.post, key: key(a) });
    expect(existsSync(`${keyFile}.part`)).toBe(false);
    if (process.platform !== 'win32') expect(statSync(keyFile!).mode & 0o077).toBe(0); // the owner's alone

    const b = await newLaptop(keyFile);
    expect(await b.call('setup.readPostKeyFile', {})).toEqual({ post: SETUP.post });
    await b.call('setup.complete', JOINING);
    // The post is the file's, whatever the form sent; the letter and the operator are B's own.
    expect(b.core.context.settings.read()).toMatchObject({ post: SETUP.post, consoleLetter: 'B' });
    expect(key(b)).toBe(key(a));
    expect(b.session.pendingJoin).toBeUndefined();

    await a.call('calls.log', intake());
    await exportBundle(a.core.context, join(stick, 'a.bundle'), {});
    expect((await importBundle(b.core.context, join(stick, 'a.bundle'))).applied).toBeGreaterThan(0);
    expect(await count(b, 'incidents')).toBe(1);
    await b.call('calls.log', intake({ type: 'fire' }));
    await exportBundle(b.core.context, join(stick, 'b.bundle'), {});
    expect((await importBundle(a.core.context, join(stick, 'b.bundle'))).applied).toBeGreaterThan(0);
    expect(await count(a, 'incidents')).toBe(2);
  });

  it('loads no demo data on a joining laptop: it would travel to the real post', async () => {
    const { keyFile } = await consoleAWithKeyFile();
    const b = await newLaptop(keyFile);
    await b.call('setup.readPostKeyFile', {});
    await b.call('setup.complete', { ...JOINING, loadDemo: true });
    expect(await count(b, 'incidents')).toBe(0);
  });

  it('refuses a file that is not a good key file, with its code, and the laptop stays as it was', async () => {
    const { keyFile } = await consoleAWithKeyFile();
    const good = JSON.parse(readFileSync(keyFile!, 'utf8')) as Record<string, unknown>;
    const dir = tempDir();
    const cases: [string, string, string][] = [
      ['not JSON', 'PK\u0003\u0004 a zip, not a key', 'postKey.notAKeyFile'],
      ['a bundle', '{"format":"beacon-bundle","version":1,"post":"LTK","origin":"x","createdAt":1,"count":0}\n', 'postKey.notAKeyFile'],
      ['another format', JSON.stringify({ ...good, format: 'other-app-key' }), 'postKey.notAKeyFile'],
      ['a newer version', JSON.stringify({ ...good, version: 2 }), 'postKey.newerVersion'],
      ['a truncated key', JSON.stringify({ ...good, key: String(good.key).slice(0, 30) }), 'postKey.badKey'],
      ['a key with other characters', JSON.stringify({ ...good, key: `${String(good.key).slice(0, 42)}=` }), 'postKey.badKey'],
      ['cut short while copying', readFileSync(keyFile!, 'utf8').slice(0, 60), 'postKey.notAKeyFile'],
    ];
    for (const [name, text, code] of cases) {
      const file = join(dir, `${name}.key`);
      writeFileSync(file, text);
      const b = await newLaptop(file);
      expect(await b.core.invoke(b.session, 'setup.readPostKeyFile', {}), name).toEqual({ ok: false, error: { code } });
      // Joining without a key file read is refused too: nothing is written.
      expect(await b.core.invoke(b.session, 'setup.complete', JOINING), name).toEqual({ ok: false, error: { code: 'postKey.chooseFile' } });
      expect(await unsetUp(b), name).toEqual({ status: true, post: null, key: false, operators: 0 });
    }
    const missing = await newLaptop(join(dir, 'gone.key'));
    expect(await missing.core.invoke(missing.session, 'setup.readPostKeyFile', {})).toEqual({ ok: false, error: { code: 'postKey.unreadable' } });
  });

  it('answers null when the dialog is cancelled, writes nothing, and never writes over the console\u2019s database', async () => {
    const { a, dialogs } = await consoleAWithKeyFile();
    dialogs.state.next = null;
    expect(await a.call('post.exportKey', {})).toBeNull();
    dialogs.state.next = a.core.store.file;
    expect(await a.core.invoke(a.session, 'post.exportKey', {})).toEqual({ ok: false, error: { code: 'postKey.cannotWrite', params: { file: a.core.store.file } } });
    expect(await count(a, 'operators')).toBe(1);
    const b = await newLaptop(null);
    expect(await b.call('setup.readPostKeyFile', {})).toBeNull();
    expect(await unsetUp(b)).toEqual({ status: true, post: null, key: false, operators: 0 });
  });

  it('saves the post key for an administrator only', async () => {
    const { a, stick, dialogs } = await consoleAWithKeyFile();
    const supervisor = await a.core.store.write(null, (w) => createOperator(w, a.clock.now(), { name: 'Samer Duty', pin: '1357', role: 'supervisor', language: 'en' }));
    dialogs.state.next = join(stick, 'by-supervisor.key');
    expect(await a.core.invoke({ operatorId: supervisor.id }, 'post.exportKey', {})).toEqual({ ok: false, error: { code: 'error.forbidden' } });
    expect(existsSync(dialogs.state.next)).toBe(false);
  });

  it('refuses to read a key file or to join once the console is set up, so the post key cannot be replaced', async () => {
    const { keyFile } = await consoleAWithKeyFile();
    // Another post's console, set up with its own key, restarted: a new window, no one signed in.
    const dialogs = fileChooser();
    dialogs.state.next = keyFile;
    const reopened = await openTestCore({ letter: 'A', files: dialogs.files });
    cores.push(reopened);
    const before = key(reopened);
    await reopened.reopen();
    const session = reopened.core.createSession();
    expect(await reopened.core.invoke(session, 'setup.readPostKeyFile', {})).toEqual({ ok: false, error: { code: 'error.setupDone' } });
    expect(session.pendingJoin).toBeUndefined();
    expect(await reopened.core.invoke(session, 'setup.complete', JOINING)).toEqual({ ok: false, error: { code: 'error.setupDone' } });
    expect(key(reopened)).toBe(before);
  });
});
