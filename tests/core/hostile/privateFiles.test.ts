// Files private to their owner (issue #18 item 7), under a umask that would make them readable
// by everyone; and key files that are no files (a FIFO, a device, a folder, something huge)
// refused at once by the app and the command line, a refused join leaving no database behind.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBundle } from '../../../electron/core/sync/bundles';
import { readPostKeyFile } from '../../../electron/core/post/postKeyFile';
import { encryptedFileSecretStore } from '../../../electron/core/secrets/secretStore';
import { cleanedAfterEach, fileChooser, intake, KEY_PASSPHRASE, openTestCore } from '../testCore';

const { cores, tempDir } = cleanedAfterEach('beacon-private-');
const mode = (path: string) => statSync(path).mode & 0o777;
const posix = process.platform !== 'win32';

let umask = 0;
beforeEach(() => {
  umask = process.umask(0o000);
});
afterEach(() => {
  process.umask(umask);
});

function fifo(dir: string): string {
  const path = join(dir, 'post.key');
  const made = spawnSync('mkfifo', [path]);
  expect(made.status).toBe(0);
  return path;
}

describe.runIf(posix)('files private to their owner', () => {
  it('the database, its -wal and -shm, settings, safety copies, backups, bundles, post key files and secrets are 0600, folders 0700, whatever the umask', async () => {
    const dir = join(tempDir(), 'data');
    const chooser = fileChooser();
    const t = await openTestCore({ dir, files: chooser.files });
    cores.push(t);
    await t.call('incidents.log', intake());
    expect(mode(dir)).toBe(0o700);
    for (const name of ['beacon.db', 'beacon.db-wal', 'beacon.db-shm', 'settings.json']) expect([name, mode(join(dir, name))]).toEqual([name, 0o600]);

    const copy = await t.core.safetyCopies.takeIfDue();
    expect(mode(join(dir, 'safety-copies'))).toBe(0o700);
    expect(mode(copy!)).toBe(0o600);

    const out = tempDir();
    chooser.state.next = join(out, 'backup.db');
    await t.call('backup.create', {});
    expect(mode(join(out, 'backup.db'))).toBe(0o600);
    chooser.state.next = join(out, 'post.key');
    await t.call('post.exportKey', { passphrase: KEY_PASSPHRASE });
    expect(mode(join(out, 'post.key'))).toBe(0o600);
    await exportBundle(t.core.context, join(out, 'stick.bundle'), {});
    expect(mode(join(out, 'stick.bundle'))).toBe(0o600);

    const secrets = encryptedFileSecretStore(join(dir, 'secrets.json'), { available: () => true, encrypt: (s: string) => Buffer.from(s), decrypt: (b: Buffer) => b.toString() });
    secrets.set('hub', 'password');
    expect(mode(join(dir, 'secrets.json'))).toBe(0o600);
    expect(readdirSync(out).filter((n) => n.endsWith('.part'))).toEqual([]);
  });
});

describe.runIf(posix)('a key file that is no file', () => {
  it('is refused at once by the joining screen: a FIFO, a device, a folder, a file too large', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.key');
    writeFileSync(big, 'x'.repeat(64 * 1024));
    const folder = join(dir, 'folder.key');
    mkdirSync(folder);
    const fifoPath = fifo(dir);
    for (const file of [fifoPath, '/dev/zero', folder, big]) {
      expect(() => readPostKeyFile(file), file).toThrow(expect.objectContaining({ code: 'postKey.notAKeyFile' }));
    }
    // Through the app's first-run channel too.
    let chosen = fifoPath;
    const chooser = fileChooser();
    const t = await openTestCore({ setup: false, files: { ...chooser.files, openPostKey: async () => chosen } });
    cores.push(t);
    t.session = t.core.createSession();
    expect(await t.core.invoke(t.session, 'setup.readPostKeyFile', {})).toEqual({ ok: false, error: { code: 'postKey.notAKeyFile' } });
    chosen = '/dev/zero';
    expect(await t.core.invoke(t.session, 'setup.readPostKeyFile', {})).toEqual({ ok: false, error: { code: 'postKey.notAKeyFile' } });
  });

  it('is refused by post-key-join on the command line without hanging, and leaves no database behind', async () => {
    const sticks = tempDir();
    const key = fifo(sticks);
    const data = join(tempDir(), 'new-console');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'post-key-join', key, '--console', 'B', '--data', data], {
      encoding: 'utf8', timeout: 60_000, env: { ...process.env, BEACON_KEY_PASSPHRASE: KEY_PASSPHRASE },
    });
    expect(run.signal, 'post-key-join hung on a FIFO').toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('not a Beacon post key');
    expect(existsSync(data)).toBe(false);

    // An existing empty folder keeps nothing either.
    const empty = tempDir();
    const again = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'post-key-join', '/dev/zero', '--console', 'B', '--data', empty], { encoding: 'utf8', timeout: 60_000 });
    expect(again.status).toBe(1);
    expect(readdirSync(empty)).toEqual([]);
  });
});
