// The post's key signs bundles; like hub passwords it is a credential, so it lives in the
// secret store, never in the settings file where a store can protect it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POST_KEY_SECRET, readPostKey } from '../../../electron/core/post/postKey';
import { memorySecretStore } from '../../../electron/core/secrets/secretStore';
import { newPostKey } from '../../../electron/core/sync/bundle';
import { exportBundle, importBundle } from '../../../electron/core/sync/bundles';
import { cleanedAfterEach, consolesOfOnePost, intake, openTestCore } from '../testCore';

const { cores, tempDir } = cleanedAfterEach('beacon-postkey-');

const settingsFile = (dir: string) => readFileSync(join(dir, 'settings.json'), 'utf8');
const PASSPHRASE = 'cedar lighthouse 42';

describe('the post key', () => {
  it('is made at first run into the secret store; the settings file never holds it', async () => {
    const t = await openTestCore();
    cores.push(t);
    const key = t.core.context.secrets.get(POST_KEY_SECRET);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse(settingsFile(t.dir))).toMatchObject({ postKey: null });
    expect(settingsFile(t.dir)).not.toContain(key!);
  });

  it('a console joined with its post\u2019s key seals it at its next open, and bundles still sign and verify', async () => {
    const { a, b } = await consolesOfOnePost(cores);
    const key = readPostKey(a.core.context.settings, a.core.context.secrets)!;
    await b.reopen();
    expect(settingsFile(b.dir)).not.toContain(key);
    expect(b.core.context.secrets.get(POST_KEY_SECRET)).toBe(key);
    await a.call('incidents.log', intake());
    const file = join(a.dir, 'a.bundle');
    const { operations: written } = await exportBundle(a.core.context, file, {});
    expect(await importBundle(b.core.context, file)).toMatchObject({ applied: written, quarantined: [] });
  });

  it('in clear in an older console\u2019s settings file is moved into the store when the core opens', async () => {
    const dir = tempDir();
    const secrets = memorySecretStore();
    const t = await openTestCore({ dir, secrets });
    cores.push(t);
    await t.call('incidents.log', intake());
    // What an older Beacon wrote: the key in the file, nothing in the store.
    const old = newPostKey();
    secrets.delete(POST_KEY_SECRET);
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...JSON.parse(settingsFile(dir)) as object, postKey: old }));
    await t.reopen();
    expect(settingsFile(dir)).not.toContain(old);
    expect(secrets.get(POST_KEY_SECRET)).toBe(old);
    // Bundles it made before are still read: the key is the same.
    const other = await openTestCore({ letter: 'B' });
    cores.push(other);
    other.core.context.settings.write({ ...other.core.context.settings.read(), postKey: old });
    const file = join(dir, 'old.bundle');
    await exportBundle(t.core.context, file, {});
    expect((await importBundle(other.core.context, file)).applied).toBeGreaterThan(0);
  });

  it('stays in the settings file where no store can protect it, and bundles keep working', async () => {
    const t = await openTestCore({ secrets: memorySecretStore(false) });
    cores.push(t);
    const key = readPostKey(t.core.context.settings, t.core.context.secrets);
    expect(JSON.parse(settingsFile(t.dir))).toMatchObject({ postKey: key });
    await t.call('incidents.log', intake());
    await t.reopen();
    expect(readPostKey(t.core.context.settings, t.core.context.secrets)).toBe(key);
    expect((await exportBundle(t.core.context, join(t.dir, 'x.bundle'), {})).operations).toBeGreaterThan(0);
  });

  it('the command line, with no keychain, signs bundles another data folder of the post imports', () => {
    const [a, b] = [tempDir(), tempDir()];
    // The passphrase never as an argument: from the environment, or from a file.
    const env = { ...process.env };
    delete env.BEACON_KEY_PASSPHRASE;
    const run = (dir: string, args: string[], passphrase?: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args, '--data', dir], { encoding: 'utf8', timeout: 60_000, env: passphrase === undefined ? env : { ...env, BEACON_KEY_PASSPHRASE: passphrase } });
    const cli = (dir: string, ...args: string[]) => {
      const done = run(dir, args, PASSPHRASE);
      expect(done.status, done.stderr).toBe(0);
      return JSON.parse(done.stdout) as Record<string, number>;
    };
    const refused = (dir: string, args: string[], passphrase?: string) => {
      const done = run(dir, args, passphrase);
      expect(done.status, done.stdout).not.toBe(0);
      return done.stderr;
    };
    cli(a, 'seed', '--incidents', '5', '--days', '1', '--seed', '3');
    const key = (JSON.parse(settingsFile(a)) as { postKey: string }).postKey;
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // B joins A's post with A's key file, as a laptop does at its first run.
    expect(refused(a, ['post-key-export', join(a, 'post.key'), '--passphrase', PASSPHRASE])).toContain('never give the passphrase as an argument');
    expect(refused(a, ['post-key-export', join(a, 'post.key')], 'short')).toContain('At least 8 characters');
    expect(cli(a, 'post-key-export', join(a, 'post.key'))).toEqual({ file: join(a, 'post.key'), post: 'LTK' });
    expect(readFileSync(join(a, 'post.key'), 'utf8')).not.toContain(key);
    expect(refused(b, ['post-key-join', join(a, 'post.key'), '--console', 'B'])).toContain("needs the key file's passphrase");
    const passphraseFile = join(b, 'passphrase.txt');
    writeFileSync(passphraseFile, 'not the passphrase\n');
    expect(refused(b, ['post-key-join', join(a, 'post.key'), '--console', 'B', '--passphrase-file', passphraseFile])).toContain('does not open this key file');
    // Refused before anything is written: no post, no key.
    expect(existsSync(join(b, 'settings.json')) ? (JSON.parse(settingsFile(b)) as { post: unknown }).post : null).toBeNull();
    writeFileSync(passphraseFile, `${PASSPHRASE}\n`);
    expect(cli(b, 'post-key-join', join(a, 'post.key'), '--console', 'B', '--passphrase-file', passphraseFile)).toEqual({ post: 'LTK', console: 'B' });
    expect(JSON.parse(settingsFile(b))).toMatchObject({ postKey: key, consoleLetter: 'B', post: { code: 'LTK' } });
    // Once a folder has its post, joining is refused: its key is never replaced.
    expect(refused(b, ['post-key-join', join(a, 'post.key'), '--console', 'C'], PASSPHRASE)).toContain('already set up');
    const exported = cli(a, 'bundle-export', join(a, 'a.bundle'));
    expect(cli(b, 'bundle-import', join(a, 'a.bundle'))).toMatchObject({ operations: exported.operations, applied: exported.operations, quarantined: 0 });
    // Both runs kept the key where the next run finds it.
    expect((JSON.parse(settingsFile(a)) as { postKey: string }).postKey).toBe(key);
    // An older Beacon's file, the key in clear: it joins without a passphrase, with a warning.
    const c = tempDir();
    const post = (JSON.parse(settingsFile(a)) as { post: unknown }).post;
    writeFileSync(join(a, 'old.key'), JSON.stringify({ format: 'beacon-post-key', version: 1, post, key }));
    const old = run(c, ['post-key-join', join(a, 'old.key'), '--console', 'C']);
    expect(old.status, old.stderr).toBe(0);
    expect(JSON.parse(old.stdout)).toEqual({ post: 'LTK', console: 'C' });
    expect(old.stderr).toContain('without a passphrase');
  }, 180_000); // twelve runs of the command line, each starting tsx: slow on a shared machine
});
