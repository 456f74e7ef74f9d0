// An administrator adds a hub that cannot be reached: the header says so in plain words, with
// the changes waiting, and the console goes on working.
import { createTranslator } from '../../shared/i18n';
import { expect, signIn, test } from './harness';

const t = createTranslator('en');

test('a hub that cannot be reached shows in the header, and the hub can be removed', async ({ beacon }) => {
  const { page, core } = beacon;
  const setup = await core.invoke(core.createSession(), 'setup.complete', {
    post: { name: 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' }, consoleLetter: 'A',
    operator: { name: 'Rania Haddad', pin: '2468' }, language: 'en', loadDemo: false,
  });
  expect(setup.ok).toBe(true);
  await signIn(page, t);
  await page.getByRole('link', { name: t('nav.sync'), exact: true }).click();
  await expect(page.getByText(t('sync.none'))).toBeVisible();

  const form = page.getByRole('form', { name: t('sync.add') });
  await form.getByLabel(t('sync.name')).fill('Headquarters');
  // The password never comes back to the screen.
  await form.getByLabel(t('sync.url')).fill('postgres://post_ltk@127.0.0.1:1/beacon');
  await form.getByLabel(t('sync.password')).fill('s3cret');
  // A hub over the internet starts encrypted; this one is on the post's own network.
  await expect(form.getByLabel(t('sync.tls'))).toHaveValue('require');
  await form.getByLabel(t('sync.tls')).selectOption('disable');
  await form.getByRole('button', { name: t('sync.test') }).click();
  await expect(page.getByText(t('hub.unreachable'))).toBeVisible();
  await form.getByRole('button', { name: t('sync.add') }).click();
  await expect(page.getByText('postgres://post_ltk@127.0.0.1:1/beacon')).toBeVisible();
  await expect(page.getByText(t('sync.passwordStored'))).toBeVisible();
  await expect(page.getByText('s3cret')).toHaveCount(0);
  await expect(form.getByLabel(t('sync.password'))).toHaveValue('');
  expect(JSON.stringify(core.context.settings.read())).not.toContain('s3cret');
  await page.getByRole('button', { name: t('sync.now') }).click();
  const header = page.getByRole('list', { name: t('sync.status') });
  // The header asks every ten seconds.
  await expect(header).toContainText(t('sync.errorShort', { hub: 'Headquarters' }), { timeout: 15_000 });
  await expect(header.getByRole('listitem')).toHaveAttribute('title', new RegExp(t('hub.unreachable').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await page.screenshot({ path: 'test-results/screens/sync-en.png' });

  await page.getByRole('button', { name: t('sync.remove', { name: 'Headquarters' }) }).click();
  await expect(page.getByText(t('sync.none'))).toBeVisible();
  await expect(header).toHaveCount(0, { timeout: 15_000 });
});
