import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection } from '../../../electron/core/db/connection';
import { APPLICATION_ID, migrate, MIGRATIONS, SCHEMA_VERSION } from '../../../electron/core/db/migrations';
import { DATABASE_FILE } from '../../../electron/core/db/store';
import { intake, openTestCore } from '../testCore';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-db-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function pragma(file: string, name: string): Promise<number> {
  const conn = await Connection.open(file, 'readonly');
  const row = await conn.get<Record<string, number>>(`PRAGMA ${name}`);
  await conn.close();
  return row?.[name] ?? -1;
}

describe('the database', () => {
  it('is created from empty with every migration, in WAL mode, marked as a Beacon database', async () => {
    const t = await openTestCore({ setup: false });
    cleanup.push(() => t.close());
    const file = join(t.dir, DATABASE_FILE);
    expect(await pragma(file, 'user_version')).toBe(SCHEMA_VERSION);
    expect(await pragma(file, 'application_id')).toBe(APPLICATION_ID);
    const mode = await t.core.store.reader.get<{ journal_mode: string }>('PRAGMA journal_mode');
    expect(mode?.journal_mode).toBe('wal');
    const tables = await t.core.store.reader.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    expect(tables.map((r) => r.name)).toEqual(expect.arrayContaining(['incidents', 'calls', 'timeline_entries', 'operations', 'operators', 'version_vector']));
  });

  it('refuses a database written by a newer Beacon, and leaves the file untouched', async () => {
    const dir = tempDir();
    const t = await openTestCore({ dir });
    await t.call('incidents.log', intake());
    await t.core.close();
    const file = join(dir, DATABASE_FILE);
    const raw = new sqlite3.Database(file);
    await new Promise<void>((res, rej) => raw.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 5}`, (e) => (e ? rej(e) : res())));
    await new Promise<void>((res) => raw.close(() => res()));
    const before = readFileSync(file);

    await expect(openTestCore({ dir, setup: false })).rejects.toMatchObject({ code: 'error.databaseNewer', params: { version: SCHEMA_VERSION + 5 } });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a SQLite file that is not a Beacon database', async () => {
    const dir = tempDir();
    const raw = new sqlite3.Database(join(dir, DATABASE_FILE));
    await new Promise<void>((res, rej) => raw.exec('CREATE TABLE budget (amount INTEGER)', (e) => (e ? rej(e) : res())));
    await new Promise<void>((res) => raw.close(() => res()));
    await expect(openTestCore({ dir, setup: false })).rejects.toMatchObject({ code: 'error.notBeaconDatabase' });
  });

  it('refuses a damaged database with a clear message and never writes to it', async () => {
    const dir = tempDir();
    const t = await openTestCore({ dir });
    await t.call('incidents.log', intake());
    await t.core.close();
    const file = join(dir, DATABASE_FILE);
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 0, 100); // the header, overwritten as a failing disk might
    writeFileSync(file, bytes);
    await expect(openTestCore({ dir, setup: false })).rejects.toMatchObject({ code: 'error.corrupt' });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('rolls a failing migration back whole', async () => {
    const dir = tempDir();
    const conn = await Connection.open(join(dir, 'x.db'), 'readwrite');
    const broken = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half (a INTEGER); SELECT * FROM missing_table;' }];
    await expect(migrate(conn, broken)).rejects.toThrow(/missing_table/);
    expect((await conn.get<{ user_version: number }>('PRAGMA user_version'))?.user_version).toBe(SCHEMA_VERSION);
    expect(await conn.get("SELECT 1 FROM sqlite_master WHERE name = 'half'")).toBeUndefined();
    await conn.close();
  });

  it('keeps everything across a restart of the core on the same file', async () => {
    const dir = tempDir();
    const t = await openTestCore({ dir });
    const logged = await t.call('incidents.log', intake());
    await t.call('incidents.setStatus', { id: logged.incidentId, status: 'dispatched', withoutTeam: true, note: 'Sent by radio' });
    const before = await t.call('incidents.get', { id: logged.incidentId });
    await t.reopen();
    await t.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
    expect(await t.call('incidents.get', { id: logged.incidentId })).toEqual(before);
    // The console goes on numbering where it stopped, and its operation log continues densely.
    const next = await t.call('incidents.log', intake({ location: { district: 'jableh' } }));
    expect(next.number).toBe(logged.number.replace(/001$/, '002'));
    const seqs = await t.core.store.reader.all<{ seq: number }>('SELECT seq FROM operations WHERE origin = ? ORDER BY seq', [t.core.store.origin]);
    expect(seqs.map((r) => r.seq)).toEqual(seqs.map((_, i) => i + 1));
    await t.close();
  });

  it('restores defaults and keeps a damaged settings file aside', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{"post": {"name": "Lat');
    const t = await openTestCore({ dir, setup: false });
    cleanup.push(() => t.close());
    const status = await t.call('setup.status', {});
    expect(status.needsSetup).toBe(true);
    expect(status.settingsRestoredFrom).toMatch(/settings\.json\.damaged-\d+$/);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.damaged-'))).toBe(true);
  });
});
