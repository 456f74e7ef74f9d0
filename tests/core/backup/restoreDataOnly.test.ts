// Restore brings in data only (issue #18 item 1): a backup written by an older Beacon is filled
// into a database this build makes at the backup's version, then upgraded by the later migrations
// as an ordinary open would; the result has exactly this build's schema and its rollups rebuilt.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedShape, readShape, quoteName } from '../../../electron/core/db/backupSchema';
import { Connection } from '../../../electron/core/db/connection';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../../electron/core/db/migrations';
import { restoreDatabase } from '../../../electron/core/db/restore';
import { cleanedAfterEach, count, intake, openTestCore } from '../testCore';

const { cores, tempDir } = cleanedAfterEach('beacon-restore-data-');

describe('restoring data only', () => {
  it('restores a backup of schema 8 into this build\'s schema, rollups rebuilt, and the console works', async () => {
    const dir = tempDir();
    const t = await openTestCore({ dir });
    for (let i = 0; i < 4; i++) await t.call('incidents.log', intake({ description: `call ${i}` }));
    // A schema-8 file holding the same rows, as a Beacon of that version would have written it.
    const old = join(tempDir(), 'old.db');
    const conn = await Connection.open(old, 'readwrite');
    await migrate(conn, MIGRATIONS.filter((m) => m.version <= 8));
    await conn.run('ATTACH DATABASE ? AS live', [t.core.store.file]);
    for (const [table, columns] of (await expectedShape(8)).columns) {
      const cols = columns.map(quoteName).join(', ');
      await conn.run(`INSERT INTO main.${quoteName(table)} (${cols}) SELECT ${cols} FROM live.${quoteName(table)}`);
    }
    await conn.run('DETACH DATABASE live');
    await conn.close();
    await t.close();

    await restoreDatabase(dir, old, Date.now());
    const restored = await openTestCore({ dir, setup: false });
    cores.push(restored);
    restored.session = restored.core.createSession();
    await restored.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
    expect(restored.core.store.schemaVersion).toBe(SCHEMA_VERSION);
    const shape = await readShape(restored.core.store.reader, 'main');
    expect([...shape.objects.keys()].sort()).toEqual([...(await expectedShape(SCHEMA_VERSION)).objects.keys()].sort());
    expect(await count(restored, 'incidents')).toBe(4);
    expect((await restored.core.store.reader.get<{ n: number }>('SELECT sum(n) AS n FROM daily_counts'))?.n).toBe(4);
    await restored.call('incidents.log', intake());
    expect((await restored.call('incidents.queue', { queue: 'waiting' })).total).toBe(5);
  });
});
