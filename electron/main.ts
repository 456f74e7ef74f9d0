// The Electron shell: an adapter from Electron's API onto the host (electron/host), which owns
// sessions, the frame check, the restore swap, print approval and the change fan-out. Here:
// windows ↔ clients, ipcMain ↔ host.invoke, native dialogs, printing, safeStorage, the menu,
// the app's lifecycle and its hardening. Neither the core nor the host knows Electron.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, webContents, type WebContents } from 'electron';
import type { ChangeEvent } from '../shared/api';
import type { Language } from '../shared/domain';
import { printSummary } from './printing';
import { createElectronSecretStore } from './secrets';
import { createFileChooser } from './backupDialogs';
import { openCore, type Session } from './core';
import { createFileLog, createHost, CSP, type ClientId, type Host } from './host';
import { DatabaseOpenError } from './core/db/migrations';
import { adoptElectronStoreSettings, storedLanguage } from './host/legacySettings';
import { createFileSettingsStore } from './core/settings/fileSettingsStore';
import { messageFor } from './cli/messages';
import { menuTemplate } from './menu';
import { devToolsAllowed, isAllowedRequest } from './hardening';
import { damagedConsole } from './core/damagedConsole';
import { utilityInspector } from './inspectorProcess';

const here = dirname(fileURLToPath(import.meta.url));
const RENDERER_INDEX = join(here, '../renderer/index.html');
const RENDERER_URL = pathToFileURL(RENDERER_INDEX).href;
const DEV_SERVER = process.env.VITE_DEV_SERVER_URL;

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

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // Nothing leaves the machine from the window: the renderer loads only its own files.
  // file: only inside the renderer's folder; devtools: only in development (electron/hardening.ts).
  const rules = { appRoot: dirname(RENDERER_INDEX), devServer: DEV_SERVER, devTools: devToolsAllowed(app.isPackaged) };
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, rules) }));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

/** An operator's language or the post's default may have changed. */
const touchesLanguage = (event: ChangeEvent) => event.entities.includes('operator') || event.entities.includes('settings');

/**
 * Starts the shell on Electron's app. Everything is created here, not at import, so tests run
 * it against a stand-in for the `electron` module. Resolves once the first window exists, or
 * once the app has been told to quit (another instance runs, the core could not open).
 */
export function startShell(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }
  const userData = app.getPath('userData');
  const dataDir = process.env.BEACON_DATA_DIR ?? join(userData, 'data');
  // The settings live beside the database, where the CLI and the browser host read them too.
  const settingsFile = join(dataDir, 'settings.json');
  adoptElectronStoreSettings(join(userData, 'settings.json'), settingsFile, dataDir);
  const logger = createFileLog(dataDir);
  let menuLanguage: Language | null = null;
  let menuQueued = false;

  /** A window on the same core; the wall display and the print window share the opener's session. */
  function createWindow(hash = '', shareSessionOf?: ClientId, visible = true): BrowserWindow {
    const win = new BrowserWindow({
      width: 1400, height: 900, minWidth: 1024, minHeight: 700, title: 'Beacon', backgroundColor: '#0f172a', show: false,
      webPreferences: {
        preload: join(here, 'preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false,
        webSecurity: true, spellcheck: false, webviewTag: false, navigateOnDragDrop: false, devTools: devToolsAllowed(app.isPackaged),
        // A middle-click must not open a link in a new window (the handler denies it anyway).
        disableBlinkFeatures: 'Auxclick',
      },
    });
    const id = win.webContents.id;
    const contents = win.webContents;
    host.attach(id, {
      send: (event) => {
        contents.send('ops:change', event);
        if (touchesLanguage(event)) menuFollows();
      },
      reload: () => contents.reload(),
    }, shareSessionOf);
    win.on('closed', () => host.detach(id));
    if (visible) win.once('ready-to-show', () => win.show());
    if (DEV_SERVER) void win.loadURL(`${DEV_SERVER}${hash}`);
    else void win.loadFile(RENDERER_INDEX, hash ? { hash: hash.replace(/^#/, '') } : undefined);
    return win;
  }

  function windowOf(own: Session): BrowserWindow | null {
    const id = host.clientOf(own);
    const contents = id !== undefined ? webContents.fromId(id) : undefined;
    return contents ? BrowserWindow.fromWebContents(contents) : null;
  }

  /** The window the operator is at: the focused one, else the first shown. */
  const frontWindow = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows().find((win) => win.isVisible()) ?? BrowserWindow.getAllWindows()[0];

  function failedToOpen(err: unknown): void {
    // Never a blank window: say what happened and what to do, and leave the file untouched.
    const message = err instanceof DatabaseOpenError ? messageFor(err.code, err.params) : `${(err as Error).message}\n\n${messageFor('error.corrupt', {})}`;
    logger.error('core failed to open', { error: String(err) });
    dialog.showErrorBox('Beacon', `${message}\n\n${dataDir}`);
    app.exit(1);
  }

  const settings = createFileSettingsStore(settingsFile, (keptAs) => logger.error('settings file damaged; defaults restored', { keptAs }));
  const secrets = createElectronSecretStore((error) => logger.error('secrets unreadable: re-enter hub passwords on the sync screen; the post key must be given again by hand', { error: String(error) }));
  // Backups from outside are read in a utility process of their own, never on the core's threads.
  const inspector = utilityInspector();
  const host: Host = createHost({
    log: logger,
    isOwnFrame,
    onFatal: failedToOpen,
    open: () => openCore({ dataDir, settings, log: logger, files: createFileChooser(windowOf, (s) => host.languageOf(s)), secrets, inspector }),
    whenDamaged: (error) => damagedConsole({ dataDir, settings, error, now: () => Date.now(), log: logger, inspector }),
    printer: {
      print: (id, approved) => {
        const contents = webContents.fromId(id);
        return printSummary(contents ? BrowserWindow.fromWebContents(contents) : null, approved.period, approved.pdf,
          (hash) => createWindow(hash, id, false));
      },
    },
  });

  /** The menu speaks the language of the operator at the window in front; rebuilt only when that changes. */
  async function refreshMenu(): Promise<void> {
    const front = frontWindow();
    const own = front ? host.sessionOf(front.webContents.id) : undefined;
    const language = own ? await host.languageOf(own) : settings.read().language;
    if (language === menuLanguage) return;
    menuLanguage = language;
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language, {
      openWindow: () => createWindow(),
      openWall: () => {
        const opener = frontWindow();
        if (opener) createWindow('#/wall', opener.webContents.id).setFullScreen(true);
      },
    })));
  }
  /** At most one rebuild queued, however many windows hear the same change. */
  function menuFollows(): void {
    if (menuQueued) return;
    menuQueued = true;
    setImmediate(() => {
      menuQueued = false;
      refreshMenu().catch((err: unknown) => logger.error('menu not rebuilt', { error: String(err) }));
    });
  }

  async function start(): Promise<void> {
    try {
      await host.start();
    } catch (err) {
      failedToOpen(err);
      return;
    }
    ipcMain.handle('ops:invoke', async (event, channel: unknown, input: unknown) => {
      const result = await host.invoke(event.sender.id, event.senderFrame?.url ?? '', channel, input);
      // Signing in, out or unlocking, and a restore, change whose language the menu speaks without a change event.
      if (typeof channel === 'string' && (channel.startsWith('session.') || channel === 'setup.complete' || channel === 'backup.restore')) menuFollows();
      return result;
    });
    hardenSession();
    createWindow();
    await refreshMenu();
  }

  app.enableSandbox();
  /**
   * Native date and time fields follow Chromium's locale, not the page's language: English
   * consoles get day/month/year and the 24-hour clock (en-GB), Arabic ones Arabic. Read from the
   * post's default language before the app is ready; damage is left for the store to report.
   */
  app.commandLine.appendSwitch('lang', storedLanguage(settingsFile) === 'ar' ? 'ar' : 'en-GB');
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('second-instance', () => {
    const first = frontWindow();
    if (!first) return;
    if (first.isMinimized()) first.restore();
    first.focus();
  });
  app.on('browser-window-focus', menuFollows);
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('will-quit', (event) => {
    // Electron does not wait for a promise: the quit is held until the database is closed cleanly.
    if (closed) return;
    event.preventDefault();
    closed = true;
    host.close().catch((err: unknown) => logger.error('database not closed cleanly', { error: String(err) })).finally(() => app.quit());
  });
  return app.whenReady().then(start);
}

// Only inside Electron: imported elsewhere (the tests), this module starts nothing.
if (process.versions.electron !== undefined) void startShell();
