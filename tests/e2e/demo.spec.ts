// A newcomer's first run with demo data: every queue has work in it, ordered by priority
// then waiting time, ages tick, and filters narrow the queue.
import { mkdirSync } from 'node:fs';
import { LANGUAGES } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import { expect, testIn } from './harness';

mkdirSync('test-results/screens', { recursive: true });

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  testIn(language)(`demo data fills the queues, ages tick and filters narrow them (${language})`, async ({ beacon }) => {
    const { page } = beacon;
    const result = await beacon.core.invoke(beacon.core.createSession(), 'setup.complete', {
      post: { name: language === 'ar' ? 'مركز عمليات اللاذقية' : 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' },
      consoleLetter: 'A', operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: true,
    });
    expect(result.ok).toBe(true);
    await page.reload();
    await page.getByLabel(t('signIn.name')).fill('Rania Haddad');
    await page.getByLabel(t('signIn.pin')).fill('2468');
    await page.keyboard.press('Enter');

    const waitingTab = page.getByRole('tab', { name: new RegExp(t('queues.waiting')) });
    await expect(waitingTab).toBeVisible();
    const rows = page.getByRole('listbox', { name: t('queue.rows') }).getByRole('option');
    for (const queue of ['waiting', 'active', 'closure'] as const) {
      await page.getByRole('tab', { name: new RegExp(t(`queues.${queue}`)) }).click();
      await expect(rows.first()).toBeVisible();
    }

    await page.getByRole('tab', { name: new RegExp(t('queues.active')) }).click();
    await page.screenshot({ path: `test-results/screens/demo-queue-${language}.png` });
    // Incident numbers on the team board (a team's incident; a team sent to two) each read as one piece.
    const board = page.getByRole('listbox', { name: t('teams.rows') });
    const numbers = board.locator('bdi', { hasText: /^[A-Z]{3}-\d{6}-[A-Z]\d{3}$/ });
    expect(await numbers.count()).toBeGreaterThan(0);
    expect(await numbers.evaluateAll((all) => all.filter((n) => n.getClientRects().length !== 1).map((n) => n.textContent))).toEqual([]);

    // A call logged just now: its waiting age ticks in seconds, without asking the core again.
    const operatorSession = beacon.core.createSession();
    await beacon.core.invoke(operatorSession, 'session.signIn', { name: 'Rania Haddad', pin: '2468' });
    const logged = await beacon.core.invoke(operatorSession, 'incidents.log', {
      receivedAt: Date.now(), source: 'phone', type: 'fire', priority: 1, location: { district: 'jableh' },
      reported: { trapped: 0, injured: 0, dead: 0 },
    });
    expect(logged.ok).toBe(true);
    await page.getByRole('tab', { name: new RegExp(t('queues.waiting')) }).click();
    const number = logged.ok ? logged.value.number : '';
    const age = page.getByRole('option', { name: t('queue.open', { number }) }).locator('time');
    const before = await age.textContent();
    await expect(async () => expect(await age.textContent()).not.toBe(before)).toPass({ timeout: 5000 });

    // Filter by district: only that district's incidents remain.
    const name = language === 'ar' ? 'جبلة' : 'Jableh';
    await page.getByLabel(t('queue.district')).selectOption({ label: name });
    await expect(rows.filter({ hasNotText: name })).toHaveCount(0);
    await expect(rows.first()).toContainText(name);
  });
}
