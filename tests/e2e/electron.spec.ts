// The real Electron app (dist/electron/main.mjs after `npm run build`), driven by Playwright's
// _electron where Electron's binary is installed and a display exists. Elsewhere (CI without
// the binary, an air-gapped machine) it is reported as skipped with the reason; the same shell
// code runs on every test run against a stand-in (tests/core/shells/electronShell.test.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { createTranslator } from '../../shared/i18n';
import { electronBinary, hasDisplay } from '../../electron/host/launch';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Found the way `npm start` finds them (without importing `electron`, which would try to download it).
const binary = electronBinary(root);
const display = hasDisplay();
const built = existsSync(join(root, 'dist/electron/main.mjs')) && existsSync(join(root, 'dist/renderer/index.html'));
const skipReason = !binary ? "Electron's binary is not installed (node_modules/electron/dist): the shell is tested against a stand-in in tests/core/shells/electronShell.test.ts"
  : !display ? 'no display (DISPLAY/WAYLAND_DISPLAY) for an Electron window'
    : !built ? 'the app is not built: run `npm run build` first' : '';

const SETUP = {
  post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
  operator: { name: 'Rania Haddad', pin: '2468' }, language: 'en', loadDemo: false,
};

test('the Electron app opens sandboxed, answers only through window.ops, speaks Arabic then English in its menu, and prints the summary to PDF', async () => {
  // The list reporter shows a skip without its annotation: the reason is printed too.
  if (skipReason) console.log(`electron.spec skipped: ${skipReason}`);
  test.skip(skipReason !== '', skipReason);
  const userData = mkdtempSync(join(tmpdir(), 'beacon-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    // As `npm start` does (`electron .`): package.json names the built main; nothing of the user's own folders is touched.
    args: [root, `--user-data-dir=${userData}`],
    env: { ...process.env, BEACON_DATA_DIR: join(userData, 'data'), XDG_CONFIG_HOME: userData },
  });
  try {
    const page = await app.firstWindow();
    const ar = createTranslator('ar');
    await expect(page.getByText(ar('setup.title'))).toBeVisible();
    // Sandboxed and isolated: no Node in the page, one frozen bridge that refuses unknown channels.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.isFrozen((globalThis as unknown as { ops: object }).ops))).toBe(true);
    await expect(page.evaluate(() => (globalThis as unknown as { ops: { invoke(c: string, i: unknown): Promise<unknown> } }).ops.invoke('setup.eraseEverything', {})))
      .rejects.toThrow(/unknown channel/);
    const menuLabels = () => app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label) ?? []);
    expect(await menuLabels()).toEqual([ar('menu.file'), ar('menu.edit'), ar('menu.view')]);

    const invoke = (channel: string, input: unknown) =>
      page.evaluate(([c, i]) => (globalThis as unknown as { ops: { invoke(c: string, i: unknown): Promise<{ ok: boolean }> } }).ops.invoke(c as string, i), [channel, input] as const);
    expect(await invoke('setup.complete', SETUP)).toMatchObject({ ok: true });
    const en = createTranslator('en');
    await expect.poll(menuLabels).toEqual([en('menu.file'), en('menu.edit'), en('menu.view')]);

    // The save dialog answers where the test says; the PDF is Chromium's, from the print route.
    const pdf = join(userData, 'summary.pdf');
    await app.evaluate(({ dialog }, file) => {
      dialog.showSaveDialog = (() => Promise.resolve({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog;
    }, pdf);
    const today = new Date().toISOString().slice(0, 10);
    expect(await invoke('summary.print', { period: { day: today }, pdf: true })).toMatchObject({ ok: true, value: { file: pdf } });
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('Latakia command post');
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
});
