// A supervisor reads who changed an incident's priority, and takes the trail away as CSV.
import { readFileSync } from 'node:fs';
import { LANGUAGES } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import { expect, signIn, testIn } from './harness';

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  testIn(language)(`the audit trail shows before and after, and exports CSV (${language})`, async ({ beacon }) => {
    const { page, core } = beacon;
    const admin = core.createSession();
    const setup = await core.invoke(admin, 'setup.complete', {
      post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
      operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: false,
    });
    expect(setup.ok).toBe(true);
    const logged = await core.invoke(admin, 'incidents.log', {
      receivedAt: Date.now(), source: 'phone', type: 'fire', priority: 3, location: { district: 'jableh', locality: 'Souq, "old" market' },
      reported: { trapped: 0, injured: 0, dead: 0 },
    });
    if (!logged.ok) throw new Error('log failed');
    for (const priority of [2, 1] as const) {
      expect((await core.invoke(admin, 'incidents.update', { id: logged.value.incidentId, changes: { priority } })).ok).toBe(true);
    }
    await signIn(page, t);
    await page.getByRole('link', { name: t('nav.audit'), exact: true }).click();
    await page.getByRole('group', { name: t('stats.filters') }).getByLabel(t('audit.entity')).selectOption('incident');

    const table = page.getByRole('table', { name: t('audit.title') });
    const priorityRows = table.getByRole('row').filter({ has: page.getByRole('cell', { name: t('auditField.priority'), exact: true }) });
    await expect(priorityRows).toHaveCount(2);
    // Field names in the reader's words; newest first: 2 → 1, then 3 → 2, each by the operator who made it.
    await expect(priorityRows.nth(0).getByRole('cell').nth(2)).toHaveText('2');
    await expect(priorityRows.nth(0).getByRole('cell').nth(3)).toHaveText('1');
    await expect(priorityRows.nth(1).getByRole('cell').nth(2)).toHaveText('3');
    await expect(priorityRows.nth(0)).toContainText('Rania Haddad');
    await expect(priorityRows.nth(0)).toContainText(logged.value.number);
    await page.screenshot({ path: `test-results/screens/audit-${language}.png` });

    // On a narrow laptop screen the incident number still reads as one piece, never split at a hyphen.
    await page.setViewportSize({ width: 900, height: 700 });
    const numbers = table.locator('bdi', { hasText: logged.value.number });
    expect(await numbers.count()).toBeGreaterThan(1);
    const lines = await numbers.evaluateAll((all) => all.map((n) => n.getClientRects().length));
    expect(lines.every((n) => n === 1)).toBe(true);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t('audit.csv') }).click()]);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(t('audit.before'));
    // The locality, with its comma and quotes, survives as one quoted cell.
    expect(text).toContain('""old"" market');
  });
}
