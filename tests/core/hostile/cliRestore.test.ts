// Hostile backups given to the command line's `restore` (issue #18 item 1): refused with the
// reason and exit code 1, the data folder left exactly as it was, and the console still works.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../electron/core/db/backup';
import { Connection } from '../../../electron/core/db/connection';
import { DATABASE_FILE } from '../../../electron/core/db/store';
import { cleanedAfterEach, count, intake, openTestCore } from '../testCore';

const { cores, tempDir } = cleanedAfterEach('beacon-hostile-cli-');

const ATTACKS = [
  { name: 'an extra deleting trigger', sql: 'CREATE TRIGGER wipe AFTER INSERT ON calls BEGIN DELETE FROM incidents; END;', says: /trigger “wipe”/ },
  { name: 'a lowered user_version', sql: 'PRAGMA user_version = 5;', says: /schema 5/ },
  { name: 'a recursive view named like a table', sql: `DROP TABLE incidents;
      CREATE VIEW incidents AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n AS id FROM r;`, says: /“incidents” is a table/ },
];

describe('restore on the command line', () => {
  for (const attack of ATTACKS) {
    it(`refuses a backup with ${attack.name}, and changes nothing`, async () => {
      const dir = tempDir();
      const t = await openTestCore({ dir });
      for (let i = 0; i < 2; i++) await t.call('incidents.log', intake());
      const file = join(tempDir(), 'stick.db');
      await backupDatabase(t.core.store.file, file);
      const conn = await Connection.open(file, 'readwrite');
      await conn.exec(attack.sql);
      await conn.close();
      await t.close();
      const before = readdirSync(dir).sort();
      const bytes = readFileSync(join(dir, DATABASE_FILE));

      const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'restore', file, '--data', dir], { encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stdout).toBe(1);
      expect(run.stderr).toMatch(attack.says);
      expect(readdirSync(dir).sort()).toEqual(before);
      expect(readFileSync(join(dir, DATABASE_FILE)).equals(bytes)).toBe(true);

      const again = await openTestCore({ dir, setup: false });
      cores.push(again);
      again.session = again.core.createSession();
      await again.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
      await again.call('incidents.log', intake({ description: 'after the attack' }));
      expect((await again.call('incidents.queue', { queue: 'waiting' })).total).toBe(3);
      expect(await count(again, 'incidents')).toBe(3);
    });
  }
});
