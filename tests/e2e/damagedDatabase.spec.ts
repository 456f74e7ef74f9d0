// A console whose database is damaged (issue #18 item 6) opens on a screen that says so and
// lists the shift-change safety copies; restoring one brings the console back to sign-in on the
// restored data. Through the real host (electron/host): openCore throws, the windows are answered
// by the damaged console, and after a restore the host opens the core again.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createTranslator } from '../../shared/i18n';
import { Connection } from '../../electron/core/db/connection';
import { DatabaseOpenError } from '../../electron/core/db/migrations';
import { DATABASE_FILE } from '../../electron/core/db/store';
import { launchChromium, openTestCore, openWindow, startTestHost } from './harness';
import type { BrowserHost } from '../../electron/host/browser/server';

const t = createTranslator('en');

test('a damaged database opens on its safety copies, and one restores it', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'beacon-e2e-damaged-'));
  const hosts: BrowserHost[] = [];
  const browser = await launchChromium('en');
  try {
    const healthy = await openTestCore(dataDir);
    const admin = healthy.createSession();
    expect((await healthy.invoke(admin, 'setup.complete', {
      post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
      operator: { name: 'Rania Haddad', pin: '2468' }, language: 'en', loadDemo: false,
    })).ok).toBe(true);
    expect((await healthy.invoke(admin, 'incidents.log', {
      receivedAt: Date.now(), source: 'phone', type: 'fire', priority: 2, location: { district: 'latakia', locality: 'Ziraa' }, reported: { trapped: 0, injured: 1, dead: 0 },
    })).ok).toBe(true);
    expect(await healthy.safetyCopies.takeIfDue()).not.toBeNull();
    await healthy.close();
    // An index page overwritten, as a failing disk does.
    const file = join(dataDir, DATABASE_FILE);
    const conn = await Connection.open(file, 'readonly');
    const pageSize = (await conn.get<{ page_size: number }>('PRAGMA page_size'))!.page_size;
    const root = (await conn.get<{ rootpage: number }>("SELECT rootpage FROM sqlite_schema WHERE name = 'incidents_number'"))!.rootpage;
    await conn.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xee), 0, 64, (root - 1) * pageSize);
    closeSync(fd);

    // The host: openCore refuses, the windows get the damaged console until a copy is restored.
    const error = await openTestCore(dataDir).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    const host = await startTestHost(dataDir);
    hosts.push(host);
    expect(host.host.damaged).toBe(true);
    const page = await openWindow(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' }), host);
    await expect(page.getByRole('heading', { name: t('integrity.damagedTitle') })).toBeVisible();
    await expect(page.getByRole('alert').first()).toContainText('damaged');
    const restore = page.getByRole('button', { name: /Restore the copy of the shift starting/ });
    await expect(restore).toHaveCount(1);
    await page.screenshot({ path: 'test-results/screens/damaged-database-en.png', fullPage: true });

    page.once('dialog', (dialog) => void dialog.accept());
    await restore.click();
    // The copy is checked and copied in inspector processes started afresh: patient on a busy machine.
    await expect(page.getByRole('heading', { name: t('signIn.title') })).toBeVisible({ timeout: 60_000 });
    await page.getByLabel(t('signIn.name')).fill('Rania Haddad');
    await page.getByLabel(t('signIn.pin')).fill('2468');
    await page.getByRole('button', { name: t('signIn.submit') }).click();
    await expect(page.getByRole('navigation', { name: t('nav.main') })).toBeVisible();
    expect(host.host.core).not.toBeNull();
  } finally {
    for (const host of hosts) await host.close();
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
