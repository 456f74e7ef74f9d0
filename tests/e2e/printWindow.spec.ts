// Printing the shift summary from the browser host: the print route opens in a window of its
// own on the asking window's session (no second sign-in), renders, and goes to the browser's
// print dialog; the wall display likewise; a window opened at the address by hand has its own
// session and signs in.
import { createTranslator } from '../../shared/i18n';
import { expect, signIn, test } from './harness';

const t = createTranslator('en');

test('the summary prints, and the wall display opens, in windows of their own on the same session; another window has its own', async ({ beacon }) => {
  const { page, core } = beacon;
  expect((await core.invoke(core.createSession(), 'setup.complete', {
    post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
    operator: { name: 'Rania Haddad', pin: '2468' }, language: 'en', loadDemo: false,
  })).ok).toBe(true);
  await signIn(page, t);
  await page.getByRole('link', { name: t('nav.summary'), exact: true }).click();
  const opened = page.context().waitForEvent('page');
  await page.getByRole('button', { name: t('summary.print') }).click();
  const printWindow = await opened;
  await printWindow.waitForLoadState('domcontentloaded');
  await expect(printWindow.locator('body[data-ready="true"]')).toBeAttached({ timeout: 30_000 });
  expect(printWindow.url()).toContain('#/print/summary?');
  expect(printWindow.url()).not.toContain('join=');
  await expect(printWindow.getByText(t('summary.titleShift')).first()).toBeVisible();

  // The wall display in a window of its own (shift-click on its link), on the same session.
  const wallOpened = page.context().waitForEvent('page');
  await page.getByRole('link', { name: t('nav.wall'), exact: true }).click({ modifiers: ['Shift'] });
  const wall = await wallOpened;
  await expect(wall.getByRole('main', { name: t('nav.wall') }).getByRole('heading', { level: 1, name: t('wall.title') })).toBeVisible();
  await expect(page.getByRole('navigation', { name: t('nav.main') })).toBeVisible();

  const other = await beacon.openWindow();
  await expect(other.getByRole('button', { name: t('signIn.submit') })).toBeVisible();
});
