// The Electron shell (electron/main.ts) run against a stand-in for the `electron` module, on a
// real core and real SQLite files: what the operator's windows can and cannot do, restore,
// printing, a second instance, a window closed mid-call, the menu's language, a clean quit.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETUP, intake } from '../testCore';

vi.mock('electron', () => import('./fakeElectron'));
/** Lets a test act while the shell holds the restore lock (the real restore runs right after). */
const swap = vi.hoisted(() => ({ during: null as null | (() => Promise<void>) }));
vi.mock('../../../electron/core/backup/restoreInPlace', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/core/backup/restoreInPlace')>();
  return {
    restoreInPlace: async (...args: Parameters<typeof real.restoreInPlace>) => {
      await swap.during?.();
      return real.restoreInPlace(...args);
    },
  };
});

const { app, fake, FakeBrowserWindow } = await import('./fakeElectron');
const { startShell } = await import('../../../electron/main');
type Win = InstanceType<typeof FakeBrowserWindow>;

const patient = { timeout: 20_000 };
let userData = '';

beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'beacon-shell-'));
  fake.reset(userData);
  swap.during = null;
  delete process.env.BEACON_DATA_DIR;
});

afterEach(async () => {
  await quit();
  rmSync(userData, { recursive: true, force: true });
});

async function quit(): Promise<void> {
  if (fake.quitRequested) return;
  app.quit();
  await vi.waitFor(() => expect(fake.quitRequested).toBe(true), patient);
}

async function ok(win: Win, channel: string, input: unknown = {}): Promise<unknown> {
  const result = await fake.invoke(win, channel, input) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

type MenuItem = { label?: string; role?: string; click?: () => void; submenu?: MenuItem[] };
const menuItem = (label: string): MenuItem => {
  const found = (fake.menu as MenuItem[]).flatMap((m) => m.submenu ?? []).find((i) => i.label === label);
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
};
const topLabels = () => (fake.menu as MenuItem[]).map((m) => m.label);
const newWindow = (label = 'New window'): Win => {
  menuItem(label).click!();
  return fake.windows.at(-1)!;
};
const waitingIncidents = async (win: Win) => ((await ok(win, 'incidents.queue', { queue: 'waiting' })) as { total: number }).total;

/** The first window, on a console set up with its first operator (an administrator) signed in. */
async function started(): Promise<Win> {
  await startShell();
  const main = fake.windows[0]!;
  await ok(main, 'setup.complete', SETUP);
  // The operator reads English: the menu follows (rebuilt in the background).
  await vi.waitFor(() => expect(topLabels()).toEqual(['File', 'Edit', 'View']), patient);
  return main;
}

describe('the Electron shell', () => {
  it('opens one hardened window: sandboxed, isolated, no new windows, no navigation away, CSP, no permissions', async () => {
    await startShell();
    expect(fake.windows).toHaveLength(1);
    const main = fake.windows[0]!;
    expect(main.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
    await vi.waitFor(() => expect(main.visible).toBe(true), patient);
    expect(main.webContents.openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(main.webContents.tryNavigate('https://evil.example/')).toBe(false);
    expect(main.webContents.tryNavigate(`${main.webContents.getURL()}#/queues`)).toBe(true);
    const cancelled = (url: string) => new Promise<boolean>((resolve) => fake.requestFilter!({ url }, (r) => resolve(r.cancel)));
    expect(await cancelled('https://example.org/font.woff2')).toBe(true);
    expect(await cancelled(main.webContents.getURL())).toBe(false);
    const headers = await new Promise<Record<string, string[]>>((resolve) => fake.headersHandler!({ responseHeaders: {} }, (r) => resolve(r.responseHeaders)));
    expect(headers['Content-Security-Policy']![0]).toContain("default-src 'self'");
    expect(await new Promise((resolve) => fake.permissionRequest!(main.webContents, 'geolocation', resolve))).toBe(false);
    // A fresh console speaks Arabic until first run says otherwise: Chromium's locale too.
    expect(fake.switches.get('lang')).toBe('ar');
  });

  it('refuses calls from a page that is not its own, from a frame already gone and on an unknown channel, and writes nothing', async () => {
    await startShell();
    const main = fake.windows[0]!;
    const refused = { ok: false, error: { code: 'error.unknownChannel' } };
    expect(await fake.invoke(main, 'setup.complete', SETUP, 'https://evil.example/')).toEqual(refused);
    expect(await fake.invoke(main, 'setup.complete', SETUP, pathToFileURL(join(userData, 'index.html')).href)).toEqual(refused);
    expect(await fake.invoke(main, 'setup.complete', SETUP, null)).toEqual(refused);
    expect(await fake.invoke(main, 'setup.eraseEverything', {})).toEqual(refused);
    expect(await ok(main, 'setup.status')).toMatchObject({ needsSetup: true });
  });

  it('says in a dialog why the database cannot open, with its folder, and exits without a blank window', async () => {
    const dataDir = join(userData, 'data');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'beacon.db'), 'minutes of the 14 November meeting, not a database'.repeat(100));
    await startShell();
    expect(fake.exitCode).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0]!.content).toContain(dataDir);
    expect(readFileSync(join(dataDir, 'beacon.db'), 'utf8')).toMatch(/^minutes of the 14 November/);
  });

  it('gives a second instance the first window, restored and focused; an instance without the lock quits and opens nothing', async () => {
    const main = await started();
    newWindow();
    main.minimized = true;
    app.emit('second-instance', {}, [], userData);
    expect(fake.focused).toBe(main);
    expect(main.minimized).toBe(false);

    fake.reset(userData);
    fake.holdsLock = false;
    await startShell();
    expect(fake.quitRequested).toBe(true);
    expect(fake.windows).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
  });

  it('restores an approved backup: the core is swapped, other windows reload, every window signs in again, a call during the swap is told to wait', async () => {
    const main = await started();
    await ok(main, 'incidents.log', intake({ receivedAt: Date.now() }));
    await ok(main, 'incidents.log', intake({ receivedAt: Date.now() }));
    const stick = join(userData, 'stick.db');
    fake.nextFile = stick;
    await ok(main, 'backup.create');
    await ok(main, 'incidents.log', intake({ receivedAt: Date.now() }));
    expect(await waitingIncidents(main)).toBe(3);

    const second = newWindow();
    await ok(second, 'session.signIn', SETUP.operator);
    main.focus();
    menuItem('Wall display').click!();
    const wall = fake.windows.at(-1)!;
    expect(wall.fullScreen).toBe(true);

    const { token } = await ok(main, 'backup.inspect') as { token: string };
    let duringSwap: unknown = null;
    swap.during = async () => {
      duringSwap = await fake.invoke(second, 'incidents.queue', { queue: 'waiting' });
    };
    expect(await ok(main, 'backup.restore', { token })).toMatchObject({ file: stick, restored: true });
    // The backup was read in utility processes (RunAsNode is off): shown, checked, copied.
    expect(fake.utilityForks).toHaveLength(3);
    expect(duringSwap).toEqual({ ok: false, error: { code: 'error.busy' } });
    expect([main.webContents.reloads, second.webContents.reloads, wall.webContents.reloads]).toEqual([0, 1, 1]);
    for (const win of [main, second, wall]) expect(await ok(win, 'session.current')).toBeNull();
    await ok(main, 'session.signIn', SETUP.operator);
    // The wall display still shares its opener's session, now on the restored core.
    expect(await ok(wall, 'session.current')).toMatchObject({ name: SETUP.operator.name });
    expect(await waitingIncidents(main)).toBe(2);
  });

  it('prints the shift summary from a hidden window on the asker\'s session and saves the PDF where the dialog says', async () => {
    const main = await started();
    const period = { from: '2026-11-01', to: '2026-11-02' };
    let printRouteSession: unknown = null;
    fake.onExecute = async (contents) => {
      printRouteSession = await fake.invoke(FakeBrowserWindow.fromWebContents(contents)!, 'session.current', {});
      return true;
    };
    const pdf = join(userData, 'summary.pdf');
    fake.nextFile = pdf;
    expect(await ok(main, 'summary.print', { period, pdf: true })).toEqual({ period, pdf: true, file: pdf });
    expect(readFileSync(pdf, 'utf8')).toMatch(/^%PDF-1\.4 stand-in for file:.*#\/print\/summary\?from=2026-11-01&to=2026-11-02$/);
    expect(printRouteSession).toMatchObject({ ok: true, value: { name: SETUP.operator.name } });
    const printWindow = fake.windows[1]!;
    expect(printWindow.visible).toBe(false);
    expect(printWindow.destroyed).toBe(true);
    expect(fake.dialogs.at(-1)).toMatchObject({ kind: 'save', parent: main });

    fake.nextFile = null;
    rmSync(pdf);
    expect(await ok(main, 'summary.print', { period, pdf: true })).toEqual({ period, pdf: true, file: null });
    expect(existsSync(pdf)).toBe(false);
    expect(await ok(main, 'summary.print', { period, pdf: false })).toEqual({ period, pdf: false, file: null });
    fake.printAnswer = { success: false, reason: 'Printer is out of paper' };
    expect(await fake.invoke(main, 'summary.print', { period, pdf: false })).toEqual({ ok: false, error: { code: 'error.printFailed' } });
    expect(FakeBrowserWindow.getAllWindows()).toEqual([main]);
  });

  it('survives a window closed in the middle of a call: the others carry on and get their change events', async () => {
    const main = await started();
    const second = newWindow();
    await ok(second, 'session.signIn', SETUP.operator);
    let pick: (file: string | null) => void = () => undefined;
    fake.nextFile = new Promise((resolve) => (pick = resolve));
    const pending = fake.invoke(second, 'backup.create', {});
    await vi.waitFor(() => expect(fake.dialogs).toHaveLength(1), patient);
    second.destroy();
    const late = join(userData, 'late.db');
    pick(late);
    // What the operator chose before the window went is done; nothing is left half-written.
    expect(await pending).toMatchObject({ ok: true, value: { file: late } });
    expect(existsSync(late)).toBe(true);

    // A late message from the closed window's page is refused, not served on a missing session.
    expect(await fake.invoke(second, 'session.current', {}, 'file:///whatever')).toEqual({ ok: false, error: { code: 'error.unknownChannel' } });
    // Printing for a window that closes while the summary renders fails in words, and nothing is left open.
    const third = newWindow();
    await ok(third, 'session.signIn', SETUP.operator);
    fake.onExecute = async () => {
      third.destroy();
      return true;
    };
    fake.nextFile = join(userData, 'orphan.pdf');
    const printed = await fake.invoke(third, 'summary.print', { period: { from: '2026-11-01', to: '2026-11-02' }, pdf: true });
    expect(printed).toEqual({ ok: false, error: { code: 'error.printFailed' } });
    expect(existsSync(join(userData, 'orphan.pdf'))).toBe(false);
    expect(FakeBrowserWindow.getAllWindows()).toEqual([main]);

    main.webContents.sent.length = 0;
    await ok(main, 'incidents.log', intake({ receivedAt: Date.now() }));
    expect(main.webContents.sent.map((s) => s.channel)).toContain('ops:change');
  });

  it('speaks the operator\'s language in the menu and rebuilds it when the language changes', async () => {
    await startShell();
    const main = fake.windows[0]!;
    expect(topLabels()).toEqual(['ملف', 'تحرير', 'عرض']);
    await ok(main, 'setup.complete', SETUP); // English operator
    await vi.waitFor(() => expect(topLabels()).toEqual(['File', 'Edit', 'View']), patient);
    expect(menuItem('Quit Beacon')).toMatchObject({ role: 'quit' });
    await ok(main, 'session.setLanguage', { language: 'ar' });
    await vi.waitFor(() => expect(topLabels()).toEqual(['ملف', 'تحرير', 'عرض']), patient);
    expect(menuItem('إنهاء بيكن')).toMatchObject({ role: 'quit' });
    // Every item has its label here: none is left to Electron's English role labels.
    const items = (fake.menu as MenuItem[]).flatMap((m) => [m, ...(m.submenu ?? [])]).filter((i) => (i as { type?: string }).type !== 'separator');
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) expect(item.label, item.role).toMatch(/^[^A-Za-z]+$/);
    // Signing out changes no data, so no change event: the menu goes back to the post's language all the same.
    await ok(main, 'session.signOut');
    await vi.waitFor(() => expect(topLabels()).toEqual(['File', 'Edit', 'View']), patient);
    await ok(main, 'session.signIn', SETUP.operator);
    await vi.waitFor(() => expect(topLabels()).toEqual(['ملف', 'تحرير', 'عرض']), patient);
    const built = fake.menusBuilt;
    await ok(main, 'incidents.log', intake({ receivedAt: Date.now() }));
    main.focus();
    await ok(main, 'session.current');
    expect(fake.menusBuilt).toBe(built);
  });

  it('seals the post key with safeStorage, closes the database before quitting, and carries over the settings of a console set up under electron-store', async () => {
    const main = await started();
    await ok(main, 'incidents.log', intake({ receivedAt: Date.now() }));
    const dataDir = join(userData, 'data');
    // The post's key is sealed by safeStorage beside the settings, never in them.
    const sealed = JSON.parse(readFileSync(join(userData, 'secrets.json'), 'utf8')) as Record<string, string>;
    expect(Buffer.from(sealed['post:key']!, 'base64').toString()).toMatch(/^sealed:/);
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ postKey: null });
    main.destroy(); // the last window: the app quits
    await vi.waitFor(() => expect(fake.quitRequested).toBe(true), patient);
    expect(existsSync(join(dataDir, 'beacon.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'beacon.db-wal'))).toBe(false);

    // The settings as electron-store kept them, in the user-data folder, before this shell used
    // the data folder's plain JSON file (the CLI's and the browser host's).
    const settingsFile = join(dataDir, 'settings.json');
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ console: JSON.parse(readFileSync(settingsFile, 'utf8')) }));
    rmSync(settingsFile);
    fake.reset(userData);
    await startShell();
    expect(fake.switches.get('lang')).toBe('en-GB');
    const again = fake.windows[0]!;
    expect(await ok(again, 'setup.status')).toMatchObject({ needsSetup: false });
    await ok(again, 'session.signIn', SETUP.operator);
    expect(await waitingIncidents(again)).toBe(1);

    // A new console in a fresh folder (BEACON_DATA_DIR) does not inherit that post.
    await quit();
    fake.reset(userData);
    process.env.BEACON_DATA_DIR = join(userData, 'another-console');
    await startShell();
    expect(await ok(fake.windows[0]!, 'setup.status')).toMatchObject({ needsSetup: true });
  });
});
