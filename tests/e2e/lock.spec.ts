// After the idle time the console locks; only the signed-in operator's PIN opens it, and
// the core refuses everything meanwhile.
import { createTranslator } from '../../shared/i18n';
import { expect, test } from './harness';

test('the console locks when idle and opens with the operator\'s PIN', async ({ beacon }) => {
  const t = createTranslator('ar');
  const { page, core } = beacon;
  expect((await core.invoke(core.createSession(), 'setup.complete', {
    post: { name: 'مركز عمليات اللاذقية', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
    operator: { name: 'Rania Haddad', pin: '2468' }, language: 'ar', loadDemo: false,
  })).ok).toBe(true);
  await page.clock.install();
  await page.reload();
  await page.getByLabel(t('signIn.name')).fill('Rania Haddad');
  await page.getByLabel(t('signIn.pin')).fill('2468');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: new RegExp(t('queues.waiting')) })).toBeVisible();

  await page.clock.fastForward('09:00');
  await expect(page.getByRole('heading', { name: t('lock.title') })).toHaveCount(0);
  await page.clock.fastForward('01:30');
  await expect(page.getByRole('heading', { name: t('lock.title') })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/lock-ar.png' });

  await page.getByLabel(t('lock.pin')).fill('1111');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText(t('error.badCredentials'));
  await page.getByLabel(t('lock.pin')).fill('2468');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: new RegExp(t('queues.waiting')) })).toBeVisible();
});
