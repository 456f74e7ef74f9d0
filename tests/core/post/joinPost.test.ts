// A second laptop joins its post: the administrator saves the post's key to a stick, the new
// laptop's first run reads it and opens it with the passphrase the administrator chose, and from
// then on each console's bundles check out on the other.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOperator } from '../../../electron/core/operators/operators';
import { hasPostKey, readPostKey } from '../../../electron/core/post/postKey';
import { exportBundle, importBundle } from '../../../electron/core/sync/bundles';
import { KEY_PASSPHRASE, SETUP, cleanedAfterEach, count, fileChooser, intake, openTestCore, type TestCore } from '../testCore';

const { cores, tempDir } = cleanedAfterEach('beacon-join-');

const key = (t: TestCore) => readPostKey(t.core.context.settings, t.core.context.secrets);
const JOINING = { ...SETUP, post: { name: 'Typed by hand', code: 'XYZ', timeZone: 'UTC' }, consoleLetter: 'B', operator: { name: 'Omar Station', pin: '8642' }, join: true, passphrase: KEY_PASSPHRASE };

/** Console A, set up, with a stick; the key file it saved there. */
async function consoleAWithKeyFile(passphrase = KEY_PASSPHRASE) {
  const stick = tempDir();
  const dialogs = fileChooser();
  const a = await openTestCore({ letter: 'A', files: dialogs.files });
  cores.push(a);
  dialogs.state.next = join(stick, 'beacon-post-LTK.key');
  const saved = await a.call('post.exportKey', { passphrase });
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
    expect(JSON.parse(readFileSync(keyFile!, 'utf8'))).toEqual({
      format: 'beacon-post-key', version: 2, post: SETUP.post,
      kdf: { name: 'scrypt', N: 32768, r: 8, p: 1, salt: expect.stringMatching(/^[\w-]{22}$/) },
      cipher: { name: 'aes-256-gcm', iv: expect.stringMatching(/^[\w-]{16}$/), tag: expect.stringMatching(/^[\w-]{22}$/) },
      check: expect.stringMatching(/^[\w-]{22}$/), sealed: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(existsSync(`${keyFile}.part`)).toBe(false);
    if (process.platform !== 'win32') expect(statSync(keyFile!).mode & 0o077).toBe(0); // the owner's alone

    const b = await newLaptop(keyFile);
    expect(await b.call('setup.readPostKeyFile', {})).toEqual({ post: SETUP.post, sealed: true });
    await b.call('setup.complete', JOINING);
    // The post is the file's, whatever the form sent; the letter and the operator are B's own.
    expect(b.core.context.settings.read()).toMatchObject({ post: SETUP.post, consoleLetter: 'B' });
    expect(key(b)).toBe(key(a));
    expect(b.session.pendingJoin).toBeUndefined();

    await a.call('incidents.log', intake());
    await exportBundle(a.core.context, join(stick, 'a.bundle'), {});
    expect((await importBundle(b.core.context, join(stick, 'a.bundle'))).applied).toBeGreaterThan(0);
    expect(await count(b, 'incidents')).toBe(1);
    await b.call('incidents.log', intake({ type: 'fire' }));
    await exportBundle(b.core.context, join(stick, 'b.bundle'), {});
    expect((await importBundle(a.core.context, join(stick, 'b.bundle'))).applied).toBeGreaterThan(0);
    expect(await count(a, 'incidents')).toBe(2);
  });

  it('writes the key in no form a reader of the stick could use: not as text, base64, hex or bytes', async () => {
    const { a, keyFile } = await consoleAWithKeyFile();
    const raw = Buffer.from(key(a)!, 'base64url');
    const written = readFileSync(keyFile!);
    for (const form of [key(a)!, raw.toString('base64'), raw.toString('base64').replace(/=+$/, ''), raw.toString('hex'), raw.toString('hex').toUpperCase()]) {
      expect(written.includes(Buffer.from(form, 'utf8')), form).toBe(false);
    }
    expect(written.includes(raw)).toBe(false);
    expect(written.toString('utf8')).not.toContain(KEY_PASSPHRASE);
    // Each export draws its own salt and IV: two files of one key share nothing sealed.
    const again = JSON.parse(readFileSync((await consoleAWithKeyFile()).keyFile!, 'utf8')) as { kdf: { salt: string }; sealed: string };
    const first = JSON.parse(written.toString('utf8')) as { kdf: { salt: string }; sealed: string };
    expect(again.kdf.salt).not.toBe(first.kdf.salt);
    expect(again.sealed).not.toBe(first.sealed);
  });

  it('refuses a wrong or missing passphrase, changing nothing; the right one then joins', async () => {
    const { a, keyFile } = await consoleAWithKeyFile();
    const b = await newLaptop(keyFile);
    await b.call('setup.readPostKeyFile', {});
    const refusals: [unknown, unknown][] = [
      [{ ...JOINING, passphrase: 'cedar lighthouse 43' }, { code: 'postKey.wrongPassphrase' }],
      [{ ...JOINING, passphrase: KEY_PASSPHRASE.toUpperCase() }, { code: 'postKey.wrongPassphrase' }],
      [{ ...JOINING, passphrase: undefined }, { code: 'error.invalidInput', fields: { passphrase: 'validation.required' } }],
      [{ ...JOINING, passphrase: 'short' }, { code: 'error.invalidInput', fields: { passphrase: 'validation.passphraseShort' } }],
    ];
    for (const [input, error] of refusals) {
      expect(await b.core.invoke(b.session, 'setup.complete', input)).toEqual({ ok: false, error });
      expect(await unsetUp(b)).toEqual({ status: true, post: null, key: false, operators: 0 });
      // The file read stays for another try.
      expect(b.session.pendingJoin?.post).toEqual(SETUP.post);
    }
    // Spaces around it are not part of it, as when it was chosen.
    await b.call('setup.complete', { ...JOINING, passphrase: `  ${KEY_PASSPHRASE}\n` });
    expect(key(b)).toBe(key(a));
    expect(b.core.context.settings.read()).toMatchObject({ post: SETUP.post, consoleLetter: 'B' });
  });

  it('opens with a passphrase typed in another Unicode form (composed or not), as keyboards differ', async () => {
    const { a, keyFile } = await consoleAWithKeyFile('caf\u00e9 \u0645\u0631\u0643\u0632 \u0627\u0644\u0644\u0627\u0630\u0642\u064a\u0629');
    const b = await newLaptop(keyFile);
    await b.call('setup.readPostKeyFile', {});
    await b.call('setup.complete', { ...JOINING, passphrase: 'cafe\u0301 \u0645\u0631\u0643\u0632 \u0627\u0644\u0644\u0627\u0630\u0642\u064a\u0629' });
    expect(key(b)).toBe(key(a));
  });

  it('refuses a key file altered on the stick, with a code saying how, and the laptop stays as it was', async () => {
    const { keyFile } = await consoleAWithKeyFile();
    const text = readFileSync(keyFile!, 'utf8');
    const good = JSON.parse(text) as { post: Record<string, string>; kdf: Record<string, unknown>; cipher: Record<string, string>; check: string; sealed: string };
    const flip = (b64: string, at = 0) => {
      const bytes = Buffer.from(b64, 'base64url');
      bytes[at] = bytes[at]! ^ 0x01;
      return bytes.toString('base64url');
    };
    const dir = tempDir();
    // Refused as soon as the file is read: before any passphrase, and before scrypt runs.
    const onReading: [string, string, string][] = [
      ['cut short', text.slice(0, text.length - 40), 'postKey.notAKeyFile'],
      ['a sealed key cut short', JSON.stringify({ ...good, sealed: good.sealed.slice(0, 30) }), 'postKey.notAKeyFile'],
      ['no salt', JSON.stringify({ ...good, kdf: { ...good.kdf, salt: undefined } }), 'postKey.notAKeyFile'],
      ['another cipher', JSON.stringify({ ...good, cipher: { ...good.cipher, name: 'aes-128-cbc' } }), 'postKey.notAKeyFile'],
      ['gigabytes of memory', JSON.stringify({ ...good, kdf: { ...good.kdf, N: 2 ** 20 } }), 'postKey.badParameters'],
      ['N beyond any cap', JSON.stringify({ ...good, kdf: { ...good.kdf, N: 2 ** 40 } }), 'postKey.badParameters'],
      ['a huge block size', JSON.stringify({ ...good, kdf: { ...good.kdf, r: 100_000 } }), 'postKey.badParameters'],
      ['minutes of work', JSON.stringify({ ...good, kdf: { ...good.kdf, p: 1000 } }), 'postKey.badParameters'],
      ['N not a power of two', JSON.stringify({ ...good, kdf: { ...good.kdf, N: 30_000 } }), 'postKey.badParameters'],
    ];
    for (const [name, contents, code] of onReading) {
      const file = join(dir, `${name}.key`);
      writeFileSync(file, contents);
      const b = await newLaptop(file);
      expect(await b.core.invoke(b.session, 'setup.readPostKeyFile', {}), name).toEqual({ ok: false, error: { code } });
      expect(b.session.pendingJoin, name).toBeUndefined();
      expect(await unsetUp(b), name).toEqual({ status: true, post: null, key: false, operators: 0 });
    }
    // Read, shown, then refused when opened with the right passphrase.
    const onOpening: [string, object, string][] = [
      ['a byte of the sealed key flipped', { ...good, sealed: flip(good.sealed, 5) }, 'postKey.damaged'],
      ['the tag flipped', { ...good, cipher: { ...good.cipher, tag: flip(good.cipher.tag!) } }, 'postKey.damaged'],
      ['the post renamed', { ...good, post: { ...good.post, name: 'Tartus command post' } }, 'postKey.damaged'],
      ['another post code', { ...good, post: { ...good.post, code: 'TRT' } }, 'postKey.damaged'],
      ['another time zone', { ...good, post: { ...good.post, timeZone: 'UTC' } }, 'postKey.damaged'],
      ['another salt', { ...good, kdf: { ...good.kdf, salt: flip(String(good.kdf.salt)) } }, 'postKey.wrongPassphrase'],
      ['other (allowed) parameters', { ...good, kdf: { ...good.kdf, N: 2 ** 14 } }, 'postKey.wrongPassphrase'],
      ['the check value changed', { ...good, check: flip(good.check) }, 'postKey.wrongPassphrase'],
    ];
    for (const [name, contents, code] of onOpening) {
      const file = join(dir, `${name}.key`);
      writeFileSync(file, JSON.stringify(contents));
      const b = await newLaptop(file);
      expect((await b.core.invoke(b.session, 'setup.readPostKeyFile', {})).ok, name).toBe(true);
      expect(await b.core.invoke(b.session, 'setup.complete', JOINING), name).toEqual({ ok: false, error: { code } });
      expect(await unsetUp(b), name).toEqual({ status: true, post: null, key: false, operators: 0 });
    }
  });

  it('still joins with a key file of an older Beacon (version 1, the key in clear), without a passphrase', async () => {
    const { a, stick } = await consoleAWithKeyFile();
    const file = join(stick, 'beacon-post-LTK-v1.key');
    writeFileSync(file, JSON.stringify({ format: 'beacon-post-key', version: 1, post: SETUP.post, key: key(a) }, null, 2));
    const b = await newLaptop(file);
    expect(await b.call('setup.readPostKeyFile', {})).toEqual({ post: SETUP.post, sealed: false });
    await b.call('setup.complete', { ...JOINING, passphrase: undefined });
    expect(key(b)).toBe(key(a));
    await a.call('incidents.log', intake());
    await exportBundle(a.core.context, join(stick, 'a.bundle'), {});
    expect((await importBundle(b.core.context, join(stick, 'a.bundle'))).applied).toBeGreaterThan(0);
  });

  it('refuses to save the key with a passphrase too short, too long or unsafe, writing nothing', async () => {
    const { a, stick, dialogs } = await consoleAWithKeyFile();
    dialogs.state.next = join(stick, 'weak.key');
    const cases: [string, string][] = [
      ['', 'validation.passphraseShort'],
      ['   seven  ', 'validation.passphraseShort'],
      ['\u0645\u0631\u0643\u0632 \u0627\u0644', 'validation.passphraseShort'],
      ['x'.repeat(201), 'validation.tooLong'],
      ['cedar\u202Elighthouse', 'validation.badCharacters'],
    ];
    for (const [passphrase, field] of cases) {
      expect(await a.core.invoke(a.session, 'post.exportKey', { passphrase }), passphrase).toEqual({ ok: false, error: { code: 'error.invalidInput', fields: { passphrase: field } } });
    }
    expect(await a.core.invoke(a.session, 'post.exportKey', {})).toEqual({ ok: false, error: { code: 'error.invalidInput', fields: { passphrase: 'validation.required' } } });
    expect(existsSync(dialogs.state.next)).toBe(false);
  });

  it('loads no demo data on a joining laptop: it would travel to the real post', async () => {
    const { keyFile } = await consoleAWithKeyFile();
    const b = await newLaptop(keyFile);
    await b.call('setup.readPostKeyFile', {});
    await b.call('setup.complete', { ...JOINING, loadDemo: true });
    expect(await count(b, 'incidents')).toBe(0);
  });

  it('refuses a file that is not a good key file, with its code, and the laptop stays as it was', async () => {
    const { a, keyFile } = await consoleAWithKeyFile();
    const sealed = JSON.parse(readFileSync(keyFile!, 'utf8')) as Record<string, unknown>;
    // The key checks apply to version-1 files, which hold it in clear.
    const good = { format: 'beacon-post-key', version: 1, post: SETUP.post, key: key(a) };
    const dir = tempDir();
    const cases: [string, string, string][] = [
      ['not JSON', 'PK\u0003\u0004 a zip, not a key', 'postKey.notAKeyFile'],
      ['a bundle', '{"format":"beacon-bundle","version":1,"post":"LTK","origin":"x","createdAt":1,"count":0}\n', 'postKey.notAKeyFile'],
      ['another format', JSON.stringify({ ...sealed, format: 'other-app-key' }), 'postKey.notAKeyFile'],
      ['a newer version', JSON.stringify({ ...sealed, version: 3 }), 'postKey.newerVersion'],
      ['version 1 with a sealed key', JSON.stringify({ ...sealed, version: 1 }), 'postKey.notAKeyFile'],
      ['version 2 with a key in clear', JSON.stringify({ ...good, version: 2 }), 'postKey.notAKeyFile'],
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
    expect(await a.call('post.exportKey', { passphrase: KEY_PASSPHRASE })).toBeNull();
    dialogs.state.next = a.core.store.file;
    expect(await a.core.invoke(a.session, 'post.exportKey', { passphrase: KEY_PASSPHRASE })).toEqual({ ok: false, error: { code: 'postKey.cannotWrite', params: { file: a.core.store.file } } });
    expect(await count(a, 'operators')).toBe(1);
    const b = await newLaptop(null);
    expect(await b.call('setup.readPostKeyFile', {})).toBeNull();
    expect(await unsetUp(b)).toEqual({ status: true, post: null, key: false, operators: 0 });
  });

  it('saves the post key for an administrator only', async () => {
    const { a, stick, dialogs } = await consoleAWithKeyFile();
    const supervisor = await a.core.store.write(null, (w) => createOperator(w, a.clock.now(), { name: 'Samer Duty', pin: '1357', role: 'supervisor', language: 'en' }));
    dialogs.state.next = join(stick, 'by-supervisor.key');
    expect(await a.core.invoke({ operatorId: supervisor.id }, 'post.exportKey', { passphrase: KEY_PASSPHRASE })).toEqual({ ok: false, error: { code: 'error.forbidden' } });
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
