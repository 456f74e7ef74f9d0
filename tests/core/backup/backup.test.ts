import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../electron/core/db/backup';
import { DATABASE_FILE } from '../../../electron/core/db/store';
import { cleanedAfterEach, intake, openTestCore } from '../testCore';

const { cores: open, dirs } = cleanedAfterEach();

describe('a backup', () => {
  it('taken while calls are being logged restores to an intact database holding what was committed', async () => {
    const t = await openTestCore();
    open.push(t);
    for (let i = 0; i < 20; i++) await t.call('incidents.log', intake({ location: { district: 'latakia', locality: `before ${i}` } }));
    const target = mkdtempSync(join(tmpdir(), 'beacon-backup-'));
    dirs.push(target);
    // Writes go on while the copy is taken.
    const writing = Promise.all(Array.from({ length: 30 }, (_, i) => t.call('incidents.log', intake({ location: { district: 'jableh', locality: `during ${i}` } }))));
    await backupDatabase(t.core.store.file, join(target, DATABASE_FILE));
    await writing;

    const restored = await openTestCore({ dir: target, setup: false });
    open.push(restored);
    const db = restored.core.store.reader;
    expect((await db.get<{ integrity_check: string }>('PRAGMA integrity_check'))?.integrity_check).toBe('ok');
    const incidents = (await db.get<{ n: number }>('SELECT count(*) AS n FROM incidents'))!.n;
    expect(incidents).toBeGreaterThanOrEqual(20);
    expect(incidents).toBeLessThanOrEqual(50);
    // Whole transactions only: every incident has its call, and the log matches the rows.
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM calls'))!.n).toBe(incidents);
    expect((await db.get<{ n: number }>("SELECT count(*) AS n FROM operations WHERE entity = 'incident'"))!.n).toBe(incidents);
  });

  it('never overwrites an existing file', async () => {
    const t = await openTestCore();
    open.push(t);
    await expect(backupDatabase(t.core.store.file, t.core.store.file)).rejects.toMatchObject({ code: 'backup.exists' });
  });
});
