// The duty officer carries a bundle: exports one to a stick, imports another console's (made
// apart, with a change to the same incident), sees what was applied, that a second import
// brings nothing new and that an altered bundle is refused; then the conflicts view shows the
// priority both consoles changed, the value set aside and the one kept.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportBundle, importBundle } from '../../electron/core/sync/bundles';
import { readPostKey } from '../../electron/core/post/postKey';
import { LANGUAGES } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import { expect, openTestCore, signIn, testIn } from './harness';

const intake = {
  receivedAt: Date.now() - 60_000, source: 'phone', type: 'fire', priority: 1,
  location: { district: 'latakia', locality: 'Al-Ramel' }, reported: { trapped: 0, injured: 1, dead: 0 },
} as const;

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  testIn(language)(`a supervisor exports and imports bundles, and sees what the merge set aside (${language})`, async ({ beacon }) => {
    const { page, core } = beacon;
    const admin = core.createSession();
    const post = { name: language === 'ar' ? 'مركز عمليات اللاذقية' : 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' };
    expect((await core.invoke(admin, 'setup.complete', { post, consoleLetter: 'A', operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: false })).ok).toBe(true);
    expect((await core.invoke(admin, 'operators.create', { name: 'Samer Duty', pin: '1357', role: 'supervisor', language })).ok).toBe(true);
    const logged = await core.invoke(admin, 'incidents.log', intake);
    if (!logged.ok) throw new Error('incidents.log failed');
    const { incidentId } = logged.value;

    // Console B of the same post, at a place without a link: it got A's data by stick once.
    const stick = mkdtempSync(join(tmpdir(), 'beacon-stick-'));
    const other = await openTestCore(mkdtempSync(join(tmpdir(), 'beacon-e2e-b-')));
    try {
      const b = other.createSession();
      expect((await other.invoke(b, 'setup.complete', { post, consoleLetter: 'B', operator: { name: 'Omar Station', pin: '8642' }, language, loadDemo: false })).ok).toBe(true);
      other.context.settings.write({ ...other.context.settings.read(), postKey: readPostKey(core.context.settings, core.context.secrets) });
      await exportBundle(core.context, join(stick, 'a.bundle'), {});
      await importBundle(other.context, join(stick, 'a.bundle'));
      // Apart, both change the incident's priority; B's change is the later one.
      expect((await core.invoke(admin, 'incidents.update', { id: incidentId, changes: { priority: 2 } })).ok).toBe(true);
      await new Promise((r) => setTimeout(r, 20));
      expect((await other.invoke(b, 'incidents.update', { id: incidentId, changes: { priority: 3 } })).ok).toBe(true);
      await exportBundle(other.context, join(stick, 'from-b.bundle'), {});
    } finally {
      await other.close();
    }

    await signIn(page, t, 'Samer Duty', '1357');
    const nav = page.getByRole('navigation', { name: t('nav.main') });
    await nav.getByRole('link', { name: t('nav.sync'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('sync.titleBundles') })).toBeVisible();
    // Hubs stay the administrator's: a supervisor sees bundles only.
    await expect(page.getByRole('form', { name: t('sync.add') })).toHaveCount(0);

    const toB = join(stick, 'to-b.bundle');
    beacon.chooseFile(toB);
    await page.getByRole('button', { name: t('bundles.export') }).click();
    const written = page.getByRole('status', { name: t('bundles.written') });
    await expect(written).toContainText(toB);
    expect(readFileSync(toB, 'utf8')).toMatch(/^\{"format":"beacon-bundle"/);
    expect(beacon.suggestedName).toMatch(/^beacon-LTK-A-\d{4}-\d{2}-\d{2}-\d{4}\.bundle$/);

    beacon.chooseFile(join(stick, 'from-b.bundle'));
    await page.getByRole('button', { name: t('bundles.import') }).click();
    const done = page.getByRole('status', { name: t('bundles.done') });
    await expect(done).toBeVisible();
    await expect(page.getByLabel(t('bundles.holds'))).toContainText(join(stick, 'from-b.bundle'));
    await expect(done).not.toContainText(t('bundles.nothingNew'));
    await page.screenshot({ path: `test-results/screens/bundles-import-${language}.png`, fullPage: true });

    // The same bundle again: nothing new, nothing changed.
    await page.getByRole('button', { name: t('bundles.import') }).click();
    await expect(page.getByRole('status', { name: t('bundles.done') })).toContainText(t('bundles.nothingNew'));

    // An altered bundle: refused whole, said plainly.
    const text = readFileSync(join(stick, 'from-b.bundle'), 'utf8');
    writeFileSync(join(stick, 'altered.bundle'), text.replace('"priority"', '"priorita"'));
    beacon.chooseFile(join(stick, 'altered.bundle'));
    await page.getByRole('button', { name: t('bundles.import') }).click();
    await expect(page.getByRole('alert')).toHaveText(t('bundle.tampered'));

    await nav.getByRole('link', { name: t('nav.conflicts'), exact: true }).click();
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1, name: t('conflicts.title') })).toBeVisible();
    const table = main.getByRole('table', { name: t('conflicts.fieldsTitle') });
    await expect(table.getByRole('row')).toHaveCount(2);
    const row = table.getByRole('row').nth(1);
    await expect(row).toContainText('LTK-');
    await expect(row).toContainText(t('auditField.priority'));
    await expect(row).toContainText('Rania Haddad');
    await expect(row).toContainText('Omar Station');
    await page.screenshot({ path: `test-results/screens/conflicts-${language}.png`, fullPage: true });
  });
}
