// The host every shell wraps (electron/host), against a real core on real SQLite files: the
// frame check, sessions per window, the restore swap with its lock, the print approval, the
// change fan-out and the log file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core';
import { createFileSettingsStore } from '../../../electron/core/settings/fileSettingsStore';
import { createFileLog, createHost, logFilePath, type Client, type Host, type Printer } from '../../../electron/host';
import type { ChangeEvent, Output } from '../../../shared/api';
import { cleanedAfterEach, fileChooser, intake, SETUP, TestClock } from '../testCore';

const { tempDir } = cleanedAfterEach('beacon-host-');
const OWN = 'http://127.0.0.1:1/index.html';

function recorder(): Client & { events: ChangeEvent[]; reloads: number } {
  const c = { events: [] as ChangeEvent[], reloads: 0, send: (e: ChangeEvent) => void c.events.push(e), reload: () => void c.reloads++ };
  return c;
}

async function startHost(printer: Printer = { print: async () => null }, onOpen?: (count: number) => Promise<void>) {
  const dir = tempDir();
  const chooser = fileChooser();
  const clock = new TestClock();
  let opened = 0;
  const fatal: unknown[] = [];
  const host: Host = createHost({
    log: createFileLog(dir),
    isOwnFrame: (url) => url.startsWith('http://127.0.0.1:1/'),
    printer,
    onFatal: (err) => fatal.push(err),
    open: async () => {
      opened++;
      if (onOpen) await onOpen(opened);
      return openCore({ dataDir: dir, settings: createFileSettingsStore(join(dir, 'settings.json')), clock, checkOutputs: true, safetyCopies: false, files: chooser.files, log: createFileLog(dir) });
    },
  });
  await host.start();
  return { host, dir, chooser, fatal, core: () => host.core as Core };
}

describe('the host', () => {
  it('answers only its own frames, known channels and attached windows', async () => {
    const { host } = await startHost();
    host.attach(1, recorder());
    expect(await host.invoke(1, 'http://evil.example/', 'setup.status', {})).toEqual({ ok: false, error: { code: 'error.unknownChannel' } });
    expect(await host.invoke(1, OWN, 'fs.readFile', {})).toEqual({ ok: false, error: { code: 'error.unknownChannel' } });
    expect(await host.invoke(2, OWN, 'setup.status', {})).toEqual({ ok: false, error: { code: 'error.unknownChannel' } });
    expect((await host.invoke(1, OWN, 'setup.status', {})).ok).toBe(true);
    host.detach(1);
    expect(await host.invoke(1, OWN, 'setup.status', {})).toEqual({ ok: false, error: { code: 'error.unknownChannel' } });
    await host.close();
  });

  it('gives each window its own session, the wall display its opener\'s, and sends every change to every window', async () => {
    const { host } = await startHost();
    const [main, wall, other] = [recorder(), recorder(), recorder()];
    host.attach(1, main);
    host.attach(2, wall, 1);
    host.attach(3, other);
    expect((await host.invoke(1, OWN, 'setup.complete', SETUP)).ok).toBe(true);
    expect(await host.invoke(2, OWN, 'session.current', {})).toMatchObject({ ok: true, value: { name: 'Rania Haddad' } });
    expect(await host.invoke(3, OWN, 'session.current', {})).toEqual({ ok: true, value: null });
    expect(host.clientOf(host.core!.createSession())).toBeUndefined();
    host.detach(3);
    const before = main.events.length;
    expect((await host.invoke(1, OWN, 'incidents.log', intake())).ok).toBe(true);
    expect(main.events.length).toBeGreaterThan(before);
    expect(wall.events.at(-1)).toEqual(main.events.at(-1));
    expect(other.events.length).toBeLessThan(main.events.length);
    await host.close();
  });

  it('swaps the database on an approved restore, refuses other calls meanwhile, signs every window out and reloads the others', async () => {
    let duringRestore: unknown = null;
    let hostRef: Host | null = null;
    const started = await startHost(undefined, async (count) => {
      // The core is reopened inside the swap: a call from another window arrives right then.
      if (count === 2) duringRestore = await hostRef!.invoke(3, OWN, 'setup.status', {});
    });
    const { host, chooser, dir } = started;
    hostRef = host;
    const [main, wall, other] = [recorder(), recorder(), recorder()];
    host.attach(1, main);
    host.attach(2, wall, 1);
    host.attach(3, other);
    await host.invoke(1, OWN, 'setup.complete', SETUP);
    await host.invoke(1, OWN, 'incidents.log', intake());
    chooser.state.next = join(tempDir(), 'stick.db');
    expect((await host.invoke(1, OWN, 'backup.create', {})).ok).toBe(true);
    await host.invoke(1, OWN, 'incidents.log', intake());
    const described = await host.invoke(1, OWN, 'backup.inspect', {});
    const token = (described as { value: Output<'backup.inspect'> }).value!.token;
    const old = host.core;
    const restored = await host.invoke(1, OWN, 'backup.restore', { token });
    expect(restored).toMatchObject({ ok: true, value: { restored: true } });
    expect(duringRestore).toEqual({ ok: false, error: { code: 'error.busy' } });
    expect(host.core).not.toBe(old);
    expect((await host.core!.store.reader.get<{ n: number }>('SELECT count(*) AS n FROM incidents'))?.n).toBe(1);
    expect([main.reloads, wall.reloads, other.reloads]).toEqual([0, 1, 1]);
    for (const id of [1, 2, 3]) expect(await host.invoke(id, OWN, 'session.current', {})).toEqual({ ok: true, value: null });
    // The wall display still shares the main window's (new) session.
    await host.invoke(1, OWN, 'session.signIn', { name: 'Rania Haddad', pin: '2468' });
    expect(await host.invoke(2, OWN, 'session.current', {})).toMatchObject({ ok: true, value: { name: 'Rania Haddad' } });
    // Changes of the new core still reach the windows.
    const before = other.events.length;
    await host.invoke(1, OWN, 'incidents.log', intake());
    expect(other.events.length).toBeGreaterThan(before);
    expect(readFileSync(logFilePath(dir), 'utf8')).toContain('database restored');
    await host.close();
  });

  it('lets calls already running end on the old database before a restore closes it: none fails for a closed database', async () => {
    const { host, chooser, dir } = await startHost();
    const [main, other] = [recorder(), recorder()];
    host.attach(1, main);
    host.attach(3, other);
    await host.invoke(1, OWN, 'setup.complete', SETUP);
    await host.invoke(3, OWN, 'session.signIn', { name: 'Rania Haddad', pin: '2468' });
    for (let i = 0; i < 3; i++) await host.invoke(1, OWN, 'incidents.log', intake());
    chooser.state.next = join(tempDir(), 'stick.db');
    expect((await host.invoke(1, OWN, 'backup.create', {})).ok).toBe(true);
    const described = await host.invoke(1, OWN, 'backup.inspect', {});
    const token = (described as { value: Output<'backup.inspect'> }).value!.token;
    // Another window's views are asking (each call several queries) when the restore is approved.
    const running = Array.from({ length: 12 }, (_, i) => host.invoke(3, OWN, i % 2 ? 'teams.board' : 'incidents.queue', i % 2 ? {} : { queue: 'waiting' }));
    const restored = await host.invoke(1, OWN, 'backup.restore', { token });
    expect(restored).toMatchObject({ ok: true, value: { restored: true } });
    for (const result of await Promise.all(running)) expect(result).toMatchObject({ ok: true });
    expect(readFileSync(logFilePath(dir), 'utf8')).not.toMatch(/call failed|channel [a-zA-Z.]+ failed/);
    await host.close();
  });

  it('hands an approved print to the shell\'s printer, and says so when printing fails', async () => {
    const asked: unknown[] = [];
    let fail = false;
    const { host } = await startHost({
      print: async (client, approved) => {
        asked.push({ client, approved });
        if (fail) throw new Error('no printer');
        return approved.pdf ? '/tmp/summary.pdf' : null;
      },
    });
    host.attach(1, recorder());
    host.attach(2, recorder());
    const period = { day: '2026-11-24' };
    // Not signed in: the core refuses, the printer is never asked.
    expect((await host.invoke(2, OWN, 'summary.print', { period, pdf: true })).ok).toBe(false);
    expect(asked).toEqual([]);
    await host.invoke(1, OWN, 'setup.complete', SETUP);
    expect(await host.invoke(1, OWN, 'summary.print', { period, pdf: true })).toEqual({ ok: true, value: { period, pdf: true, file: '/tmp/summary.pdf' } });
    expect(asked).toEqual([{ client: 1, approved: { period, pdf: true, file: null } }]);
    fail = true;
    expect(await host.invoke(1, OWN, 'summary.print', { period, pdf: false })).toEqual({ ok: false, error: { code: 'error.printFailed' } });
    await host.close();
    expect(host.core).toBeNull();
  });

  it('closes the database cleanly: no -wal left behind', async () => {
    const { host, dir } = await startHost();
    host.attach(1, recorder());
    await host.invoke(1, OWN, 'setup.complete', SETUP);
    await host.close();
    expect(existsSync(join(dir, 'beacon.db'))).toBe(true);
    expect(existsSync(join(dir, 'beacon.db-wal'))).toBe(false);
  });
});
