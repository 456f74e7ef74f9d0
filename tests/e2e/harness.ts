// Joins the built renderer to a real core through the real browser host (electron/host/
// browser): the core runs in this process on a real SQLite file behind the host's HTTP server
// and WebSocket, the renderer in Chromium talks to it exactly as a user's browser would. Only
// the file dialogs may be answered by the test (`chooseFile`), as a stand-in for the operator.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { openCore, type Core, type FileChooser } from '../../electron/core';
import { createFileSettingsStore } from '../../electron/core/settings/fileSettingsStore';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser/server';
import type { Language } from '../../shared/domain';

const RENDERER = resolve('dist/renderer');
const quiet = { error: () => undefined, info: () => undefined };

/**
 * The browser host on a data folder, its core opened as tests open it. `core` serves an
 * already open core instead (a second console in one test); closing it twice is harmless.
 */
export function startTestHost(dataDir: string, options: { files?: FileChooser; core?: Core } = {}): Promise<BrowserHost> {
  let given = options.core ? closeOnce(options.core) : null;
  return startBrowserHost({
    dataDir,
    rendererDir: RENDERER,
    log: quiet,
    ...(options.files ? { files: options.files } : {}),
    open: async (files) => {
      const first = given;
      given = null;
      return first ?? openTestCore(dataDir, files);
    },
  });
}

function closeOnce(core: Core): Core {
  let closing: Promise<void> | null = null;
  const close = core.close.bind(core);
  core.close = () => (closing ??= close());
  return core;
}

/** A window on `served`: the page opens the host's address with its secret, as the launcher's window does. */
export async function openWindow(context: BrowserContext, served: { url: string }): Promise<Page> {
  const page = await context.newPage();
  await page.goto(served.url);
  return page;
}

/** Serves an open core (a second console) to a new window in `context`; the host closes with the context's test. */
export async function serve(context: BrowserContext, core: Core): Promise<{ page: Page; host: BrowserHost }> {
  const host = await startTestHost(core.dataDir, { core });
  context.once('close', () => void host.close());
  return { page: await openWindow(context, host), host };
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
  /** The console's page, once the window holds the host's cookie (`${url}?locale=pseudo` works). */
  url: string;
  /** The browser host the page talks to. */
  host: BrowserHost;
  /** Another window on the same host (a new session), in `context` or the page's own. */
  openWindow(context?: BrowserContext): Promise<Page>;
  /** Closes the core and opens a new one on the same folder; the page is reloaded. */
  restartCore(): Promise<void>;
  /** The file the next file dialog answers (null: the administrator cancels), as Electron's dialog would in main. */
  chooseFile(path: string | null): void;
  /** The name the core last suggested in a save dialog. */
  readonly suggestedName: string | null;
}

/** Stands in for the operator at a file dialog: the test says what the user picks. */
function harnessFileChooser() {
  const state = { next: null as string | null, suggested: null as string | null };
  const save = async (_session: unknown, suggestedName: string) => {
    state.suggested = suggestedName;
    return state.next;
  };
  const open = async () => state.next;
  const files: FileChooser = { saveBackup: save, openBackup: open, saveBundle: save, openBundle: open, savePostKey: save, openPostKey: open, saveExport: save };
  return { files, state };
}

export async function openTestCore(dataDir: string, files?: FileChooser): Promise<Core> {
  return openCore({ dataDir, settings: createFileSettingsStore(join(dataDir, 'settings.json')), checkOutputs: true, safetyCopies: false, ...(files ? { files } : {}) });
}

export const test = base.extend<{ beacon: Beacon; language: Language; renderer: { url: string } }, { browserInstance: Browser; browserFor: (language: Language) => Promise<Browser> }>({
  /** The language of Chromium's own UI for this test (see `testIn`). */
  language: ['en', { option: true }],
  /** The console's page on this test's host (kept for specs that name it). */
  renderer: async ({ beacon }, use) => {
    await use({ url: beacon.url });
  },
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
  beacon: async ({ browserFor, language }, use) => {
    const browserInstance = await browserFor(language);
    const dataDir = mkdtempSync(join(tmpdir(), 'beacon-e2e-'));
    const chooser = harnessFileChooser();
    const served = await startTestHost(dataDir, { files: chooser.files });
    const context = await browserInstance.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    const page = await openWindow(context, served);
    await use({
      get core() { return served.host.core!; },
      dataDir,
      page,
      url: `${served.origin}/index.html`,
      host: served,
      openWindow: (other = context) => openWindow(other, served),
      async restartCore() {
        await served.host.reopen();
        await page.reload();
      },
      chooseFile(path) {
        chooser.state.next = path;
      },
      get suggestedName() { return chooser.state.suggested; },
    });
    await context.close();
    await served.close();
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
