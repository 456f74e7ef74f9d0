// The Electron shell: lifecycle, the window, IPC wiring, security. Everything that owns
// data lives in electron/core, which knows nothing of Electron.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, webContents, type WebContents } from 'electron';
import { isChannelName, type Output } from '../shared/api';
import type { Language } from '../shared/domain';
import { printSummary } from './printing';
import { createElectronSecretStore } from './secrets';
import { createFileChooser } from './backupDialogs';
import { openCore, restoreInPlace, type Core, type Session } from './core';
import { DatabaseOpenError } from './core/db/migrations';
import Store from 'electron-store';
import { createElectronSettingsStore } from './settings/electronSettingsStore';
import { parseSettings } from './core/settings/fileSettingsStore';
import { messageFor } from './cli/messages';

const here = dirname(fileURLToPath(import.meta.url));
const RENDERER_INDEX = join(here, '../renderer/index.html');
const RENDERER_URL = pathToFileURL(RENDERER_INDEX).href;
const DEV_SERVER = process.env.VITE_DEV_SERVER_URL;

const sessions = new Map<number, Session>();
let core: Core | null = null;
/** While a restore swaps the database, every other call waits its turn with a clear answer. */
let restoring = false;

function logFile(): string {
  const dir = join(app.getPath('userData'), 'logs');
  mkdirSync(dir, { recursive: true });
  return join(dir, 'beacon.log');
}

function log(level: 'error' | 'info', message: string, context?: Record<string, unknown>): void {
  try {
    appendFileSync(logFile(), `${new Date().toISOString()} ${level} ${message} ${context ? JSON.stringify(context) : ''}\n`);
  } catch {
    // Logging must never take the console down.
  }
}

/** Only the app's own pages may talk to the core. */
function isOwnFrame(url: string): boolean {
  if (DEV_SERVER) return url.startsWith(DEV_SERVER);
  return url.split('#')[0] === RENDERER_URL;
}

function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isOwnFrame(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** A window on the same core; the wall display shares the opener's session and only reads. */
function createWindow(hash = '', shareSessionOf?: number, visible = true): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400, height: 900, minWidth: 1024, minHeight: 700, title: 'Beacon', backgroundColor: '#0f172a', show: false,
    webPreferences: {
      preload: join(here, 'preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false,
      webSecurity: true, spellcheck: false, webviewTag: false, navigateOnDragDrop: false,
      // A middle-click must not open a link in a new window (the handler denies it anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const id = win.webContents.id;
  const shared = shareSessionOf !== undefined ? sessions.get(shareSessionOf) : undefined;
  sessions.set(id, shared ?? core!.createSession());
  win.on('closed', () => sessions.delete(id));
  if (visible) win.once('ready-to-show', () => win.show());
  if (DEV_SERVER) void win.loadURL(`${DEV_SERVER}${hash}`);
  else void win.loadFile(RENDERER_INDEX, hash ? { hash: hash.replace(/^#/, '') } : undefined);
  return win;
}

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // Nothing leaves the machine from the window: the renderer loads only its own files.
  ses.webRequest.onBeforeRequest((details, callback) => {
    // blob: and data: are made in the page itself (chart images, CSV downloads): they never leave the machine.
    const local = ['file:', 'devtools:', 'blob:', 'data:'].some((scheme) => details.url.startsWith(scheme));
    const allowed = local || (DEV_SERVER !== undefined && details.url.startsWith(DEV_SERVER));
    callback({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

function buildMenu(openWindow: () => void, openWall: () => void): void {
  // i18n: the menu follows the operator's language in a later step; the window's own UI is translated.
  Menu.setApplicationMenu(Menu.buildFromTemplate([
    { label: 'File', submenu: [{ label: 'New window', click: openWindow }, { type: 'separator' }, { role: 'quit' }] },
    { label: 'View', submenu: [{ label: 'Wall display', accelerator: 'F11', click: openWall }, { type: 'separator' }, { role: 'reload' }, { role: 'togglefullscreen' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }] },
  ]));
}

/** The language of the operator signed in on a session, else the post's default. */
async function languageOf(own: Session): Promise<Language> {
  const current = core ? await core.invoke(own, 'session.current', {}) : null;
  if (current?.ok && current.value) return current.value.language;
  return core?.context.settings.read().language ?? 'ar';
}

function windowOf(own: Session): BrowserWindow | null {
  for (const [id, s] of sessions) {
    const contents = s === own ? webContents.fromId(id) : undefined;
    if (contents) return BrowserWindow.fromWebContents(contents);
  }
  return null;
}

/** After a restore every window starts signed out; windows that shared a session (the wall display) still share one. */
function renewSessions(next: Core): void {
  const renewed = new Map<Session, Session>();
  for (const [id, old] of sessions) {
    let fresh = renewed.get(old);
    if (!fresh) renewed.set(old, (fresh = next.createSession()));
    sessions.set(id, fresh);
  }
}

async function start(): Promise<void> {
  const dataDir = process.env.BEACON_DATA_DIR ?? join(app.getPath('userData'), 'data');
  const settings = createElectronSettingsStore((keptAs) => log('error', 'settings file damaged; defaults restored', { keptAs }));
  const logger = { error: (m: string, c?: Record<string, unknown>) => log('error', m, c), info: (m: string, c?: Record<string, unknown>) => log('info', m, c) };
  const secrets = createElectronSecretStore((error) => log('error', 'secrets unreadable: re-enter hub passwords on the sync screen; the post key must be given again by hand', { error: String(error) }));
  const open = async () => {
    const opened = await openCore({ dataDir, settings, log: logger, files: createFileChooser(windowOf, languageOf), secrets });
    opened.onChange((event) => {
      for (const win of BrowserWindow.getAllWindows()) win.webContents.send('ops:change', event);
    });
    return opened;
  };
  const failedToOpen = (err: unknown) => {
    // Never a blank window: say what happened and what to do, and leave the file untouched.
    const message = err instanceof DatabaseOpenError ? messageFor(err.code, err.params) : `${(err as Error).message}\n\n${messageFor('error.corrupt', {})}`;
    log('error', 'core failed to open', { error: String(err) });
    dialog.showErrorBox('Beacon', `${message}\n\n${dataDir}`);
    app.exit(1);
  };
  try {
    core = await open();
  } catch (err) {
    failedToOpen(err);
    return;
  }
  ipcMain.handle('ops:invoke', async (event, channel: unknown, input: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    const own = sessions.get(event.sender.id);
    if (!own || !isOwnFrame(frameUrl) || !isChannelName(channel) || !core) return { ok: false, error: { code: 'error.unknownChannel' } };
    if (restoring) return { ok: false, error: { code: 'error.busy' } };
    const result = await core.invoke(own, channel, input);
    if (channel === 'backup.restore' && result.ok) {
      // The core approved (administrator, the backup this window inspected); swapping the database is the shell's.
      restoring = true;
      try {
        const done = await restoreInPlace(core, result.value as Output<'backup.restore'>, open, logger);
        core = done.core;
        if (done.result.ok) {
          // Operators are those of the restored database: every window signs in again. The asking
          // window reloads itself after noting what was done; the others go back to sign-in now.
          renewSessions(core);
          for (const win of BrowserWindow.getAllWindows()) if (win.webContents.id !== event.sender.id) win.webContents.reload();
        }
        return done.result;
      } catch (err) {
        core = null;
        failedToOpen(err);
        return { ok: false, error: { code: 'backup.restoreFailed' } };
      } finally {
        restoring = false;
      }
    }
    if (channel !== 'summary.print' || !result.ok) return result;
    // The core has checked the role and the period; printing itself is the shell's.
    const approved = result.value as Output<'summary.print'>;
    try {
      const file = await printSummary(BrowserWindow.fromWebContents(event.sender), approved.period, approved.pdf,
        (hash) => createWindow(hash, event.sender.id, false));
      return { ok: true, value: { ...approved, file } };
    } catch (err) {
      log('error', 'printing failed', { error: String(err) });
      return { ok: false, error: { code: 'error.printFailed' } };
    }
  });
  hardenSession();
  const main = createWindow();
  buildMenu(() => createWindow(), () => {
    const wall = createWindow('#/wall', main.webContents.id);
    wall.setFullScreen(true);
  });
}

/**
 * Native date and time fields follow Chromium's locale, not the page's language: English
 * consoles get day/month/year and the 24-hour clock (en-GB), Arabic ones Arabic. Read from the
 * post's default language before the app is ready; damage is left for start() to report.
 */
function chromiumLocale(): string {
  try {
    const raw = new Store<{ console: unknown }>({ name: 'settings', clearInvalidConfig: false }).get('console');
    return (parseSettings(raw)?.language ?? 'ar') === 'ar' ? 'ar' : 'en-GB';
  } catch {
    return 'ar';
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app.commandLine.appendSwitch('lang', chromiumLocale());
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void core?.close());
  void app.whenReady().then(start);
}
