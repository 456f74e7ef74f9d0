// Backup and restore from the administrator's screen, against real SQLite files: the core
// asks the shell's file dialog (here a stand-in) and never takes a path from the renderer.
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreInPlace } from '../../../electron/core/backup/restoreInPlace';
import { duplicateIncidentNumbers } from '../../../electron/core/backup/duplicates';
import { backupDatabase } from '../../../electron/core/db/backup';
import { Connection } from '../../../electron/core/db/connection';
import { restoreDatabase } from '../../../electron/core/db/restore';
import { exportBundle, importBundle } from '../../../electron/core/sync/bundles';
import { readPostKey } from '../../../electron/core/post/postKey';
import { cleanedAfterEach, fileChooser, count, intake, openTestCore } from '../testCore';

const { cores: open, tempDir } = cleanedAfterEach('beacon-backup-app-');
const quiet = { error: () => undefined, info: () => undefined };

async function consoleWithFiles(dir?: string) {
  const c = fileChooser();
  const t = await openTestCore({ files: c.files, ...(dir ? { dir } : {}) });
  open.push(t);
  return { t, pick: c.state };
}

describe('backup from the app', () => {
  it('writes a consistent copy while calls are logged, says where, how big and how many incidents, and restores it in place', async () => {
    const { t, pick } = await consoleWithFiles(tempDir());
    for (let i = 0; i < 5; i++) await t.call('incidents.log', intake());
    const target = join(tempDir(), 'stick.db');
    pick.next = target;
    const writing = Promise.all(Array.from({ length: 10 }, () => t.call('incidents.log', intake())));
    const written = await t.call('backup.create', {});
    await writing;
    expect(pick.suggested).toBe('beacon-LTK-2026-11-24-1000.db');
    expect(written).toMatchObject({ file: target, bytes: statSync(target).size });
    expect(written!.incidents).toBeGreaterThanOrEqual(5);
    expect(written!.incidents).toBeLessThanOrEqual(15);

    const described = await t.call('backup.inspect', {});
    expect(described).toMatchObject({ file: target, incidents: written!.incidents, postCode: 'LTK', thisPostCode: 'LTK', duplicates: [], databaseFile: t.core.store.file });
    expect(described!.newestIncidentAt).toBe(intake().receivedAt);
    const approved = await t.call('backup.restore', { token: described!.token });
    expect(approved).toEqual({ file: target, restored: false, keptAs: null, duplicates: [] });
    // The token is good once: the screen must inspect again before another restore.
    expect(await t.core.invoke(t.session, 'backup.restore', { token: described!.token })).toEqual({ ok: false, error: { code: 'backup.inspectFirst' } });

    const oldOrigin = t.core.store.origin;
    const done = await restoreInPlace(t.core, approved, () => openTestCore({ dir: t.dir, setup: false }).then((r) => r.core), quiet);
    t.core = done.core;
    t.session = t.core.createSession();
    expect(done.result).toMatchObject({ ok: true, value: { file: target, restored: true, duplicates: [] } });
    if (!done.result.ok) return;
    expect(existsSync(done.result.value.keptAs!)).toBe(true);
    expect(t.core.store.origin).not.toBe(oldOrigin);
    await t.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
    expect(await count(t, 'incidents')).toBe(written!.incidents);
  });

  it('writes nothing when the administrator cancels the dialog, and never over an existing file or the database itself', async () => {
    const { t, pick } = await consoleWithFiles();
    pick.next = null;
    expect(await t.call('backup.create', {})).toBeNull();
    expect(await t.call('backup.inspect', {})).toBeNull();
    pick.next = t.core.store.file;
    expect(await t.core.invoke(t.session, 'backup.create', {})).toEqual({ ok: false, error: { code: 'backup.exists' } });
    expect(await t.core.invoke(t.session, 'backup.inspect', {})).toEqual({ ok: false, error: { code: 'backup.isCurrent' } });
  });

  it('refuses a file that is not a Beacon database, one from a newer Beacon and a damaged one, in words about the backup, and changes nothing', async () => {
    const { t, pick } = await consoleWithFiles();
    await t.call('incidents.log', intake());
    const good = join(tempDir(), 'good.db');
    await backupDatabase(t.core.store.file, good);
    const other = join(tempDir(), 'notes.db');
    const conn = await Connection.open(other, 'readwrite');
    await conn.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hello');");
    await conn.close();
    const newer = join(tempDir(), 'newer.db');
    copyFileSync(good, newer);
    const n = await Connection.open(newer, 'readwrite');
    await n.exec('PRAGMA user_version = 99');
    await n.close();
    const text = join(tempDir(), 'photo.jpg');
    copyFileSync('package.json', text);

    const operations = await count(t, 'operations');
    const refusals: unknown[] = [];
    for (const file of [other, newer, text, join(tempDir(), 'missing.db')]) {
      pick.next = file;
      const result = await t.core.invoke(t.session, 'backup.inspect', {});
      refusals.push(result.ok ? result.value : result.error);
    }
    expect(refusals).toEqual([
      { code: 'backup.notBeacon' },
      { code: 'backup.newer', params: { version: 99, supported: t.core.store.schemaVersion } },
      { code: expect.stringMatching(/^backup\.(notBeacon|damaged)$/) },
      { code: 'restore.notFound' },
    ]);
    // Nothing inspected successfully, so nothing can be restored.
    expect(t.session.pendingRestore).toBeUndefined();
    expect(await count(t, 'operations')).toBe(operations);
  });

  it('lists the shift-change safety copies and inspects one by its name only', async () => {
    const { t } = await consoleWithFiles();
    await t.call('incidents.log', intake());
    await t.core.safetyCopies.takeIfDue();
    const status = await t.call('backup.status', {});
    expect(status.safetyCopies).toEqual([{ name: 'beacon-2026-11-24-0800.db', bytes: expect.any(Number), shiftStart: Date.UTC(2026, 10, 24, 5) }]);
    expect(status).toMatchObject({ canChooseFiles: true, duplicates: [] });
    const described = await t.call('backup.inspect', { safetyCopy: 'beacon-2026-11-24-0800.db' });
    expect(described).toMatchObject({ file: join(t.dir, 'safety-copies', 'beacon-2026-11-24-0800.db'), incidents: 1 });
    expect(await t.core.invoke(t.session, 'backup.inspect', { safetyCopy: 'beacon-2020-01-01-0800.db' })).toEqual({ ok: false, error: { code: 'restore.notFound' } });
  });
});

describe('incident numbers after a restore', () => {
  /** Console A logs one incident, is backed up, logs one more and ships everything in a bundle. */
  async function backedUpThenWorkedOn() {
    const dir = tempDir();
    const t = await openTestCore({ dir });
    await t.call('incidents.log', intake());
    const backup = join(tempDir(), 'backup.db');
    await backupDatabase(t.core.store.file, backup);
    const after = await t.call('incidents.log', intake());
    const bundle = join(tempDir(), 'all.bundle');
    await exportBundle(t.core.context, bundle, {});
    const postKey = readPostKey(t.core.context.settings, t.core.context.secrets);
    await t.close();
    return { dir, backup, bundle, numberAfter: after.number, postKey };
  }

  /**
   * A new laptop gets the post's settings file and, since the old one's keychain died with its
   * disk, the post's key by hand from another console (sealed at its first open).
   */
  function onNewLaptop(dir: string, postKey: string | null): string {
    const fresh = tempDir();
    const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as object;
    writeFileSync(join(fresh, 'settings.json'), JSON.stringify({ ...settings, postKey }));
    return fresh;
  }

  async function restoredConsole(dir: string) {
    const t = await openTestCore({ dir, setup: false });
    open.push(t);
    t.session = t.core.createSession();
    await t.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
    return t;
  }

  it('carries on above the numbers the replaced database had given out', async () => {
    const { dir, backup, numberAfter } = await backedUpThenWorkedOn();
    await restoreDatabase(dir, backup, Date.now());
    const t = await restoredConsole(dir);
    expect(numberAfter).toBe('LTK-261124-A002');
    expect((await t.call('incidents.log', intake())).number).toBe('LTK-261124-A003');
  });

  it('carries on above numbers already synced back when the replaced database is gone', async () => {
    const { dir, backup, bundle, postKey } = await backedUpThenWorkedOn();
    // The laptop's disk died: the backup goes onto a fresh folder with the post's settings.
    const fresh = onNewLaptop(dir, postKey);
    await restoreDatabase(fresh, backup, Date.now());
    const t = await restoredConsole(fresh);
    await importBundle(t.core.context, bundle);
    expect((await t.call('incidents.log', intake())).number).toBe('LTK-261124-A003');
    expect(await duplicateIncidentNumbers(t.core.store.reader)).toEqual([]);
  });

  it('reports two incidents under one number, in the restore result, on the screen and in `check`', async () => {
    const { dir, backup, bundle, postKey } = await backedUpThenWorkedOn();
    const fresh = onNewLaptop(dir, postKey);
    await restoreDatabase(fresh, backup, Date.now());
    const t = await restoredConsole(fresh);
    // A call logged before the old incidents come back takes a number the old console also gave out.
    expect((await t.call('incidents.log', intake())).number).toBe('LTK-261124-A002');
    await importBundle(t.core.context, bundle);
    const both = [{ number: 'LTK-261124-A002', count: 2 }];
    expect(await count(t, 'incidents')).toBe(3);
    expect((await t.call('backup.status', {})).duplicates).toEqual(both);
    const again = join(tempDir(), 'with-duplicates.db');
    await backupDatabase(t.core.store.file, again);
    await t.close();

    const check = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'check', '--data', fresh], { encoding: 'utf8', timeout: 60_000 });
    expect(check.status, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ duplicateIncidentNumbers: both });

    const c = fileChooser();
    const u = await openTestCore({ dir: tempDir(), files: c.files });
    open.push(u);
    c.state.next = again;
    const described = await u.call('backup.inspect', {});
    expect(described!.duplicates).toEqual(both);
    const approved = await u.call('backup.restore', { token: described!.token });
    const done = await restoreInPlace(u.core, approved, () => openTestCore({ dir: u.dir, setup: false }).then((r) => r.core), quiet);
    u.core = done.core;
    expect(done.result).toMatchObject({ ok: true, value: { duplicates: both } });
    expect(readdirSync(u.dir).some((f) => f.startsWith('beacon.db.before-restore-'))).toBe(true);
  });
});
