// A supervisor sets up a centre, a team and a volunteer, corrects the team, and finds it on
// the board, off duty until someone checks in.
import { LANGUAGES } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import { expect, testIn } from './harness';

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  testIn(language)(`a supervisor adds a centre, a team and a volunteer (${language})`, async ({ beacon }) => {
    const { page, core } = beacon;
    const setup = await core.invoke(core.createSession(), 'setup.complete', {
      post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
      operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: false,
    });
    expect(setup.ok).toBe(true);
    await page.reload();
    await page.getByLabel(t('signIn.name')).fill('Rania Haddad');
    await page.getByLabel(t('signIn.pin')).fill('2468');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: t('nav.organisation'), exact: true }).click();

    const centres = page.getByRole('form', { name: t('organisation.centres') });
    await centres.getByLabel(t('organisation.name')).fill(language === 'ar' ? 'مركز جبلة' : 'Jableh centre');
    await centres.getByLabel(t('organisation.district')).selectOption('jableh');
    await centres.getByRole('checkbox', { name: language === 'ar' ? 'القرداحة' : 'Al-Qardaha' }).check();
    await centres.getByRole('button', { name: t('organisation.save') }).click();
    // exact: the page's own region ("Centres, teams and volunteers") also contains the word.
    await expect(page.getByRole('region', { name: t('organisation.centres'), exact: true }).getByRole('listitem')).toHaveCount(1);

    const teams = page.getByRole('form', { name: t('organisation.teams') });
    await expect(teams.getByLabel(t('organisation.centre')).getByRole('option')).toHaveCount(1);
    await teams.getByLabel(t('organisation.callSign')).fill('Rescue 3 Jableh');
    await teams.getByLabel(t('organisation.kind')).selectOption('search_rescue');
    await teams.getByLabel(t('organisation.radio')).fill('CH-2');
    await teams.getByRole('button', { name: t('organisation.save') }).click();
    await page.getByRole('button', { name: t('organisation.edit', { name: 'Rescue 3 Jableh' }) }).click();
    await expect(teams.getByLabel(t('organisation.radio'))).toHaveValue('CH-2');
    await teams.getByLabel(t('organisation.radio')).fill('CH-5');
    await teams.getByRole('button', { name: t('organisation.save') }).click();

    const volunteers = page.getByRole('form', { name: t('organisation.volunteers') });
    await expect(volunteers.getByLabel(t('organisation.centre')).getByRole('option')).toHaveCount(1);
    await volunteers.getByLabel(t('organisation.name')).fill('Nour Deeb');
    await volunteers.getByLabel(t('organisation.role')).selectOption('paramedic');
    await volunteers.getByLabel(t('organisation.phone')).fill('0944 555 111');
    await volunteers.getByRole('button', { name: t('organisation.save') }).click();
    await expect(page.getByRole('button', { name: t('organisation.edit', { name: 'Nour Deeb' }) })).toBeVisible();
    // An administrator creates an operator account and disables it.
    const accounts = page.getByRole('form', { name: t('accounts.create') });
    await accounts.getByLabel(t('accounts.name')).fill('Fadi Ali');
    await accounts.getByLabel(t('accounts.pin')).fill('1357');
    await accounts.getByLabel(t('accounts.role')).selectOption('operator');
    await accounts.getByRole('button', { name: t('accounts.create') }).press('Enter');
    await expect(page.getByText(t('accounts.created', { name: 'Fadi Ali' }))).toBeVisible();
    await page.getByRole('button', { name: t('accounts.disable', { name: 'Fadi Ali' }) }).press('Enter');
    await expect(page.getByRole('button', { name: t('accounts.enable', { name: 'Fadi Ali' }) })).toBeVisible();
    expect((await core.invoke(core.createSession(), 'session.signIn', { name: 'Fadi Ali', pin: '1357' })).ok).toBe(false);
    await page.screenshot({ path: `test-results/screens/organisation-${language}.png`, fullPage: true });

    await page.getByRole('link', { name: t('nav.queues'), exact: true }).click();
    await expect(page.getByRole('listbox', { name: t('teams.rows') }).getByRole('option', { name: `Rescue 3 Jableh — ${t('teamStatus.off_duty')}` })).toBeVisible();
  });
}
