// Issue #18 item 2: a settings file damaged, emptied or deleted under a live database never
// reopens first run: the post and this console's letter come back from the database, the post
// key is never made anew, and the command line's `check` changes nothing.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POST_KEY_SECRET, readPostKey } from '../../../electron/core/post/postKey';
import { memorySecretStore } from '../../../electron/core/secrets/secretStore';
import { writePostKeyFile } from '../../../electron/core/post/postKeyFile';
import { cleanedAfterEach, fileChooser, intake, KEY_PASSPHRASE, openTestCore, SETUP } from '../testCore';

const { cores, tempDir } = cleanedAfterEach('beacon-settings-lost-');

const DAMAGE = {
  invalid: (file: string) => writeFileSync(file, '{"post": {"code": 42'),
  empty: (file: string) => writeFileSync(file, ''),
  missing: (file: string) => rmSync(file),
};

describe('a lost settings file on a live database (app)', () => {
  for (const [how, damage] of Object.entries(DAMAGE)) {
    it(`${how}: the post and letter come back from the database, first run stays closed, the key is kept`, async () => {
      const secrets = memorySecretStore();
      const t = await openTestCore({ letter: 'B', secrets });
      cores.push(t);
      const key = secrets.get(POST_KEY_SECRET);
      await t.call('incidents.log', intake());
      // Damaged while the console runs (a crash, a full disk, a hand); it shows at the next open.
      damage(join(t.dir, 'settings.json'));
      await t.reopen();
      const status = await t.call('setup.status', {});
      expect(status).toMatchObject({ needsSetup: false, recovery: false, post: SETUP.post, consoleLetter: 'B', postKeyMissing: false });
      expect(JSON.parse(readFileSync(join(t.dir, 'settings.json'), 'utf8'))).toMatchObject({ post: SETUP.post, consoleLetter: 'B' });
      // A signed-out window cannot make itself an administrator.
      const again = await t.core.invoke(t.core.createSession(), 'setup.complete', { ...SETUP, operator: { name: 'Intruder', pin: '9999' }, consoleLetter: 'A' });
      expect(again).toMatchObject({ ok: false, error: { code: 'error.setupDone' } });
      expect(secrets.get(POST_KEY_SECRET)).toBe(key);
      // The console still works, numbering under its own letter.
      await t.call('session.signIn', { name: SETUP.operator.name, pin: SETUP.operator.pin });
      const logged = await t.call('incidents.log', intake({ receivedAt: t.clock.time }));
      expect(logged.number).toMatch(/^LTK-\d{6}-B002$/);
    });
  }

  it('says the post key is missing when it went with the file, and never makes a new one', async () => {
    const t = await openTestCore({ letter: 'C', secrets: memorySecretStore(false) });
    cores.push(t);
    expect(readPostKey(t.core.context.settings, t.core.context.secrets)).not.toBeNull();
    rmSync(join(t.dir, 'settings.json'));
    await t.reopen();
    expect(await t.call('setup.status', {})).toMatchObject({ needsSetup: false, consoleLetter: 'C', postKeyMissing: true });
    expect(readPostKey(t.core.context.settings, t.core.context.secrets)).toBeNull();
    const again = await t.core.invoke(t.core.createSession(), 'setup.complete', { ...SETUP, consoleLetter: 'A' });
    expect(again).toMatchObject({ ok: false, error: { code: 'error.setupDone' } });
    expect(readPostKey(t.core.context.settings, t.core.context.secrets)).toBeNull();
  });
});

describe('a post key lost with the settings file (app)', () => {
  it('comes back only from the post\u2019s own key file, read by an administrator, and is never replaced', async () => {
    const dir = tempDir();
    const chooser = fileChooser();
    const t = await openTestCore({ dir, letter: 'C', secrets: memorySecretStore(false), files: chooser.files });
    cores.push(t);
    const key = readPostKey(t.core.context.settings, t.core.context.secrets);
    chooser.state.next = join(dir, 'post.key');
    await t.call('post.exportKey', { passphrase: KEY_PASSPHRASE });
    // Another post's key file, as a wrong stick would hold.
    const other = await openTestCore({ setup: false, files: fileChooser().files });
    cores.push(other);
    await other.call('setup.complete', { ...SETUP, post: { ...SETUP.post, code: 'HMS' } });
    const otherFile = join(other.dir, 'other.key');
    await writePostKeyFile(otherFile, { post: { ...SETUP.post, code: 'HMS' }, key: readPostKey(other.core.context.settings, other.core.context.secrets)! }, KEY_PASSPHRASE);
    rmSync(join(dir, 'settings.json'));
    await t.reopen();
    await t.call('session.signIn', { name: SETUP.operator.name, pin: SETUP.operator.pin });
    chooser.state.next = otherFile;
    expect(await t.core.invoke(t.session, 'post.restoreKey', { passphrase: KEY_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'trust.keyOfAnotherPost', params: { post: 'HMS' } } });
    chooser.state.next = join(dir, 'post.key');
    expect(await t.core.invoke(t.session, 'post.restoreKey', { passphrase: 'not the passphrase' })).toMatchObject({ ok: false });
    expect(readPostKey(t.core.context.settings, t.core.context.secrets)).toBeNull();
    expect(await t.call('post.restoreKey', { passphrase: KEY_PASSPHRASE })).toMatchObject({ postKeyMissing: false, consoleLetter: 'C' });
    expect(readPostKey(t.core.context.settings, t.core.context.secrets)).toBe(key);
    // Once there, never replaced.
    expect(await t.core.invoke(t.session, 'post.restoreKey', { passphrase: KEY_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'trust.postKeyPresent' } });
  });
});

describe('a lost settings file on a live database (command line)', () => {
  const run = (dir: string, ...args: string[]) => {
    const env = { ...process.env, BEACON_KEY_PASSPHRASE: 'cedar lighthouse 42' };
    return spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args, '--data', dir], { encoding: 'utf8', timeout: 120_000, env });
  };
  const ok = (dir: string, ...args: string[]) => {
    const done = run(dir, ...args);
    expect(done.status, done.stderr).toBe(0);
    return done.stdout;
  };
  const settingsOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { post: { code: string } | null; consoleLetter: string | null; postKey: string | null };

  it('check writes nothing: settings and database bytes and times unchanged', () => {
    const dir = tempDir();
    ok(dir, 'seed', '--incidents', '3', '--days', '1', '--seed', '1', '--post', 'HMS');
    const files = ['settings.json', 'beacon.db'].map((f) => join(dir, f));
    const before = files.map((f) => ({ bytes: readFileSync(f), mtime: statSync(f).mtimeMs }));
    ok(dir, 'check');
    files.forEach((f, i) => {
      expect(readFileSync(f).equals(before[i]!.bytes)).toBe(true);
      expect(statSync(f).mtimeMs).toBe(before[i]!.mtime);
    });
    // Nor does it rebuild a missing settings file: looking is all it does.
    rmSync(files[0]!);
    ok(dir, 'check');
    expect(existsSync(files[0]!)).toBe(false);
    expect(readFileSync(files[1]!).equals(before[1]!.bytes)).toBe(true);
  }, 120_000);

  it('invalid, empty or missing: no command rewrites the post or the letter, none makes a new key; post-key-join brings the post\u2019s own key back', () => {
    const [a, b] = [tempDir(), tempDir()];
    ok(a, 'seed', '--incidents', '3', '--days', '1', '--seed', '1', '--post', 'HMS');
    ok(a, 'post-key-export', join(a, 'post.key'));
    const key = settingsOf(a).postKey;
    ok(b, 'post-key-join', join(a, 'post.key'), '--console', 'D');
    ok(b, 'seed', '--incidents', '3', '--days', '1', '--seed', '2');
    // One live folder, copied for each way of losing its settings file.
    for (const [how, damage] of Object.entries(DAMAGE)) {
      const copy = tempDir();
      cpSync(b, copy, { recursive: true });
      damage(join(copy, 'settings.json'));
      ok(copy, 'check');
      ok(copy, 'seed', '--incidents', '1', '--days', '1', '--seed', '3');
      expect(settingsOf(copy), how).toMatchObject({ post: { code: 'HMS' }, consoleLetter: 'D', postKey: null });
      if (how !== 'missing') continue;
      expect(run(copy, 'bundle-export', join(copy, 'b.bundle')).status).toBe(1);
      expect(JSON.parse(ok(copy, 'post-key-join', join(a, 'post.key')))).toEqual({ post: 'HMS', console: 'D' });
      expect(settingsOf(copy)).toMatchObject({ post: { code: 'HMS' }, consoleLetter: 'D', postKey: key });
      ok(copy, 'bundle-export', join(copy, 'b.bundle'));
      expect(JSON.parse(ok(a, 'bundle-import', join(copy, 'b.bundle')))).toMatchObject({ quarantined: 0 });
    }
  }, 400_000);
});
