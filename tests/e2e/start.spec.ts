// `npm start` as a new user meets it on a machine without Electron's binary and without a
// display: the launcher (after the build) is started as a child process with a fresh data
// folder, prints which shell and why and the address; the console is then used through that
// address: first run, a call logged, the summary saved as PDF (made by the host, checked with
// pdftotext), a backup downloaded and restored through the host; Ctrl+C (SIGINT) stops it
// with the database closed cleanly.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { createTranslator } from '../../shared/i18n';
import { expect, launchChromium, test } from './harness';

const t = createTranslator('en');

function startLikeAUser(dataDir: string, extra: NodeJS.ProcessEnv = {}): { child: ChildProcessWithoutNullStreams; output: () => string } {
  const env: NodeJS.ProcessEnv = { ...process.env, BEACON_DATA_DIR: dataDir, ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'no-electron-')) };
  for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'BEACON_SHELL', 'BEACON_PORT']) delete env[name];
  Object.assign(env, extra);
  const child = spawn(process.execPath, ['scripts/start.mjs'], { env });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  return { child, output: () => text };
}

function integrity(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.get<{ integrity_check: string }>('PRAGMA integrity_check', (e, row) => {
        db.close();
        if (e) reject(e);
        else resolve(row?.integrity_check ?? '');
      });
    });
  });
}

test('npm start without Electron or a display serves the console at the printed address, and Ctrl+C closes it cleanly', async () => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'beacon-start-'));
  const { child, output } = startLikeAUser(dataDir);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const browser = await launchChromium('en');
  try {
    await expect.poll(output, { timeout: 60_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+\/\?k=[0-9a-f]{64}/);
    const lines = output().trim().split('\n');
    expect(lines[0]).toBe(t('host.shellBrowser', { reason: t('host.becauseNoElectron') }));
    const address = /http:\/\/127\.0\.0\.1:\d+\/\?k=[0-9a-f]{64}/.exec(output())![0];

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(address);
    expect(page.url()).not.toContain('k=');

    // First run, switched to English (a new installation starts in Arabic).
    await page.getByRole('button', { name: createTranslator('ar')('header.languageLabel') }).click();
    await expect(page.getByRole('heading', { name: t('setup.title') })).toBeVisible();
    await page.getByLabel(t('setup.postName')).fill('Latakia command post');
    await page.getByLabel(t('setup.postCode')).fill('LTK');
    await page.getByLabel(t('setup.timeZone')).fill('Asia/Damascus');
    await page.getByLabel(t('setup.consoleLetter')).fill('A');
    await page.getByLabel(t('setup.operatorName')).fill('Rania Haddad');
    await page.getByLabel(t('setup.pin'), { exact: true }).fill('2468');
    await page.getByLabel(t('setup.confirmPin')).fill('2468');
    await page.getByLabel(t('setup.loadDemo')).uncheck();
    await page.getByRole('button', { name: t('setup.submit') }).click();
    await expect(page.getByRole('navigation', { name: t('nav.main') })).toBeVisible();

    // A call logged.
    const logCall = async () => {
      await page.getByRole('link', { name: t('nav.queues'), exact: true }).click();
      await page.keyboard.press('F2');
      const intake = page.getByRole('dialog', { name: t('intake.title') });
      await intake.getByLabel(t('intake.type')).selectOption('fire');
      await intake.getByLabel(t('intake.priority')).selectOption('1');
      await intake.getByRole('combobox', { name: `${t('intake.district')} / ${t('intake.subdistrict')}` }).fill('Jableh');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+Enter');
      await expect(intake).toHaveCount(0);
    };
    await logCall();
    await expect(page.getByRole('tab', { name: new RegExp(t('queues.waiting')) })).toContainText('1');
    await page.screenshot({ path: 'test-results/screens/browser-host-queues.png' });

    // The summary as PDF: made by the host and offered as a download.
    await page.getByRole('link', { name: t('nav.summary'), exact: true }).click();
    const pdfDownload = page.waitForEvent('download', { timeout: 90_000 });
    await page.getByRole('button', { name: t('summary.pdf') }).click();
    const pdf = await pdfDownload;
    expect(pdf.suggestedFilename()).toMatch(/^beacon-summary-.*\.pdf$/);
    const pdfFile = join(dataDir, 'got-summary.pdf');
    await pdf.saveAs(pdfFile);
    expect(execFileSync('pdftotext', [pdfFile, '-']).toString()).toContain('Latakia command post');
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdfFile, 'test-results/screens/browser-host-summary-pdf']);

    // A backup downloaded, then a second call that is not in it.
    await page.getByRole('link', { name: t('nav.backup'), exact: true }).click();
    const backupDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: t('backups.take') }).click();
    const backup = await backupDownload;
    expect(backup.suggestedFilename()).toMatch(/^beacon-LTK-\d{4}-\d{2}-\d{2}-\d{4}\.db$/);
    const stick = join(mkdtempSync(join(tmpdir(), 'beacon-stick-')), backup.suggestedFilename());
    await backup.saveAs(stick);
    await logCall();
    await expect(page.getByRole('tab', { name: new RegExp(t('queues.waiting')) })).toContainText('2');

    // Restored through the host: the page's file picker, the upload, the confirmation.
    await page.getByRole('link', { name: t('nav.backup'), exact: true }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: t('backups.chooseFile') }).click();
    await (await chooser).setFiles(stick);
    const check = page.getByRole('region', { name: t('backups.checkTitle') });
    await expect(check).toContainText(t('backups.confirmText'));
    await check.getByRole('button', { name: t('backups.confirm') }).click();
    await expect(page.getByRole('button', { name: t('signIn.submit') })).toBeVisible();
    await page.getByLabel(t('signIn.name')).fill('Rania Haddad');
    await page.getByLabel(t('signIn.pin')).fill('2468');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: new RegExp(t('queues.waiting')) })).toContainText('1');
    await context.close();

    // Ctrl+C: the core closes, nothing is left half-done.
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output()).toContain(t('host.stopped'));
    expect(existsSync(join(dataDir, 'beacon.db-wal'))).toBe(false);
    expect(await integrity(join(dataDir, 'beacon.db'))).toBe('ok');
    expect(readFileSync(join(dataDir, 'logs', 'beacon.log'), 'utf8')).toContain('database restored');
  } finally {
    child.kill('SIGKILL');
    await browser.close();
  }
});

/** Stands in for the system browser: notes how it was started, then waits to be closed (or fails at once). */
function fakeBrowser(dir: string, fails: boolean): { file: string; started: () => { pid: number; args: string[] } | null } {
  const file = join(dir, 'fake-browser');
  const note = join(dir, 'started.json');
  writeFileSync(file, `#!${process.execPath}
require('node:fs').writeFileSync(${JSON.stringify(note)}, JSON.stringify({ pid: process.pid, args: process.argv.slice(2) }));
${fails ? 'process.exit(3);' : "process.on('SIGTERM', () => process.exit(0)); setInterval(() => undefined, 1000);"}
`);
  chmodSync(file, 0o755);
  return { file, started: () => (existsSync(note) ? JSON.parse(readFileSync(note, 'utf8')) as { pid: number; args: string[] } : null) };
}

test('with a display, the console opens as an app window with its own profile; closing it stops Beacon, a browser that fails leaves the address', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-start-window-'));
  const home = mkdtempSync(join(tmpdir(), 'beacon-home-'));
  const browser = fakeBrowser(dir, false);
  const { child, output } = startLikeAUser(join(dir, 'data'), { DISPLAY: ':99', BEACON_SHELL: 'browser', BEACON_BROWSER: browser.file, XDG_CONFIG_HOME: home });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await expect.poll(() => browser.started(), { timeout: 60_000 }).not.toBeNull();
    const { pid, args } = browser.started()!;
    expect(args).toContain(`--user-data-dir=${join(home, 'Beacon', 'browser-profile')}`);
    const app = args.find((a) => a.startsWith('--app='))!;
    expect(app).toMatch(/^--app=http:\/\/127\.0\.0\.1:\d+\/\?k=[0-9a-f]{64}$/);
    await expect.poll(output).toContain(t('host.opened', { browser: browser.file, url: new URL(app.slice(6)).origin }));
    process.kill(pid, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain(t('host.stopped'));
  } finally {
    child.kill('SIGKILL');
  }

  const failing = fakeBrowser(mkdtempSync(join(tmpdir(), 'beacon-start-window-')), true);
  const second = startLikeAUser(join(dir, 'data'), { DISPLAY: ':99', BEACON_SHELL: 'browser', BEACON_BROWSER: failing.file, XDG_CONFIG_HOME: home });
  const secondExited = new Promise<number | null>((resolve) => second.child.on('exit', (code) => resolve(code)));
  try {
    await expect.poll(second.output, { timeout: 60_000 }).toMatch(/did not open\. .*http:\/\/127\.0\.0\.1:\d+\/\?k=[0-9a-f]{64}/);
    second.child.kill('SIGINT');
    expect(await secondExited).toBe(0);
  } finally {
    second.child.kill('SIGKILL');
  }
});
