// A damaged database is noticed (issue #18 item 6): real files damaged by writing bytes into
// their pages. quick_check at open refuses to start on one and offers the safety copies, which
// restore in its place; `check` exits non-zero whenever integrity_check is not ok.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Connection } from '../../../electron/core/db/connection';
import { damagedConsole } from '../../../electron/core/damagedConsole';
import { DatabaseOpenError } from '../../../electron/core/db/migrations';
import { restoreSafetyCopy } from '../../../electron/core/db/recovery';
import { DATABASE_FILE } from '../../../electron/core/db/store';
import { createFileSettingsStore } from '../../../electron/core/settings/fileSettingsStore';
import { cleanedAfterEach, count, intake, openTestCore } from '../testCore';

const { cores, tempDir } = cleanedAfterEach('beacon-damaged-');
const quiet = { error: () => undefined, info: () => undefined };

/** Where the page of `name` (table or index) starts in the file, and the page size. */
async function pageOf(file: string, name: string): Promise<{ offset: number; pageSize: number }> {
  const conn = await Connection.open(file, 'readonly');
  try {
    const pageSize = (await conn.get<{ page_size: number }>('PRAGMA page_size'))!.page_size;
    const root = (await conn.get<{ rootpage: number }>('SELECT rootpage FROM sqlite_schema WHERE name = ?', [name]))!.rootpage;
    return { offset: (root - 1) * pageSize, pageSize };
  } finally {
    await conn.close();
  }
}

function writeAt(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

const cli = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args, '--data', dir], { encoding: 'utf8', timeout: 120_000 });

/** A console with three incidents and one safety copy, closed. */
async function consoleWithCopy() {
  const dir = tempDir();
  const t = await openTestCore({ dir });
  for (let i = 0; i < 3; i++) await t.call('incidents.log', intake());
  const copy = await t.core.safetyCopies.takeIfDue();
  expect(copy).not.toBeNull();
  await t.close();
  return { dir, file: join(dir, DATABASE_FILE) };
}

describe('a damaged database', () => {
  it('with an index page overwritten is refused at open, with the safety copies offered; one restores in its place', async () => {
    const { dir, file } = await consoleWithCopy();
    const { offset } = await pageOf(file, 'incidents_number');
    writeAt(file, offset, Buffer.alloc(64, 0xee));
    const damaged = readFileSync(file);

    const opening = openTestCore({ dir, setup: false });
    await expect(opening).rejects.toBeInstanceOf(DatabaseOpenError);
    const err = (await opening.catch((e: unknown) => e)) as DatabaseOpenError;
    expect(err.code).toBe('integrity.damaged');
    expect(err.params.detail).toBeTruthy();
    expect(err.safetyCopies).toHaveLength(1);
    // Nothing was written to it: it stays as found, for whoever examines it.
    expect(readFileSync(file).equals(damaged)).toBe(true);

    // The command line says the same, names the copy, and exits non-zero; `check` too.
    for (const command of ['check', 'stats']) {
      const run = cli(dir, command);
      expect(run.status, run.stdout).toBe(1);
      expect(run.stderr).toContain('damaged');
      expect(run.stderr).toContain(err.safetyCopies[0]!.path);
    }

    const settings = createFileSettingsStore(join(dir, 'settings.json'));
    const result = await restoreSafetyCopy(dir, settings, err.safetyCopies[0]!.name, Date.now(), quiet);
    expect(readFileSync(result.keptAs!).equals(damaged)).toBe(true);
    await expect(restoreSafetyCopy(dir, settings, '../settings.json', Date.now(), quiet)).rejects.toMatchObject({ code: 'restore.notFound' });
    const t = await openTestCore({ dir, setup: false });
    cores.push(t);
    t.session = t.core.createSession();
    await t.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
    expect(await count(t, 'incidents')).toBe(3);
    await t.call('incidents.log', intake());
    expect((await t.call('incidents.queue', { queue: 'waiting' })).total).toBe(4);
  });

  it('whose index no longer matches its table (quick_check passes) makes `check` exit non-zero', async () => {
    const { dir, file } = await consoleWithCopy();
    // The incident number as stored in the table's own page: changed there, the index still has the old one.
    const { offset, pageSize } = await pageOf(file, 'incidents');
    const page = readFileSync(file).subarray(offset, offset + pageSize);
    const at = page.indexOf('LTK-');
    expect(at).toBeGreaterThan(0);
    writeAt(file, offset + at, Buffer.from('QQQ-'));

    const run = cli(dir, 'check');
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { integrity: string };
    expect(report.integrity).not.toBe('ok');
    expect(run.stderr).toContain('integrity check did not pass');
  });

  it('is shown to any shell through the API: why, the copies, and a restore by name that opens again', async () => {
    const { dir, file } = await consoleWithCopy();
    const { offset } = await pageOf(file, 'incidents_number');
    writeAt(file, offset, Buffer.alloc(64, 0xee));
    const error = (await openTestCore({ dir, setup: false }).catch((e: unknown) => e)) as DatabaseOpenError;
    expect(error).toBeInstanceOf(DatabaseOpenError);
    const settings = createFileSettingsStore(join(dir, 'settings.json'));
    const shell = damagedConsole({ dataDir: dir, settings, error, now: () => Date.now(), log: quiet });

    // Every other channel says why; the health names the problem and the copies.
    expect(await shell.invoke('setup.status', {})).toMatchObject({ ok: false, error: { code: 'integrity.damaged' } });
    expect(await shell.invoke('session.signIn', { name: 'Rania Haddad', pin: '2468' })).toMatchObject({ ok: false, error: { code: 'integrity.damaged' } });
    const health = await shell.invoke('backup.health', {});
    expect(health).toMatchObject({ ok: true, value: { code: 'integrity.damaged', safetyCopies: [{ name: expect.stringMatching(/^beacon-.*\.db$/) }] } });
    if (!health.ok) return;
    const { name } = (health.value as { safetyCopies: { name: string }[] }).safetyCopies[0]!;
    expect(await shell.invoke('backup.restoreSafetyCopy', { name: '../beacon.db' })).toEqual({ ok: false, error: { code: 'error.invalidInput' } });
    expect(await shell.invoke('backup.restoreSafetyCopy', { name: 'beacon-2000-01-01-0800.db' })).toEqual({ ok: false, error: { code: 'restore.notFound' } });
    expect(await shell.invoke('backup.restoreSafetyCopy', { name })).toMatchObject({ ok: true, value: { keptAs: expect.stringContaining('before-restore') } });

    const t = await openTestCore({ dir, setup: false });
    cores.push(t);
    t.session = t.core.createSession();
    // A console whose database opened has nothing to report, and restores only through the backup screen.
    expect(await t.core.invoke(t.session, 'backup.health', {})).toEqual({ ok: true, value: null });
    expect(await t.core.invoke(t.session, 'backup.restoreSafetyCopy', { name })).toEqual({ ok: false, error: { code: 'integrity.notDamaged' } });
    await t.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
    expect(await count(t, 'incidents')).toBe(3);
  });
});
