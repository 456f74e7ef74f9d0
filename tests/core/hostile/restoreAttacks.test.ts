// Hostile backups (issue #18 item 1): each test builds its attack from a real backup of a real
// console, tries it the way the app does (inspect, approve, restore in place) and the way the
// core does without the inspection (a file swapped after it), and fails if the attack
// succeeds. After each: the console's data is what it was, and it still logs a call and reads a queue.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Output } from '../../../shared/api';
import { restoreInPlace } from '../../../electron/core/backup/restoreInPlace';
import { backupDatabase } from '../../../electron/core/db/backup';
import { Connection } from '../../../electron/core/db/connection';
import { restoreDatabase } from '../../../electron/core/db/restore';
import type { FileChooser } from '../../../electron/core';
import { hostileBackup as attackedBackup } from './hostileBackup';
import { cleanedAfterEach, count, fileChooser, intake, openTestCore, type TestCore } from '../testCore';

const { cores, tempDir } = cleanedAfterEach('beacon-hostile-');
const quiet = { error: () => undefined, info: () => undefined };
/** The dialogs each console was opened with, given again when the shell reopens it. */
const dialogs = new WeakMap<TestCore, FileChooser>();

async function liveConsole() {
  const chooser = fileChooser();
  const t = await openTestCore({ dir: tempDir(), files: chooser.files });
  cores.push(t);
  dialogs.set(t, chooser.files);
  for (let i = 0; i < 3; i++) await t.call('incidents.log', intake({ description: `call ${i}` }));
  return { t, pick: chooser.state };
}

/** A true backup of `t` on a stick, then `attack` run on it as a plain SQLite file. */
const hostileBackup = (t: TestCore, attack: string): Promise<string> => attackedBackup(t, attack, join(tempDir(), 'stick.db'));

/** What the data folder holds at its top level (the safety copies' folder aside). */
const folder = (t: TestCore) => readdirSync(t.dir).filter((f) => f !== 'safety-copies').sort();

/** The restore as the app's shell does it, on a file the administrator was shown (or one changed since). */
async function restoreAsTheShellDoes(t: TestCore, file: string, approved: Output<'backup.restore'> = { file, restored: false, keptAs: null, duplicates: [] }) {
  const files = dialogs.get(t);
  const reopen = () => openTestCore({ dir: t.dir, setup: false, ...(files ? { files } : {}) }).then((r) => r.core);
  const done = await restoreInPlace(t.core, approved, reopen, quiet);
  t.core = done.core;
  t.session = t.core.createSession();
  await t.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
  return done.result;
}

/** The console logs a call and reads its queue; the incidents are those it had plus the new one. */
async function stillWorks(t: TestCore, incidentsBefore: number) {
  await t.call('incidents.log', intake({ description: 'after the attack' }));
  const queue = await t.call('incidents.queue', { queue: 'waiting' });
  expect(queue.total).toBe(incidentsBefore + 1);
  expect(await count(t, 'incidents')).toBe(incidentsBefore + 1);
}

/**
 * Tries `file` both ways and expects both refused with `code`; nothing of the live database
 * changes. Returns the console, still working.
 */
async function expectRefused(t: TestCore, pick: { next: string | null }, file: string, code: string | RegExp) {
  const before = folder(t);
  const incidents = await count(t, 'incidents');
  const matcher = typeof code === 'string' ? code : expect.stringMatching(code);
  pick.next = file;
  const inspected = await t.core.invoke(t.session, 'backup.inspect', {});
  expect(inspected).toMatchObject({ ok: false, error: { code: matcher } });
  const restored = await restoreAsTheShellDoes(t, file);
  expect(restored).toMatchObject({ ok: false, error: { code: matcher } });
  expect(folder(t)).toEqual(before);
  expect(await count(t, 'incidents')).toBe(incidents);
  await stillWorks(t, incidents);
}

describe('a hostile backup', () => {
  it('with an extra trigger that deletes the incidents at the next call is refused, and deletes nothing', async () => {
    const { t, pick } = await liveConsole();
    const file = await hostileBackup(t, 'CREATE TRIGGER wipe AFTER INSERT ON calls BEGIN DELETE FROM incidents; END;');
    await expectRefused(t, pick, file, 'integrity.extraTrigger');
  });

  it('with a trigger that copies PIN hashes into a description is refused, and no description holds one', async () => {
    const { t, pick } = await liveConsole();
    const file = await hostileBackup(t, `CREATE TRIGGER leak AFTER INSERT ON calls BEGIN
      UPDATE incidents SET description = (SELECT group_concat(pin_hash) FROM operators) WHERE id = NEW.incident_id; END;`);
    await expectRefused(t, pick, file, 'integrity.extraTrigger');
    const hashes = await t.core.store.reader.all<{ pin_hash: string }>('SELECT pin_hash FROM operators');
    const descriptions = await t.core.store.reader.all<{ description: string }>('SELECT description FROM incidents');
    for (const { pin_hash } of hashes) expect(descriptions.some((d) => d.description.includes(pin_hash))).toBe(false);
  });

  it('with an extra view is refused', async () => {
    const { t, pick } = await liveConsole();
    const file = await hostileBackup(t, 'CREATE VIEW spy AS SELECT name, pin_hash FROM operators;');
    await expectRefused(t, pick, file, 'integrity.extraView');
  });

  it('with a lowered user_version (or none) is refused, and the console is not bricked', async () => {
    const { t, pick } = await liveConsole();
    await expectRefused(t, pick, await hostileBackup(t, 'PRAGMA user_version = 5;'), /^integrity\.extra(Table|Index|Trigger)$/);
    await expectRefused(t, pick, await hostileBackup(t, 'PRAGMA user_version = 0;'), 'integrity.unknownVersion');
  });

  it('with a dropped table is refused, and the console is not bricked', async () => {
    const { t, pick } = await liveConsole();
    const file = await hostileBackup(t, 'DROP TABLE teams;');
    await expectRefused(t, pick, file, 'integrity.missingTable');
  });

  it('with a dropped column is refused', async () => {
    const { t, pick } = await liveConsole();
    const file = await hostileBackup(t, 'DROP INDEX handover_notes_shift; ALTER TABLE handover_notes DROP COLUMN shift_start;');
    await expectRefused(t, pick, file, /^integrity\.(columns|missingObject)$/);
  });

  it('with a recursive view named like a table is refused at once, without running it', async () => {
    const { t, pick } = await liveConsole();
    const file = await hostileBackup(t, `DROP TABLE incidents;
      CREATE VIEW incidents AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
      SELECT n AS id, 'X-' || n AS number, n AS received_at FROM r;`);
    await expectRefused(t, pick, file, 'integrity.notATable');
  });

  it('with a 300 MB value is refused in bounded memory', async () => {
    const { t, pick } = await liveConsole();
    const file = await hostileBackup(t, `PRAGMA ignore_check_constraints = ON;
      UPDATE incidents SET description = zeroblob(300 * 1024 * 1024) WHERE rowid = (SELECT min(rowid) FROM incidents);`);
    const rss = process.memoryUsage().rss;
    // The inspection reads no description: the file is whole, so it is shown; the restore refuses it.
    pick.next = file;
    expect(await t.call('backup.inspect', {})).toMatchObject({ incidents: 3 });
    const before = folder(t);
    const result = await restoreAsTheShellDoes(t, file);
    expect(result).toMatchObject({ ok: false, error: { code: 'integrity.valueTooLarge', params: { table: 'incidents' } } });
    expect(process.memoryUsage().rss - rss).toBeLessThan(150 * 1024 * 1024);
    expect(folder(t)).toEqual(before);
    await stillWorks(t, 3);
  });

  it('with a swapped rollup trigger and false rollup rows restores its data only: statistics are rebuilt by this build', async () => {
    const { t } = await liveConsole();
    const file = await hostileBackup(t, `DROP TRIGGER daily_counts_insert;
      CREATE TRIGGER daily_counts_insert AFTER INSERT ON incidents BEGIN UPDATE daily_counts SET n = n + 1000; END;
      UPDATE daily_counts SET n = n * 7;`);
    const result = await restoreAsTheShellDoes(t, file);
    expect(result).toMatchObject({ ok: true });
    const total = async () => (await t.core.store.reader.get<{ n: number }>('SELECT sum(n) AS n FROM daily_counts'))?.n ?? 0;
    expect(await total()).toBe(3);
    await stillWorks(t, 3);
    expect(await total()).toBe(4);
    const trigger = await t.core.store.reader.get<{ sql: string }>("SELECT sql FROM sqlite_schema WHERE name = 'daily_counts_insert'");
    expect(trigger?.sql).not.toContain('1000');
  });

  it('changed after it was inspected is checked again, and refused', async () => {
    const { t, pick } = await liveConsole();
    const file = join(tempDir(), 'stick.db');
    await backupDatabase(t.core.store.file, file);
    pick.next = file;
    const shown = await t.call('backup.inspect', {});
    expect(shown).toMatchObject({ incidents: 3 });
    const conn = await Connection.open(file, 'readwrite');
    await conn.exec('CREATE TRIGGER wipe AFTER INSERT ON calls BEGIN DELETE FROM incidents; END;');
    await conn.close();
    const approved = await t.call('backup.restore', { token: shown!.token });
    const before = folder(t);
    const result = await restoreAsTheShellDoes(t, file, approved);
    expect(result).toMatchObject({ ok: false, error: { code: 'integrity.extraTrigger' } });
    expect(folder(t)).toEqual(before);
    await stillWorks(t, 3);
  });

  it('is refused by restoreDatabase itself, whatever the caller checked before', async () => {
    const { t } = await liveConsole();
    const file = await hostileBackup(t, 'CREATE TRIGGER wipe AFTER INSERT ON calls BEGIN DELETE FROM incidents; END;');
    const dir = t.dir;
    await t.core.close();
    const before = readdirSync(dir).filter((f) => f !== 'safety-copies').sort();
    await expect(restoreDatabase(dir, file, Date.now())).rejects.toMatchObject({ code: 'integrity.extraTrigger' });
    expect(readdirSync(dir).filter((f) => f !== 'safety-copies').sort()).toEqual(before);
    t.core = (await openTestCore({ dir, setup: false })).core;
    t.session = t.core.createSession();
    await t.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
    await stillWorks(t, 3);
  });
});
