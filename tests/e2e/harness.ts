// Joins the built renderer to a real core without Electron (ARCHITECTURE.md, "Testing
// without an Electron binary"): the core runs in this process on a real SQLite file, the
// renderer in Chromium, and window.ops forwards every call through exposeBinding exactly as
// the preload forwards it over IPC. Change events come back the same way.
import { createReadStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { test as base, chromium, type Browser, type Page } from '@playwright/test';
import type { ChangeEvent, Output, Result } from '../../shared/api';
import { openCore, restoreInPlace, type Core, type FileChooser } from '../../electron/core';
import { createFileSettingsStore } from '../../electron/core/settings/fileSettingsStore';
import type { Language } from '../../shared/domain';

const RENDERER = resolve('dist/renderer');
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
};

export function serveRenderer(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build` first');
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    const file = resolve(RENDERER, path || 'index.html');
    if (!file.startsWith(RENDERER) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    ok({ url: `http://127.0.0.1:${port}/index.html`, close: () => new Promise((done) => server.close(() => done())) });
  }));
}

/**
 * Chromium with its own UI in `language`, as Electron's `--lang` gives the app (electron/main.ts):
 * native date fields then read dd/mm/yyyy or يوم/شهر/سنة, not the American default. On Linux
 * Chromium takes its locale from the environment, and needs Debian's chromium-l10n for Arabic.
 */
export function launchChromium(language: Language = 'en'): Promise<Browser> {
  const locale = language === 'ar' ? 'ar' : 'en_GB';
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    env: { ...process.env, LANGUAGE: locale, LANG: `${locale}.UTF-8` },
  });
}

export interface Beacon {
  core: Core;
  dataDir: string;
  page: Page;
  /** Closes the core and opens a new one on the same folder; the page is reloaded. */
  restartCore(): Promise<void>;
  /** The file the next file dialog answers (null: the administrator cancels), as Electron's dialog would in main. */
  chooseFile(path: string | null): void;
  /** The name the core last suggested in a save dialog. */
  readonly suggestedName: string | null;
}

/** Stands in for Electron's file dialogs (electron/backupDialogs.ts): the test says what the user picks. */
function harnessFileChooser() {
  const state = { next: null as string | null, suggested: null as string | null };
  const files: FileChooser = {
    saveBackup: async (_session, suggestedName) => {
      state.suggested = suggestedName;
      return state.next;
    },
    openBackup: async () => state.next,
    saveBundle: async (_session, suggestedName) => {
      state.suggested = suggestedName;
      return state.next;
    },
    openBundle: async () => state.next,
    savePostKey: async (_session, suggestedName) => {
      state.suggested = suggestedName;
      return state.next;
    },
    openPostKey: async () => state.next,
    saveExport: async (_session, suggestedName) => {
      state.suggested = suggestedName;
      return state.next;
    },
  };
  return { files, state };
}

/**
 * Wires a page to a core: one session per page, as one window has one in the app. `restore`
 * does the shell's half of an approved `backup.restore`, as electron/main.ts does.
 */
export async function connect(
  page: Page,
  core: () => Core,
  restore?: (approved: Output<'backup.restore'>) => Promise<Result<Output<'backup.restore'>>>,
): Promise<() => void> {
  let session = core().createSession();
  let unsubscribe = core().onChange((event) => void emit(event));
  async function emit(event: ChangeEvent) {
    await page.evaluate((e) => (globalThis as unknown as { __opsEmit?: (e: ChangeEvent) => void }).__opsEmit?.(e), event).catch(() => undefined);
  }
  const renew = (signOut = true) => {
    unsubscribe();
    if (signOut) session = core().createSession();
    unsubscribe = core().onChange((event) => void emit(event));
  };
  // Answers cross as JSON text: Playwright's own serialisation of a page of 100 queue rows
  // cost the page tens of milliseconds, a harness cost Electron's IPC does not have.
  await page.exposeBinding('__opsInvoke', async (_source, channel: string, input: string | undefined) => {
    const result = await core().invoke(session, channel as never, input === undefined ? undefined : JSON.parse(input));
    if (channel !== 'backup.restore' || !result.ok || !restore) return JSON.stringify(result);
    const outcome = await restore(result.value as Output<'backup.restore'>);
    // A new core either way; its operators are the restored database's only when it worked.
    renew(outcome.ok);
    return JSON.stringify(outcome);
  });
  await page.addInitScript(() => {
    const listeners = new Set<(e: unknown) => void>();
    const w = globalThis as unknown as Record<string, unknown>;
    w.__opsEmit = (e: unknown) => listeners.forEach((l) => l(e));
    w.ops = Object.freeze({
      invoke: async (channel: string, input: unknown) =>
        JSON.parse(await (w.__opsInvoke as (c: string, i: string | undefined) => Promise<string>)(channel, input === undefined ? undefined : JSON.stringify(input))) as unknown,
      onChange: (listener: (e: unknown) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
  });
  return () => renew();
}

export async function openTestCore(dataDir: string, files?: FileChooser): Promise<Core> {
  return openCore({ dataDir, settings: createFileSettingsStore(join(dataDir, 'settings.json')), checkOutputs: true, safetyCopies: false, ...(files ? { files } : {}) });
}

const quiet = { error: () => undefined, info: () => undefined };

export const test = base.extend<{ beacon: Beacon; language: Language }, { renderer: { url: string }; browserInstance: Browser; browserFor: (language: Language) => Promise<Browser> }>({
  /** The language of Chromium's own UI for this test (see `testIn`). */
  language: ['en', { option: true }],
  renderer: [async ({}, use) => {
    const server = await serveRenderer();
    await use(server);
    await server.close();
  }, { scope: 'worker' }],
  /** One Chromium per UI language a worker needs, started when first asked for. */
  browserFor: [async ({}, use) => {
    const started = new Map<Language, Promise<Browser>>();
    await use((language) => {
      if (!started.has(language)) started.set(language, launchChromium(language));
      return started.get(language)!;
    });
    for (const browser of started.values()) await (await browser).close();
  }, { scope: 'worker' }],
  browserInstance: [async ({ browserFor }, use) => {
    await use(await browserFor('en'));
  }, { scope: 'worker' }],
  beacon: async ({ renderer, browserFor, language }, use) => {
    const browserInstance = await browserFor(language);
    const dataDir = mkdtempSync(join(tmpdir(), 'beacon-e2e-'));
    const chooser = harnessFileChooser();
    let core = await openTestCore(dataDir, chooser.files);
    const context = await browserInstance.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    const reconnect = await connect(page, () => core, async (approved) => {
      const done = await restoreInPlace(core, approved, () => openTestCore(dataDir, chooser.files), quiet);
      core = done.core;
      return done.result;
    });
    await page.goto(renderer.url);
    await use({
      get core() { return core; },
      dataDir,
      page,
      async restartCore() {
        await core.close();
        core = await openTestCore(dataDir, chooser.files);
        reconnect();
        await page.reload();
      },
      chooseFile(path) {
        chooser.state.next = path;
      },
      get suggestedName() { return chooser.state.suggested; },
    });
    await context.close();
    await core.close();
  },
});

/** `test` in a browser whose own UI (native date fields) is in `language`, as the app's would be. */
export function testIn(language: Language) {
  return test.extend({ language });
}

/** Signs in through the sign-in screen, in whatever language it shows. */
export async function signIn(page: Page, t: (key: 'signIn.name' | 'signIn.pin') => string, name = 'Rania Haddad', pin = '2468'): Promise<void> {
  await page.reload();
  await page.getByLabel(t('signIn.name')).fill(name);
  await page.getByLabel(t('signIn.pin')).fill(pin);
  await page.keyboard.press('Enter');
}

export { expect } from '@playwright/test';
