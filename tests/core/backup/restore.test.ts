// Restoring a backup: only a whole Beacon database of a version this build knows is taken;
// the database it replaces is kept; the restored console works under a new origin.
import { copyFileSync, existsSync, openSync, readdirSync, writeSync, closeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../electron/core/db/backup';
import { Connection } from '../../../electron/core/db/connection';
import { restoreDatabase } from '../../../electron/core/db/restore';
import { DATABASE_FILE } from '../../../electron/core/db/store';
import { cleanedAfterEach, count, intake, openTestCore } from '../testCore';

const { cores: open, tempDir } = cleanedAfterEach('beacon-restore-');

describe('restoring a backup', () => {
  it('brings back the backup, keeps the replaced database, and gives the console a new origin', async () => {
    const dir = tempDir();
    const t = await openTestCore({ dir });
    for (let i = 0; i < 3; i++) await t.call('incidents.log', intake());
    const backup = join(tempDir(), 'before.db');
    await backupDatabase(t.core.store.file, backup);
    await t.call('incidents.log', intake()); // after the backup: not in it
    const oldOrigin = t.core.store.origin;
    await t.close();

    const result = await restoreDatabase(dir, backup, Date.now());
    expect(result.previousOrigin).toBe(oldOrigin);
    expect(result.origin).not.toBe(oldOrigin);
    expect(result.keptAs && existsSync(result.keptAs)).toBe(true);

    const restored = await openTestCore({ dir, setup: false });
    open.push(restored);
    restored.session = restored.core.createSession();
    await restored.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
    expect(await count(restored, 'incidents')).toBe(3);
    expect(restored.core.store.origin).toBe(result.origin);
    // What it writes now is numbered under the new origin from 1: no (origin, seq) can repeat one made after the backup.
    await restored.call('incidents.log', intake());
    const mine = await restored.core.store.reader.all<{ seq: number }>('SELECT seq FROM operations WHERE origin = ? ORDER BY seq', [result.origin]);
    expect(mine[0]?.seq).toBe(1);
    expect((await restored.core.store.reader.get<{ integrity_check: string }>('PRAGMA integrity_check'))?.integrity_check).toBe('ok');
  });

  it('refuses a file that is not a Beacon database, one from a newer Beacon, and a damaged one, and changes nothing', async () => {
    const dir = tempDir();
    const t = await openTestCore({ dir });
    await t.call('incidents.log', intake());
    const good = join(tempDir(), 'good.db');
    await backupDatabase(t.core.store.file, good);
    await t.close();
    const before = readdirSync(dir).sort();

    const other = join(tempDir(), 'other.db');
    const conn = await Connection.open(other, 'readwrite');
    await conn.exec('CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES (\'hello\');');
    await conn.close();
    await expect(restoreDatabase(dir, other, Date.now())).rejects.toMatchObject({ code: 'error.notBeaconDatabase' });

    const newer = join(tempDir(), 'newer.db');
    copyFileSync(good, newer);
    const n = await Connection.open(newer, 'readwrite');
    await n.exec('PRAGMA user_version = 99');
    await n.close();
    await expect(restoreDatabase(dir, newer, Date.now())).rejects.toMatchObject({ code: 'error.databaseNewer' });

    const damaged = join(tempDir(), 'damaged.db');
    copyFileSync(good, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096 * 3);
    closeSync(fd);
    await expect(restoreDatabase(dir, damaged, Date.now())).rejects.toMatchObject({ code: expect.stringMatching(/^error\.(corrupt|notBeaconDatabase)$/) });

    await expect(restoreDatabase(dir, join(dir, 'missing.db'), Date.now())).rejects.toMatchObject({ code: 'restore.notFound' });
    expect(readdirSync(dir).sort()).toEqual(before);
    const again = await openTestCore({ dir, setup: false });
    open.push(again);
    expect(await count(again, 'incidents')).toBe(1);
  });

  it('is a command: restore <file> prints what it did', async () => {
    const dir = tempDir();
    const t = await openTestCore({ dir });
    await t.call('incidents.log', intake());
    const backup = join(tempDir(), 'b.db');
    await backupDatabase(t.core.store.file, backup);
    await t.close();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'restore', backup, '--data', dir], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ previousOrigin: expect.any(String), origin: expect.any(String) });
    expect(readdirSync(dir).some((f) => f.startsWith(`${DATABASE_FILE}.before-restore-`))).toBe(true);
  });
});
