// A supervisor moves the post to three shifts: the header's shift follows at once, and a
// start time given twice is refused beside the field.
import { shiftAt } from '../../shared/time/shifts';
import { createTranslator } from '../../shared/i18n';
import { expect, signIn, testIn } from './harness';

const TZ = 'Asia/Damascus';
const hhmm = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

for (const language of ['en', 'ar'] as const) {
  const t = createTranslator(language);
  testIn(language)(`three shifts instead of two, and the header follows (${language})`, async ({ beacon }) => {
    const { page, core } = beacon;
    const setup = await core.invoke(core.createSession(), 'setup.complete', {
      post: { name: 'Latakia command post', code: 'LTK', timeZone: TZ }, consoleLetter: 'A',
      operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: false,
    });
    expect(setup.ok).toBe(true);
    await page.reload();
    await signIn(page, t);
    await page.getByRole('link', { name: t('nav.organisation'), exact: true }).click();
    const panel = page.getByRole('region', { name: t('shiftPattern.title') });
    await expect(panel.getByLabel(t('shiftPattern.start', { n: 2 }))).toHaveValue('20:00');

    // The same start twice: refused, the pattern unchanged.
    await panel.getByLabel(t('shiftPattern.start', { n: 2 })).fill('08:00');
    await panel.getByRole('button', { name: t('shiftPattern.save') }).click();
    await expect(panel.getByText(t('validation.shiftRepeated'))).toBeVisible();

    await panel.getByRole('button', { name: t('shiftPattern.three') }).click();
    await expect(panel.getByLabel(t('shiftPattern.start', { n: 3 }))).toHaveValue('22:00');
    await panel.getByRole('button', { name: t('shiftPattern.save') }).click();
    await expect(panel.getByRole('status')).toBeVisible();
    expect((await core.invoke(core.createSession(), 'setup.status', {})).ok).toBe(true);
    const shift = shiftAt(Date.now(), ['06:00', '14:00', '22:00'], TZ);
    await expect(page.locator('.shift-clock')).toContainText(hhmm(shift.start));
    await expect(page.locator('.shift-clock')).toContainText(hhmm(shift.end));
    await page.screenshot({ path: `test-results/screens/shift-pattern-${language}.png`, fullPage: true });
  });
}
