// Arabic first (issue 7): a new installation opens in Arabic, right to left; every screen,
// the wall display and the printed summary are kept as screenshots to look at
// (test-results/arabic/); the post switches to Arabic-Indic digits and every console, the
// clock and the printed page follow; the post's default language is the administrator's
// choice, while each operator's own choice is remembered.
import { mkdirSync } from 'node:fs';
import { createTranslator } from '../../shared/i18n';
import { shiftAt } from '../../shared/time/shifts';
import { expect, signIn, test, testIn } from './harness';
import { visitEveryScreen } from './screens';
import { layoutProblems, type LayoutProblems } from './layout';

const DIR = 'test-results/arabic';
mkdirSync(DIR, { recursive: true });
const ar = createTranslator('ar');
const en = createTranslator('en');
const WESTERN_DIGIT = /[0-9]/;

testIn('ar')('every screen in Arabic, then with Arabic-Indic digits', async ({ beacon }) => {
  test.setTimeout(120_000);
  const { page, core } = beacon;

  // A new installation speaks Arabic before anyone has said anything.
  await expect(page.getByRole('heading', { name: ar('setup.title') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.screenshot({ path: `${DIR}/first-run.png`, fullPage: true });

  const admin = core.createSession();
  const setup = await core.invoke(admin, 'setup.complete', {
    post: { name: 'مركز عمليات اللاذقية', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
    operator: { name: 'Rania Haddad', pin: '2468' }, language: 'ar', loadDemo: true,
  });
  expect(setup.ok).toBe(true);
  expect((await core.invoke(admin, 'sync.addHub', { name: 'HQ Damascus', url: 'postgres://beacon@127.0.0.1:1/beacon', tls: { mode: 'disable', caFile: null } })).ok).toBe(true);
  const shift = shiftAt(Date.now(), ['08:00', '20:00'], 'Asia/Damascus');
  expect((await core.invoke(admin, 'summary.addHandoverNote', { shiftStart: shift.start, text: 'مولّدة مركز جبلة تحتاج وقودًا قبل المغيب.' })).ok).toBe(true);

  await page.reload();
  await expect(page.getByRole('heading', { name: ar('signIn.title') })).toBeVisible();
  await page.screenshot({ path: `${DIR}/sign-in.png` });
  await signIn(page, ar);
  // Each screen kept to look at, and checked for Arabic text cut off or spilling out of its box.
  const problems: Record<string, LayoutProblems> = {};
  await visitEveryScreen(page, ar, async (screen) => {
    await page.screenshot({ path: `${DIR}/${screen}.png`, fullPage: true });
    const found = await layoutProblems(page);
    if (found.cut.length + found.spill.length > 0) problems[screen] = found;
  }, `shift=${shift.start}`);
  expect(problems).toEqual({});

  // The administrator chooses Arabic-Indic digits for the post.
  await page.getByRole('link', { name: ar('nav.organisation'), exact: true }).click();
  const settings = page.getByRole('region', { name: ar('postSettings.title') });
  await settings.getByLabel(ar('postSettings.digits')).selectOption('arab');
  await settings.getByRole('button', { name: ar('postSettings.save') }).click();
  const clock = page.getByLabel(ar('header.clock'));
  await expect(clock).toHaveText(/^[٠-٩]{2}:[٠-٩]{2}$/);
  await page.getByRole('link', { name: ar('nav.queues'), exact: true }).click();
  const firstRow = page.getByRole('listbox', { name: ar('queue.rows') }).getByRole('option').first();
  await expect(firstRow.locator('time')).toHaveText(/[٠-٩]/);
  await expect(firstRow.locator('time')).not.toHaveText(WESTERN_DIGIT);
  // Incident numbers are identifiers and stay as written.
  await expect(firstRow.locator('.number')).toHaveText(/^LTK-\d{6}-A\d{3}$/);
  await page.screenshot({ path: `${DIR}/queue-arabic-indic.png`, fullPage: true });
  await page.getByRole('link', { name: ar('nav.stats'), exact: true }).click();
  await expect(page.locator('.recharts-cartesian-axis-tick-value').first()).toHaveText(/[٠-٩]/);
  await page.screenshot({ path: `${DIR}/stats-arabic-indic.png`, fullPage: true });
  const url = page.url().replace(/#.*$/, '');
  await page.goto(`${url}#/print/summary?shift=${shift.start}`);
  await page.reload();
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
  await expect(page.locator('.summary__figures dd').first()).toHaveText(/^[٠-٩٬]+$/);
  await page.screenshot({ path: `${DIR}/print-summary-arabic-indic.png`, fullPage: true });
});

test('the post changes its default language; each operator keeps their own', async ({ beacon }) => {
  const { page, core } = beacon;
  const admin = core.createSession();
  expect((await core.invoke(admin, 'setup.complete', {
    post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
    operator: { name: 'Rania Haddad', pin: '2468' }, language: 'ar', loadDemo: false,
  })).ok).toBe(true);
  await signIn(page, ar);
  await page.getByRole('link', { name: ar('nav.organisation'), exact: true }).click();
  const settings = page.getByRole('region', { name: ar('postSettings.title') });
  await settings.getByLabel(ar('postSettings.language')).selectOption('en');
  await settings.getByRole('button', { name: ar('postSettings.save') }).click();
  await expect(settings.getByRole('status')).toBeVisible();
  // A new account now starts in English.
  await expect(page.getByRole('form', { name: ar('accounts.create') }).getByLabel(ar('accounts.language'))).toHaveValue('en');

  // The operator's own language (Arabic) is still hers; sign-in itself is now in English.
  await page.getByRole('button', { name: ar('signIn.signOut') }).click();
  await expect(page.getByRole('heading', { name: en('signIn.title') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await signIn(page, en);
  await expect(page.getByRole('navigation', { name: ar('nav.main') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});
