// The Electron shell: lifecycle, the window, IPC wiring, security. Everything that owns
// data lives in electron/core, and everything around it that every shell shares in
// electron/host; neither knows Electron.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, webContents, type WebContents } from 'electron';
import { printSummary } from './printing';
import { createElectronSecretStore } from './secrets';
import { createFileChooser } from './backupDialogs';
import { openCore, type Session } from './core';
import { createFileLog, createHost, CSP, type ClientId } from './host';
import { DatabaseOpenError } from './core/db/migrations';
import Store from 'electron-store';
import { createElectronSettingsStore } from './settings/electronSettingsStore';
import { parseSettings } from './core/settings/fileSettingsStore';
import type { SettingsStore } from './core/settings/settingsStore';
import type { SecretStore } from './core/secrets/secretStore';
import { messageFor } from './cli/messages';

const here = dirname(fileURLToPath(import.meta.url));
const RENDERER_INDEX = join(here, '../renderer/index.html');
const RENDERER_URL = pathToFileURL(RENDERER_INDEX).href;
const DEV_SERVER = process.env.VITE_DEV_SERVER_URL;

const dataDir = process.env.BEACON_DATA_DIR ?? join(app.getPath('userData'), 'data');
const logger = createFileLog(dataDir);
const log = (level: 'error' | 'info', message: string, context?: Record<string, unknown>) => logger[level](message, context);

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
  const contents = win.webContents;
  host.attach(id, { send: (event) => contents.send('ops:change', event), reload: () => contents.reload() }, shareSessionOf);
  win.on('closed', () => host.detach(id));
  if (visible) win.once('ready-to-show', () => win.show());
  if (DEV_SERVER) void win.loadURL(`${DEV_SERVER}${hash}`);
  else void win.loadFile(RENDERER_INDEX, hash ? { hash: hash.replace(/^#/, '') } : undefined);
  return win;
}

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

function windowOf(own: Session): BrowserWindow | null {
  const id = host.clientOf(own);
  const contents = id !== undefined ? webContents.fromId(id) : undefined;
  return contents ? BrowserWindow.fromWebContents(contents) : null;
}

function failedToOpen(err: unknown): void {
  // Never a blank window: say what happened and what to do, and leave the file untouched.
  const message = err instanceof DatabaseOpenError ? messageFor(err.code, err.params) : `${(err as Error).message}\n\n${messageFor('error.corrupt', {})}`;
  log('error', 'core failed to open', { error: String(err) });
  dialog.showErrorBox('Beacon', `${message}\n\n${dataDir}`);
  app.exit(1);
}

let settings: SettingsStore | undefined;
let secrets: SecretStore | undefined;

const host = createHost({
  log: logger,
  isOwnFrame,
  onFatal: failedToOpen,
  open: () => {
    // Made once, when the app is ready; a restore reopens the core on the same stores.
    settings ??= createElectronSettingsStore((keptAs) => log('error', 'settings file damaged; defaults restored', { keptAs }));
    secrets ??= createElectronSecretStore((error) => log('error', 'secrets unreadable: re-enter hub passwords on the sync screen; the post key must be given again by hand', { error: String(error) }));
    return openCore({ dataDir, settings, log: logger, files: createFileChooser(windowOf, (s) => host.languageOf(s)), secrets });
  },
  printer: {
    print: (id: ClientId, approved) => {
      const contents = webContents.fromId(id);
      return printSummary(contents ? BrowserWindow.fromWebContents(contents) : null, approved.period, approved.pdf,
        (hash) => createWindow(hash, id, false));
    },
  },
});

async function start(): Promise<void> {
  try {
    await host.start();
  } catch (err) {
    failedToOpen(err);
    return;
  }
  ipcMain.handle('ops:invoke', (event, channel: unknown, input: unknown) =>
    host.invoke(event.sender.id, event.senderFrame?.url ?? '', channel, input));
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
  app.on('will-quit', () => void host.close());
  void app.whenReady().then(start);
}
