// A stand-in for the `electron` module, so the Electron shell (electron/main.ts) runs in plain
// Node on every test run. It keeps what the shell relies on: windows and their web contents,
// ipcMain.handle with the sender and its frame, dialogs, printing, safeStorage, app events,
// the menu. Where real Electron throws (a destroyed window, a second handler) it throws too.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const destroyedError = () => new TypeError('Object has been destroyed');

/** What the test sees and steers; reset() before each test. */
export const fake = {
  userData: '',
  holdsLock: true,
  quitRequested: false,
  exitCode: null as number | null,
  switches: new Map<string, string | undefined>(),
  errorBoxes: [] as { title: string; content: string }[],
  menu: null as unknown[] | null,
  menusBuilt: 0,
  focused: null as FakeBrowserWindow | null,
  /** The file the operator picks in the next dialog (null: cancelled), or a promise of it. */
  nextFile: null as string | null | Promise<string | null>,
  dialogs: [] as { kind: 'save' | 'open'; parent: FakeBrowserWindow | null; options: Record<string, unknown> }[],
  printAnswer: { success: true, reason: '' },
  /** Called when a page is asked whether it has rendered (the print route); true by default. */
  onExecute: null as ((contents: FakeWebContents) => Promise<unknown>) | null,
  headersHandler: null as ((details: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null,
  requestFilter: null as ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null,
  permissionRequest: null as ((contents: unknown, permission: string, cb: (granted: boolean) => void) => void) | null,
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  windows: [] as FakeBrowserWindow[],
  /** The scripts started with utilityProcess.fork, in order. */
  utilityForks: [] as string[],

  reset(userData: string): void {
    Object.assign(fake, {
      userData, holdsLock: true, quitRequested: false, exitCode: null, menu: null, menusBuilt: 0, focused: null, nextFile: null,
      printAnswer: { success: true, reason: '' }, onExecute: null, headersHandler: null, requestFilter: null, permissionRequest: null,
    });
    fake.switches.clear();
    fake.errorBoxes.length = 0;
    fake.dialogs.length = 0;
    fake.handlers.clear();
    fake.windows.length = 0;
    fake.utilityForks.length = 0;
    app.removeAllListeners();
  },

  /** What the renderer's `window.ops.invoke` does through the preload: ipcRenderer.invoke('ops:invoke', …). */
  invoke(win: FakeBrowserWindow, channel: unknown, input: unknown, frameUrl: string | null = win.webContents.getURL()): Promise<unknown> {
    const handler = fake.handlers.get('ops:invoke');
    if (!handler) throw new Error('no ops:invoke handler');
    const event = { sender: win.webContents, senderFrame: frameUrl === null ? null : { url: frameUrl } };
    return Promise.resolve(handler(event, channel, input));
  },
};

export class FakeWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  url = '';
  destroyed = false;
  sent: { channel: string; payload: unknown }[] = [];
  reloads = 0;
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  pdfOptions: unknown = null;

  private alive(): void {
    if (this.destroyed) throw destroyedError();
  }
  getURL(): string {
    this.alive();
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, payload: unknown): void {
    this.alive();
    this.sent.push({ channel, payload });
  }
  reload(): void {
    this.alive();
    this.reloads += 1;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  executeJavaScript(): Promise<unknown> {
    this.alive();
    return fake.onExecute ? fake.onExecute(this) : Promise.resolve(true);
  }
  printToPDF(options: unknown): Promise<Buffer> {
    this.alive();
    this.pdfOptions = options;
    return Promise.resolve(Buffer.from(`%PDF-1.4 stand-in for ${this.url}`));
  }
  print(_options: unknown, callback: (success: boolean, reason: string) => void): void {
    this.alive();
    setImmediate(() => callback(fake.printAnswer.success, fake.printAnswer.reason));
  }
  /** What Electron does when the page tries to navigate: the listeners may prevent it. */
  tryNavigate(url: string): boolean {
    let prevented = false;
    this.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
    return !prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  destroyed = false;
  visible = false;
  minimized = false;
  fullScreen = false;

  constructor(readonly options: { show?: boolean; webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    fake.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return fake.windows.filter((w) => !w.destroyed);
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return fake.focused && !fake.focused.destroyed ? fake.focused : null;
  }
  static fromWebContents(contents: FakeWebContents): FakeBrowserWindow | null {
    return fake.windows.find((w) => w.webContents === contents && !w.destroyed) ?? null;
  }
  private alive(): void {
    if (this.destroyed) throw destroyedError();
  }
  loadFile(path: string, options?: { hash?: string }): Promise<void> {
    this.alive();
    this.webContents.url = pathToFileURL(path).href + (options?.hash ? `#${options.hash}` : '');
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.alive();
    this.webContents.url = url;
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show(): void {
    this.alive();
    this.visible = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.alive();
    fake.focused = this;
    app.emit('browser-window-focus', {}, this);
  }
  setFullScreen(on: boolean): void {
    this.alive();
    this.fullScreen = on;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The operator closes the window (or Electron destroys it): 'closed' once, then every use throws. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
  close(): void {
    this.destroy();
  }
}

class FakeApp extends EventEmitter {
  commandLine = { appendSwitch: (name: string, value?: string) => void fake.switches.set(name, value) };
  getPath(name: string): string {
    const dir = name === 'userData' ? fake.userData : join(fake.userData, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  requestSingleInstanceLock(): boolean {
    return fake.holdsLock;
  }
  enableSandbox(): void {}
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  /** As Electron: 'will-quit' may be prevented (the shell closes the database first). */
  quit(): void {
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) fake.quitRequested = true;
  }
  exit(code: number): void {
    fake.exitCode = code;
  }
}

export const app = new FakeApp();
export const BrowserWindow = FakeBrowserWindow;
export const webContents = {
  fromId: (id: number) => fake.windows.map((w) => w.webContents).find((c) => c.id === id && !c.destroyed),
};
export const ipcMain = {
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    if (fake.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    fake.handlers.set(channel, handler);
  },
};

async function answer(kind: 'save' | 'open', parentOrOptions: unknown, maybeOptions?: Record<string, unknown>) {
  const parent = parentOrOptions instanceof FakeBrowserWindow ? parentOrOptions : null;
  if (parent?.destroyed) throw destroyedError();
  const options = (parent ? maybeOptions : parentOrOptions) as Record<string, unknown>;
  fake.dialogs.push({ kind, parent, options });
  return fake.nextFile;
}
export const dialog = {
  async showSaveDialog(parentOrOptions: unknown, options?: Record<string, unknown>) {
    const file = await answer('save', parentOrOptions, options);
    return file === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: file };
  },
  async showOpenDialog(parentOrOptions: unknown, options?: Record<string, unknown>) {
    const file = await answer('open', parentOrOptions, options);
    return file === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [file] };
  },
  showErrorBox(title: string, content: string): void {
    fake.errorBoxes.push({ title, content });
  },
};
export const Menu = {
  buildFromTemplate: (template: unknown[]) => ({ template }),
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    fake.menu = menu?.template ?? null;
    fake.menusBuilt += 1;
  },
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler: typeof fake.permissionRequest) => void (fake.permissionRequest = handler),
    setPermissionCheckHandler: () => undefined,
    webRequest: {
      onBeforeRequest: (handler: typeof fake.requestFilter) => void (fake.requestFilter = handler),
      onHeadersReceived: (handler: typeof fake.headersHandler) => void (fake.headersHandler = handler),
    },
  },
};
/** Sealed the way a keyring would: not readable as the plain text. */
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (plain: string) => Buffer.from(`sealed:${Buffer.from(plain).toString('base64')}`),
  decryptString: (sealed: Buffer) => Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'base64').toString(),
};

/**
 * A utility process as Electron starts one, played by a Node fork of the same script: messages
 * go over the fork's IPC channel (the inspector answers on process.send when it has no parentPort).
 */
export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: { execArgv?: string[] } = {}) {
    fake.utilityForks.push(modulePath);
    const child = fork(modulePath, args, { execArgv: options.execArgv ?? [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'json' });
    const handle = new EventEmitter() as EventEmitter & { pid: number | undefined; postMessage(message: unknown): void; kill(): boolean };
    handle.pid = child.pid;
    handle.postMessage = (message) => void child.send(message as object);
    handle.kill = () => child.kill('SIGTERM');
    child.on('spawn', () => handle.emit('spawn'));
    child.on('message', (message) => handle.emit('message', message));
    child.on('exit', (code) => handle.emit('exit', code ?? 1));
    return handle;
  },
};

export default { app, BrowserWindow, webContents, ipcMain, dialog, Menu, session, safeStorage, utilityProcess };
