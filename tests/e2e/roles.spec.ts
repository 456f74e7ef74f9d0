// An operator (not a supervisor) sees no control the core would refuse: no organisation
// editor, no roster editing, no close or cancel.
import { createTranslator } from '../../shared/i18n';
import { createOperator } from '../../electron/core/operators/operators';
import { expect, test } from './harness';

test('an operator is not offered what only a supervisor may do', async ({ beacon }) => {
  const t = createTranslator('ar');
  const { page, core } = beacon;
  const admin = core.createSession();
  expect((await core.invoke(admin, 'setup.complete', {
    post: { name: 'مركز عمليات اللاذقية', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
    operator: { name: 'Rania Haddad', pin: '2468' }, language: 'ar', loadDemo: false,
  })).ok).toBe(true);
  await core.store.write(null, (w) => createOperator(w, Date.now(), { name: 'Fadi Ali', pin: '1357', role: 'operator', language: 'ar' }));
  const logged = await core.invoke(admin, 'incidents.log', {
    receivedAt: Date.now(), source: 'phone', type: 'fire', priority: 2, location: { district: 'jableh' }, reported: { trapped: 0, injured: 0, dead: 0 },
  });
  expect(logged.ok).toBe(true);
  await page.reload();
  await page.getByLabel(t('signIn.name')).fill('Fadi Ali');
  await page.getByLabel(t('signIn.pin')).fill('1357');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: t('nav.roster'), exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: t('nav.organisation'), exact: true })).toHaveCount(0);

  await page.getByRole('listbox', { name: t('queue.rows') }).press('Enter');
  await expect(page.getByRole('button', { name: t('keys.dispatchWithoutTeam') })).toBeVisible();
  await expect(page.getByRole('button', { name: t('incident.cancelIncident') })).toHaveCount(0);

  await page.getByRole('link', { name: t('nav.roster'), exact: true }).press('Enter');
  await expect(page.getByRole('heading', { name: t('roster.title') })).toBeVisible();
  await expect(page.getByRole('form', { name: t('roster.checkIn') })).toHaveCount(0);
  await expect(page.getByRole('button', { name: t('roster.copyPrevious') })).toHaveCount(0);
});
