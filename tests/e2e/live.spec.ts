// A saved change shows in every open view at once, without reload: two windows on one
// core, as two operators' screens on the same console would be.
import { createTranslator } from '../../shared/i18n';
import { expect, test } from './harness';

test('a call logged in one window appears in the other without reload', async ({ beacon, browserInstance }) => {
  const t = createTranslator('ar');
  const setup = await beacon.core.invoke(beacon.core.createSession(), 'setup.complete', {
    post: { name: 'مركز عمليات اللاذقية', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
    operator: { name: 'Rania Haddad', pin: '2468' }, language: 'ar', loadDemo: false,
  });
  expect(setup.ok).toBe(true);
  const context = await browserInstance.newContext({ viewport: { width: 1400, height: 900 } });
  const second = await beacon.openWindow(context);
  for (const page of [beacon.page, second]) {
    await page.reload();
    await page.getByLabel(t('signIn.name')).fill('Rania Haddad');
    await page.getByLabel(t('signIn.pin')).fill('2468');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: new RegExp(t('queues.waiting')) })).toContainText('0');
  }
  await beacon.page.keyboard.press('F2');
  const intake = beacon.page.getByRole('dialog', { name: t('intake.title') });
  await intake.getByLabel(t('intake.type')).selectOption('fire');
  await intake.getByLabel(t('intake.priority')).selectOption('1');
  await intake.getByRole('combobox', { name: `${t('intake.district')} / ${t('intake.subdistrict')}` }).fill('جبله');
  await beacon.page.keyboard.press('Enter');
  await beacon.page.keyboard.press('Control+Enter');
  await expect(second.getByRole('listbox', { name: t('queue.rows') }).getByRole('option')).toHaveCount(1);
  await expect(second.getByRole('tab', { name: new RegExp(t('queues.waiting')) })).toContainText('1');
  await context.close();
});
