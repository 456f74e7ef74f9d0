import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../electron/core/openCore';
import { Connection } from '../../../electron/core/db/connection';
import { createSafetyCopies } from '../../../electron/core/db/safetyCopies';
import { parseSettings } from '../../../electron/core/settings/fileSettingsStore';
import { cleanedAfterEach, count, intake, MINUTE, openTestCore, T0, type TestCore } from '../testCore';

const HOUR = 60 * MINUTE;
/** T0 is 10:00 in Damascus (UTC+3, no daylight saving): local wall time of T0's day. */
const local = (dayOffset: number, hour: number, minute = 0) => T0 + dayOffset * 24 * HOUR + (hour - 10) * HOUR + minute * MINUTE;

const { cores: open, dirs } = cleanedAfterEach();

async function testCore(): Promise<TestCore> {
  const t = await openTestCore();
  open.push(t);
  return t;
}

function keep(t: TestCore, safetyCopiesKept: number): void {
  const settings = t.core.context.settings;
  settings.write({ ...settings.read(), safetyCopiesKept });
}

const names = (t: TestCore) => t.core.safetyCopies.list().map((c) => c.name);

describe('safety copies', () => {
  it('takes a copy when the console opens in a shift that has none, and not again in that shift', async () => {
    const t = await testCore();
    await t.call('incidents.log', intake());
    // Opening again with the post set up starts the copy; the next check waits for it.
    await t.reopen();
    expect(await t.core.safetyCopies.takeIfDue()).toBeNull();
    expect(names(t)).toEqual(['beacon-2026-11-24-0800.db']);
    expect(t.core.safetyCopies.folder).toBe(join(t.dir, 'safety-copies'));
  });

  it('takes one copy per shift as the clock crosses 08:00 and 20:00, named after the shift’s local start', async () => {
    const t = await testCore();
    const take = () => t.core.safetyCopies.takeIfDue();
    expect(await take()).toBe(join(t.dir, 'safety-copies', 'beacon-2026-11-24-0800.db'));
    t.clock.time = local(0, 19, 59);
    expect(await take()).toBeNull();
    t.clock.time = local(0, 20, 0);
    expect(basename((await take())!)).toBe('beacon-2026-11-24-2000.db');
    // After midnight the night shift is still the one that started at 20:00 the day before.
    t.clock.time = local(1, 2, 30);
    expect(await take()).toBeNull();
    t.clock.time = local(1, 8, 0);
    expect(basename((await take())!)).toBe('beacon-2026-11-25-0800.db');
    expect(names(t)).toEqual(['beacon-2026-11-25-0800.db', 'beacon-2026-11-24-2000.db', 'beacon-2026-11-24-0800.db']);
    const newest = t.core.safetyCopies.list()[0]!;
    expect(newest.shiftStart).toBe(local(1, 8, 0));
    expect(newest.bytes).toBeGreaterThan(0);
  });

  it('asked twice at once, takes a single copy', async () => {
    const t = await testCore();
    const results = await Promise.all([t.core.safetyCopies.takeIfDue(), t.core.safetyCopies.takeIfDue()]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it('keeps exactly the newest N copies and never touches other files in the folder', async () => {
    const t = await testCore();
    keep(t, 3);
    const folder = t.core.safetyCopies.folder;
    mkdirSync(folder, { recursive: true });
    const others = ['notes.txt', 'beacon.db', 'beacon-old.db', 'beacon-2026-11-01-0800.db.bak', 'beacon-2026-11-1-0800.db'];
    for (const name of others) writeFileSync(join(folder, name), 'the operator’s own');
    for (let shift = 0; shift < 6; shift++) {
      t.clock.time = T0 + shift * 12 * HOUR;
      expect(await t.core.safetyCopies.takeIfDue()).not.toBeNull();
    }
    expect(names(t)).toEqual(['beacon-2026-11-26-2000.db', 'beacon-2026-11-26-0800.db', 'beacon-2026-11-25-2000.db']);
    for (const name of others) expect(existsSync(join(folder, name)), name).toBe(true);
    expect(readdirSync(folder)).toHaveLength(3 + others.length);
  });

  it('keeps the copy just taken even when an older clock mistake left copies dated in the future', async () => {
    const t = await testCore();
    keep(t, 1);
    t.clock.time = local(400, 10);
    await t.core.safetyCopies.takeIfDue();
    t.clock.time = T0;
    const written = await t.core.safetyCopies.takeIfDue();
    expect(names(t)).toEqual([basename(written!)]);
  });

  it('clears away a copy cut short, such as one interrupted by a power cut', async () => {
    const t = await testCore();
    const folder = t.core.safetyCopies.folder;
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'beacon-2026-11-23-2000.db.part'), 'half a database');
    await t.core.safetyCopies.takeIfDue();
    expect(readdirSync(folder)).toEqual(['beacon-2026-11-24-0800.db']);
  });

  it('taken while incidents are being written, opens intact and holds what was committed before it', async () => {
    const t = await testCore();
    for (let i = 0; i < 20; i++) await t.call('incidents.log', intake({ location: { district: 'latakia', locality: `before ${i}` } }));
    const writing = Promise.all(Array.from({ length: 30 }, (_, i) => t.call('incidents.log', intake({ location: { district: 'jableh', locality: `during ${i}` } }))));
    const path = await t.core.safetyCopies.takeIfDue();
    await writing;
    expect(await count(t, 'incidents')).toBe(50);

    const copy = await Connection.open(path!, 'readonly');
    try {
      expect((await copy.get<{ integrity_check: string }>('PRAGMA integrity_check'))?.integrity_check).toBe('ok');
      const n = async (sql: string) => (await copy.get<{ n: number }>(sql))!.n;
      const incidents = await n('SELECT count(*) AS n FROM incidents');
      expect(incidents).toBeGreaterThanOrEqual(20);
      expect(incidents).toBeLessThanOrEqual(50);
      expect(await n("SELECT count(*) AS n FROM incidents WHERE locality LIKE 'before %'")).toBe(20);
      // Whole transactions only: every incident has its call and its operation.
      expect(await n('SELECT count(*) AS n FROM calls')).toBe(incidents);
      expect(await n("SELECT count(*) AS n FROM operations WHERE entity = 'incident'")).toBe(incidents);
    } finally {
      await copy.close();
    }
  });

  it('logs a failure and returns null without throwing, then succeeds once the folder can be made', async () => {
    const t = await testCore();
    const dataDir = mkdtempSync(join(tmpdir(), 'beacon-safety-'));
    dirs.push(dataDir);
    // The folder's path is taken by a file: no copy can be written there.
    writeFileSync(join(dataDir, 'safety-copies'), 'not a folder');
    const errors: string[] = [];
    const log: Logger = { error: (message) => errors.push(message), info: () => undefined };
    const copies = createSafetyCopies({ databaseFile: t.core.store.file, dataDir, settings: t.core.context.settings, now: t.clock.now, log });

    await expect(copies.takeIfDue()).resolves.toBeNull();
    expect(errors).toEqual(['safety copy failed']);

    rmSync(join(dataDir, 'safety-copies'));
    expect(await copies.takeIfDue()).toBe(join(dataDir, 'safety-copies', 'beacon-2026-11-24-0800.db'));
  });

  it('keeps 14 unless the settings say otherwise, between 1 and 365', () => {
    const stored = { post: null, consoleLetter: null, language: 'en' };
    expect(parseSettings(stored)?.safetyCopiesKept).toBe(14);
    expect(parseSettings({ ...stored, safetyCopiesKept: 30 })?.safetyCopiesKept).toBe(30);
    expect(parseSettings({ ...stored, safetyCopiesKept: 0 })).toBeNull();
    expect(parseSettings({ ...stored, safetyCopiesKept: 366 })).toBeNull();
  });

  it('takes nothing before a post is set up', async () => {
    const t = await openTestCore({ setup: false });
    open.push(t);
    expect(await t.core.safetyCopies.takeIfDue()).toBeNull();
    expect(existsSync(t.core.safetyCopies.folder)).toBe(false);
  });
});
