// Every operator of the post disabled (two administrators, offline, disabled each other; the
// sync itself is in tests/core/setup/recovery.test.ts): the console opens on recovery, not on first
// run. It says why, shows the post as it is, offers no joining and no demo data, and asks only
// for a new administrator, who then works at once with the post's data.
import { readPostKey } from '../../electron/core/post/postKey';
import { LANGUAGES } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import { expect, testIn } from './harness';

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  testIn(language)(`a console whose every operator is disabled makes a new administrator and keeps its post (${language})`, async ({ beacon }) => {
    const { page, core } = beacon;
    const rania = core.createSession();
    const post = { name: language === 'ar' ? 'مركز عمليات اللاذقية' : 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' };
    expect((await core.invoke(rania, 'setup.complete', { post, consoleLetter: 'C', operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: false })).ok).toBe(true);
    expect((await core.invoke(rania, 'incidents.log', {
      receivedAt: Date.now(), source: 'phone', type: 'fire', priority: 2, location: { district: 'latakia', locality: 'Ziraa' }, reported: { trapped: 0, injured: 1, dead: 0 },
    })).ok).toBe(true);
    const second = await core.invoke(rania, 'operators.create', { name: 'Samer Admin', pin: '1357', role: 'administrator', language });
    if (!second.ok) throw new Error('no second administrator');
    const key = readPostKey(core.context.settings, core.context.secrets);
    // Rania disables Samer here; Samer's disabling of Rania, done on another laptop, arrives as an operation.
    expect((await core.invoke(rania, 'operators.setDisabled', { id: second.value.id, disabled: true })).ok).toBe(true);
    await core.store.write(null, (w) => w.record([{ entity: 'operator', rowId: rania.operatorId!, set: { disabled: 1 } }]));

    await page.reload();
    await expect(page.getByRole('heading', { name: t('setup.recoveryTitle') })).toBeVisible();
    const form = page.getByRole('form', { name: t('setup.recoveryTitle') });
    await expect(form).toHaveAccessibleDescription(t('setup.recoveryIntro'));
    await expect(form.getByRole('group', { name: t('setup.recoveryPost') })).toBeVisible();
    await expect(page.getByLabel(t('setup.postName'))).toHaveValue(post.name);
    await expect(page.getByLabel(t('setup.postCode'))).toHaveAttribute('readonly', '');
    await expect(page.getByLabel(t('setup.consoleLetter'))).toHaveValue('C');
    await expect(page.getByRole('radio', { name: t('setup.joinPost') })).toHaveCount(0);
    await expect(page.getByRole('button', { name: t('setup.chooseKey') })).toHaveCount(0);
    await expect(page.getByLabel(t('setup.loadDemo'))).toHaveCount(0);
    await page.screenshot({ path: `test-results/screens/recovery-${language}.png`, fullPage: true });

    await page.getByLabel(t('setup.operatorName')).fill('Nour Khalil');
    await page.getByLabel(t('setup.pin'), { exact: true }).fill('9753');
    await page.getByLabel(t('setup.confirmPin')).fill('9753');
    await page.getByRole('button', { name: t('setup.submit') }).click();
    await expect(page.getByRole('navigation', { name: t('nav.main') })).toBeVisible();
    await expect(page.getByRole('main').getByRole('listbox', { name: t('queue.rows') }).getByRole('option')).toHaveCount(1);
    expect(core.context.settings.read()).toMatchObject({ post, consoleLetter: 'C' });
    expect(readPostKey(core.context.settings, core.context.secrets)).toBe(key);
  });
}
