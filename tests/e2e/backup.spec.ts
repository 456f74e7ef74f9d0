// An administrator backs up from the app, checks the backup, restores it with confirmation and
// is back at sign-in with the data of the backup; a bad file changes nothing; a supervisor
// does not see the screen. The file dialogs are Electron's; the harness answers for them.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LANGUAGES } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import { expect, signIn, testIn } from './harness';

const intake = {
  receivedAt: Date.now() - 60_000, source: 'phone', type: 'fire', priority: 2,
  location: { district: 'latakia', locality: 'Al-Ramel' }, reported: { trapped: 0, injured: 1, dead: 0 },
} as const;

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  testIn(language)(`an administrator backs up and restores from the app; a supervisor sees no such screen (${language})`, async ({ beacon }) => {
    const { page } = beacon;
    const admin = beacon.core.createSession();
    const setup = await beacon.core.invoke(admin, 'setup.complete', {
      post: { name: language === 'ar' ? 'مركز عمليات اللاذقية' : 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
      operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: false,
    });
    expect(setup.ok).toBe(true);
    for (let i = 0; i < 3; i++) expect((await beacon.core.invoke(admin, 'incidents.log', intake)).ok).toBe(true);
    expect((await beacon.core.invoke(admin, 'operators.create', { name: 'Samer Duty', pin: '1357', role: 'supervisor', language })).ok).toBe(true);
    await beacon.core.safetyCopies.takeIfDue();
    const stick = mkdtempSync(join(tmpdir(), 'beacon-stick-'));
    mkdirSync(stick, { recursive: true });
    const backupFile = join(stick, 'before-the-night.db');

    await signIn(page, t);
    await page.getByRole('link', { name: t('nav.backup'), exact: true }).click();
    await expect(page.getByRole('heading', { name: t('backups.title') })).toBeVisible();
    // The shift's safety copy is listed, with a button that says which copy it checks.
    await expect(page.getByRole('table', { name: t('backups.safetyCopies') }).getByRole('row')).toHaveCount(2);

    beacon.chooseFile(backupFile);
    await page.getByRole('button', { name: t('backups.take') }).click();
    const written = page.getByRole('status', { name: t('backups.written') });
    await expect(written).toContainText(backupFile);
    await expect(written.getByRole('definition').nth(2)).toHaveText('3');
    expect(beacon.suggestedName).toMatch(/^beacon-LTK-\d{4}-\d{2}-\d{2}-\d{4}\.db$/);
    await page.screenshot({ path: `test-results/screens/backup-written-${language}.png`, fullPage: true });

    // Work goes on after the backup: this incident is not in it.
    expect((await beacon.core.invoke(admin, 'incidents.log', intake)).ok).toBe(true);

    // A file that is not a Beacon database: said plainly, nothing offered to restore.
    beacon.chooseFile(resolve('package.json'));
    await page.getByRole('button', { name: t('backups.chooseFile') }).click();
    await expect(page.getByRole('alert')).toHaveText(new RegExp(`${t('backup.notBeacon').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|${t('backup.damaged').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await expect(page.getByRole('region', { name: t('backups.checkTitle') })).toHaveCount(0);

    beacon.chooseFile(backupFile);
    await page.getByRole('button', { name: t('backups.chooseFile') }).click();
    const check = page.getByRole('region', { name: t('backups.checkTitle') });
    await expect(check).toContainText(backupFile);
    await expect(check).toContainText(t('backups.checksOk', { version: beacon.core.store.schemaVersion }));
    await expect(check).toContainText(t('backups.confirmText'));
    await expect(check).toContainText('beacon.db.before-restore-');
    await page.screenshot({ path: `test-results/screens/backup-confirm-${language}.png`, fullPage: true });
    await check.getByRole('button', { name: t('backups.confirm') }).click();

    // Back at sign-in, told what was done; the data is the backup's. The backup is checked and
    // copied in inspector processes, each started afresh (under tsx here): patient on a busy machine.
    await expect(page.getByRole('button', { name: t('signIn.submit') })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('status').filter({ hasText: t('backups.restored') })).toContainText(backupFile);
    await page.screenshot({ path: `test-results/screens/backup-restored-${language}.png`, fullPage: true });
    const incidents = await beacon.core.store.reader.get<{ n: number }>('SELECT count(*) AS n FROM incidents');
    expect(incidents?.n).toBe(3);
    await signIn(page, t);
    await expect(page.getByRole('link', { name: t('nav.backup'), exact: true })).toBeVisible();

    // A supervisor: no link, and the route shows the queues instead.
    await page.getByRole('button', { name: t('signIn.signOut') }).click();
    await signIn(page, t, 'Samer Duty', '1357');
    await expect(page.getByRole('link', { name: t('nav.summary'), exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: t('nav.backup'), exact: true })).toHaveCount(0);
    await page.goto(`${page.url().split('#')[0]}#/backup`);
    await expect(page.getByRole('heading', { name: t('backups.title') })).toHaveCount(0);
  });
}
