// What `npm start` runs (scripts/start.mjs, after the build): Electron's window where its
// binary is installed and there is a display, else the browser host with the system's
// Chromium, Chrome or Edge as an app window, else (no display) the address to open. One line
// says which and why. Nothing is downloaded here, so nothing can hang on a network.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageFor } from '../cli/messages';
import { DatabaseOpenError } from '../core/db/migrations';
import { defaultDataDir, userDataDir } from './dataDir';
import { adoptElectronStoreSettings } from './legacySettings';
import { findBrowser } from './browser/findBrowser';
import { makePdf } from './browser/pdf';
import { startBrowserHost, type BrowserHost } from './browser/server';

type Say = (key: string, params?: Record<string, string | number>) => void;
const say: Say = (key, params = {}) => console.log(messageFor(`host.${key}`, params));
const fail: Say = (key, params = {}) => console.error(messageFor(`host.${key}`, params));

/**
 * The Electron binary the installed `electron` package points at, or null. Read from the
 * package's path.txt rather than require('electron'), which would start an unbounded download.
 */
export function electronBinary(root: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const overridden = join(env.ELECTRON_OVERRIDE_DIST_PATH, name || 'electron');
    return existsSync(overridden) ? overridden : null;
  }
  const binary = join(pkg, 'dist', name);
  return name && existsSync(binary) ? binary : null;
}

/** How long `npm start` gives Electron's own installer to fetch its binary before the fallback. */
export const ELECTRON_FETCH_MS = 20_000;

/** Runs the electron package's installer, bounded in time; true when the binary then exists. */
export function fetchElectron(root: string, timeoutMs = ELECTRON_FETCH_MS): Promise<boolean> {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', () => resolve(false));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 && electronBinary(root) !== null);
    });
  });
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export type ShellChoice =
  | { shell: 'electron' | 'browser'; because: string; params?: Record<string, string> }
  | { error: string; params?: Record<string, string> };

export function chooseShell(env: NodeJS.ProcessEnv, electron: string | null, display: boolean): ShellChoice {
  const asked = env.BEACON_SHELL;
  if (asked === 'browser') return { shell: 'browser', because: 'becauseChosen', params: { shell: asked } };
  if (asked === 'electron') return electron ? { shell: 'electron', because: 'becauseChosen', params: { shell: asked } } : { error: 'noElectron' };
  if (asked) return { error: 'badShell', params: { shell: asked } };
  if (!electron) return { shell: 'browser', because: 'becauseNoElectron' };
  if (!display) return { shell: 'browser', because: 'becauseNoDisplay' };
  return { shell: 'electron', because: 'becauseElectronPresent' };
}

/** BEACON_PORT, else 0 (a free port); undefined when it is not a port number. */
export function portFrom(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.BEACON_PORT;
  if (raw === undefined || raw === '') return 0;
  const port = Number(raw);
  return /^\d+$/.test(raw) && port >= 1 && port <= 65535 ? port : undefined;
}

function runElectron(binary: string, root: string): void {
  const child = spawn(binary, [root], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function runBrowser(root: string, env: NodeJS.ProcessEnv, display: boolean): Promise<void> {
  const port = portFrom(env);
  if (port === undefined) {
    fail('badPort', { port: env.BEACON_PORT ?? '' });
    process.exit(2);
  }
  const rendererDir = join(root, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    fail('noRenderer');
    process.exit(1);
  }
  const browser = findBrowser(env);
  let starting: Promise<BrowserHost> | null = null;
  let stopping = false;
  let window: ChildProcess | null = null;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    window?.kill();
    // Ctrl+C while the database opens: it is closed as soon as it is open, never left half-done.
    await (await starting?.catch(() => null))?.close();
    say('stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));
  let served: BrowserHost;
  try {
    // Settings live in the data folder for every shell (<data>/settings.json); a console set up
    // by an older Electron build (electron-store's file in the user-data folder) is carried over once.
    if (!env.BEACON_DATA_DIR) adoptElectronStoreSettings(join(userDataDir(env), 'settings.json'), join(defaultDataDir(env), 'settings.json'), defaultDataDir(env));
    served = await (starting = startBrowserHost({
      dataDir: defaultDataDir(env),
      rendererDir,
      port,
      ...(browser ? { makePdf: (url: string, cookie: { name: string; value: string }) => makePdf(browser, url, cookie) } : {}),
      onFatal: (error) => {
        console.error(String(error));
        void stop(1);
      },
    }));
  } catch (err) {
    // The database would not open: said as the Electron shell says it, with the folder; the file is left untouched.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') fail('cannotListen', { port, error: (err as Error).message });
    else if (err instanceof DatabaseOpenError) console.error(`${messageFor(err.code, err.params)}\n${defaultDataDir(env)}`);
    else console.error(`${(err as Error).message}\n${messageFor('error.corrupt', {})}\n${defaultDataDir(env)}`);
    process.exit(1);
  }
  if (stopping) return;
  if (!display || !browser) {
    say(display ? 'noBrowser' : 'noDisplay', { url: served.url });
    return;
  }
  // Its own profile: the console's window never mixes with the operator's browsing, and closing it ends Beacon.
  window = spawn(browser, [`--app=${served.url}`, `--user-data-dir=${join(userDataDir(env), 'browser-profile')}`, '--no-first-run', '--no-default-browser-check'], { stdio: 'ignore' });
  const url = served.url;
  // Closed by the operator: Beacon stops. Failed to start (or crashed): the address is said and Beacon keeps serving.
  window.on('exit', (code) => (code === 0 ? void stop(0) : say('browserFailed', { browser, url })));
  window.on('error', () => say('browserFailed', { browser, url }));
  say('opened', { browser, url: served.origin });
}

export async function launch(root: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const display = hasDisplay(env);
  let electron = electronBinary(root, env);
  const asked = env.BEACON_SHELL;
  if (!electron && display && (asked === undefined || asked === '' || asked === 'electron')) {
    say('fetchingElectron', { seconds: ELECTRON_FETCH_MS / 1000 });
    if (await fetchElectron(root)) electron = electronBinary(root, env);
  }
  const choice = chooseShell(env, electron, display);
  if ('error' in choice) {
    fail(choice.error, choice.params);
    process.exit(2);
  }
  const reason = messageFor(`host.${choice.because}`, choice.params ?? {});
  say(choice.shell === 'electron' ? 'shellElectron' : 'shellBrowser', { reason });
  if (choice.shell === 'electron' && electron) runElectron(electron, root);
  else await runBrowser(root, env, display);
}
