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
import { createElectronSettingsStore, storedLanguage } from './settings/electronSettingsStore';
import { messageFor } from './cli/messages';
import { menuTemplate } from './menu';

const here = dirname(fileURLToPath(import.meta.url));
const RENDERER_INDEX = join(here, '../renderer/index.html');
const RENDERER_URL = pathToFileURL(RENDERER_INDEX).href;
const DEV_SERVER = process.env.VITE_DEV_SERVER_URL;

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

/** The settings file, in the user-data folder (the same JSON store as the CLI's). */
const settingsFile = () => join(app.getPath('userData'), 'settings.json');

/**
 * Native date and time fields follow Chromium's locale, not the page's language: English
 * consoles get day/month/year and the 24-hour clock (en-GB), Arabic ones Arabic. Read from the
 * post's default language before the app is ready.
 */
const chromiumLocale = (): string => (storedLanguage(settingsFile()) === 'ar' ? 'ar' : 'en-GB');

/**
 * Starts the shell on Electron's app. Everything is created here, not at import, so tests run
 * it against a stand-in for the `electron` module. Resolves once the first window exists, or
 * once the app has been told to quit (another instance runs, the core could not open).
 */
export function startShell(): Promise<void> {
  const sessions = new Map<number, Session>();
  let core: Core | null = null;
  /** While a restore swaps the database, every other call waits its turn with a clear answer. */
  let restoring = false;
  let menuLanguage: Language | null = null;

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

  const openWall = (opener: BrowserWindow) => createWindow('#/wall', opener.webContents.id).setFullScreen(true);

  /** The menu speaks the language of the operator at the window in front; rebuilt only when that changes. */
  async function refreshMenu(): Promise<void> {
    const front = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    const own = front ? sessions.get(front.webContents.id) : undefined;
    const language = own ? await languageOf(own) : core?.context.settings.read().language ?? 'ar';
    if (language === menuLanguage) return;
    menuLanguage = language;
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language, {
      openWindow: () => createWindow(),
      openWall: () => {
        const opener = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
        if (opener) openWall(opener);
      },
    })));
  }
  const menuFollows = () => {
    refreshMenu().catch((err: unknown) => log('error', 'menu not rebuilt', { error: String(err) }));
  };

  async function start(): Promise<void> {
    const dataDir = process.env.BEACON_DATA_DIR ?? join(app.getPath('userData'), 'data');
    const settings = createElectronSettingsStore(settingsFile(), (keptAs) => log('error', 'settings file damaged; defaults restored', { keptAs }));
    const logger = { error: (m: string, c?: Record<string, unknown>) => log('error', m, c), info: (m: string, c?: Record<string, unknown>) => log('info', m, c) };
    const secrets = createElectronSecretStore((error) => log('error', 'secrets unreadable: re-enter hub passwords on the sync screen; the post key must be given again by hand', { error: String(error) }));
    const open = async () => {
      const opened = await openCore({ dataDir, settings, log: logger, files: createFileChooser(windowOf, languageOf), secrets });
      opened.onChange((event) => {
        for (const win of BrowserWindow.getAllWindows()) win.webContents.send('ops:change', event);
        // An operator's language or the post's default may have changed.
        if (event.entities.includes('operator') || event.entities.includes('settings')) menuFollows();
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
      // Signing in, out or unlocking changes whose language the menu speaks without any change event.
      if (channel.startsWith('session.') || channel === 'setup.complete') menuFollows();
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
            menuFollows();
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
    createWindow();
    await refreshMenu();
  }

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }
  app.enableSandbox();
  app.commandLine.appendSwitch('lang', chromiumLocale());
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('second-instance', () => {
    const first = BrowserWindow.getAllWindows().find((win) => win.isVisible()) ?? BrowserWindow.getAllWindows()[0];
    if (!first) return;
    if (first.isMinimized()) first.restore();
    first.focus();
  });
  app.on('browser-window-focus', menuFollows);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    // Electron does not wait for a promise: the quit is held until the database is closed cleanly.
    const closing = core;
    if (!closing) return;
    event.preventDefault();
    core = null;
    closing.close().catch((err: unknown) => log('error', 'database not closed cleanly', { error: String(err) })).finally(() => app.quit());
  });
  return app.whenReady().then(start);
}

// Only inside Electron: imported elsewhere (the tests), this module starts nothing.
if (process.versions.electron !== undefined) void startShell();
