// The console on a machine cut off from everything: every request that is not the app's own
// files is refused and written down before the first page loads, and the operator still
// walks through every screen. Nothing is refused because nothing asked to go out: no web
// font, no analytics, no map tiles, no update check. Fonts are the bundled @fontsource files.
// One language is enough for this check; Arabic loads the most (the Arabic font's files).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createTranslator } from '../../shared/i18n';
import { expect, openTestCore, startTestHost, test } from './harness';

const language = 'ar';
const t = createTranslator(language);

test(`with the network cut off every screen works and nothing asks to leave the machine (${language})`, async ({ browserFor }) => {
  const browserInstance = await browserFor(language);
  const dataDir = mkdtempSync(join(tmpdir(), 'beacon-e2e-offline-'));
  const core = await openTestCore(dataDir);
  const served = await startTestHost(dataDir, { core });
  const host = new URL(served.origin).host; // the browser host on 127.0.0.1: its pages and its WebSocket
  const isLocal = (url: string) => url.startsWith('data:') || url.startsWith('blob:') || new URL(url).host === host;
  const context = await browserInstance.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  try {
    // Installed before anything loads: only the app's own files pass, everything else is refused and noted.
    const refused: string[] = [];
    const requested: string[] = [];
    const problems: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      refused.push(url);
      return route.abort('blockedbyclient');
    });
    await context.routeWebSocket((url) => !isLocal(url.href), (ws) => {
      refused.push(`websocket ${ws.url()}`);
      return ws.close();
    });
    context.on('request', (request) => requested.push(request.url()));
    context.on('serviceworker', (worker) => problems.push(`a service worker started: ${worker.url()}`));

    const page = await context.newPage();
    context.on('page', (opened) => problems.push(`another page opened: ${opened.url()}`)); // window.open, a popup
    page.on('websocket', (ws) => { if (!isLocal(ws.url())) refused.push(`websocket ${ws.url()}`); });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => { if (message.type() === 'error') problems.push(`console error: ${message.text()}`); });
    page.on('requestfailed', (request) => { if (isLocal(request.url())) problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`); });

    const setup = await core.invoke(core.createSession(), 'setup.complete', {
      post: { name: 'مركز عمليات اللاذقية', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
      operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: true,
    });
    expect(setup.ok).toBe(true);
    await page.goto(served.url);
    await page.getByLabel(t('signIn.name')).fill('Rania Haddad');
    await page.getByLabel(t('signIn.pin')).fill('2468');
    await page.keyboard.press('Enter');

    const main = page.getByRole('main');
    const nav = page.getByRole('navigation', { name: t('nav.main') });
    const visited = new Set<string>();
    async function open(name: string) {
      await nav.getByRole('link', { name, exact: true }).click();
      visited.add(name);
    }
    async function heading(name: string, level = 1) {
      await expect(main).toBeVisible();
      await expect(main.getByRole('heading', { level, name, exact: true }).first()).toBeVisible();
      await noErrorShown(page);
    }

    // Queues and the team board, with the demo data in them.
    await open(t('nav.queues'));
    await expect(main.getByRole('region', { name: t('queue.title') })).toBeVisible();
    const rows = main.getByRole('listbox', { name: t('queue.rows') }).getByRole('option');
    await expect(rows.first()).toBeVisible();
    await heading(t('teams.board'), 2);

    // An incident: the first row of the waiting queue.
    await rows.first().dblclick();
    await expect(main.getByRole('heading', { level: 1, name: new RegExp(t('incident.title', { number: '' }).trim()) })).toBeVisible();
    await heading(t('dispatch.title'), 2);
    await open(t('nav.queues'));
    await expect(rows.first()).toBeVisible();

    // Intake from anywhere (F2), closed again with Escape.
    await page.keyboard.press('F2');
    const intake = page.getByRole('dialog', { name: t('intake.title') });
    await expect(intake.getByRole('heading', { name: t('intake.title') })).toBeVisible();
    await noErrorShown(page);
    await page.keyboard.press('Escape');
    await expect(intake).toBeHidden();

    await open(t('nav.roster'));
    await heading(t('roster.title'));

    await open(t('nav.organisation'));
    await heading(t('organisation.title'));

    await open(t('nav.stats'));
    await heading(t('stats.title'));
    await expect(main.locator('.recharts-bar-rectangle').first()).toBeVisible();

    // The import screen is reached from the statistics.
    await main.getByRole('link', { name: t('import.link') }).click();
    await expect(page).toHaveURL(/#\/import$/);
    await heading(t('import.title'));

    await open(t('nav.summary'));
    await heading(t('nav.summary'));
    await expect(main.getByRole('article').first()).toBeVisible(); // the summary document itself
    await noErrorShown(page);

    await open(t('nav.audit'));
    await heading(t('audit.title'));

    // Any section added to the menu since this test was written: it opens, has its title, shows no error.
    const known = new Set([...visited, t('nav.wall')]);
    for (const name of await nav.getByRole('link').allInnerTexts()) {
      if (known.has(name.trim())) continue;
      await open(name.trim());
      await expect(main.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await noErrorShown(page);
    }

    // The wall display replaces the console; history brings it back.
    await open(t('nav.wall'));
    const wall = page.getByRole('main', { name: t('nav.wall') });
    await expect(wall.getByRole('heading', { level: 1, name: t('wall.title') })).toBeVisible();
    await expect(wall.getByRole('listitem').first()).toBeVisible();
    await noErrorShown(page);
    await page.goBack();
    await expect(nav).toBeVisible();

    // Help (F1), closed with Escape.
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: t('help.title') });
    await expect(help.getByRole('heading', { name: t('help.title') })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();

    // Every section in the menu was visited.
    expect(new Set((await nav.getByRole('link').allInnerTexts()).map((name) => name.trim()))).toEqual(visited);

    // The Arabic text is set in the bundled font, served by the app itself.
    const loaded = await page.evaluate(async () => {
      type Face = { family: string; status: string };
      const fonts = (globalThis as unknown as { document: { fonts: Iterable<Face> & { ready: Promise<unknown> } } }).document.fonts;
      await fonts.ready;
      return [...fonts].filter((face) => face.status === 'loaded').map((face) => face.family.replace(/["']/g, ''));
    });
    expect(loaded).toContain('Noto Sans Arabic');
    const fonts = requested.filter((url) => /noto-sans-arabic.*\.woff2?$/.test(url));
    expect(fonts.length).toBeGreaterThan(0);
    for (const url of fonts) expect(url.startsWith(`${served.origin}/assets/`), url).toBe(true);

    // Nothing was refused because nothing tried to go out; everything that loaded was the app's own.
    expect(refused).toEqual([]);
    expect(requested.filter((url) => !isLocal(url))).toEqual([]);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    await served.close();
  }
});

async function noErrorShown(page: Page): Promise<void> {
  await expect(page.locator('.banner--error, [role="alert"]')).toHaveCount(0);
}
