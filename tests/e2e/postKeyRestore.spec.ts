// Issue #18 item 2, on screen: a console whose post key went with its settings file (here the
// harness's in-memory secret store, lost at a restart) says so in every window, and its
// administrator reads the post's key file again from the Sync screen; the notice then goes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPostKey } from '../../electron/core/post/postKey';
import { LANGUAGES } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import { expect, signIn, testIn } from './harness';

const PASSPHRASE = 'cedar lighthouse 42';

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  testIn(language)(`a console that lost its post key says so and takes its post's key file back (${language})`, async ({ beacon }) => {
    const { page } = beacon;
    const admin = beacon.core.createSession();
    const post = { name: language === 'ar' ? 'مركز عمليات اللاذقية' : 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' };
    expect((await beacon.core.invoke(admin, 'setup.complete', { post, consoleLetter: 'A', operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: false })).ok).toBe(true);
    const keyFile = join(mkdtempSync(join(tmpdir(), 'beacon-key-')), 'beacon-post-LTK.key');
    beacon.chooseFile(keyFile);
    expect((await beacon.core.invoke(admin, 'post.exportKey', { passphrase: PASSPHRASE })).ok).toBe(true);
    const key = readPostKey(beacon.core.context.settings, beacon.core.context.secrets);
    await beacon.restartCore();

    await expect(page.getByText(t('trust.postKeyMissing'))).toBeVisible();
    await signIn(page, t);
    await page.getByRole('link', { name: t('nav.sync'), exact: true }).click();
    const panel = page.getByRole('group', { name: t('trust.restoreTitle') });
    await panel.getByLabel(t('postKey.passphrase')).fill(PASSPHRASE);
    await page.screenshot({ path: `test-results/screens/post-key-missing-${language}.png`, fullPage: true });
    await panel.getByRole('button', { name: t('trust.restore') }).click();
    await expect(panel.getByText(t('trust.restored'))).toBeVisible();
    expect(readPostKey(beacon.core.context.settings, beacon.core.context.secrets)).toBe(key);
    await page.reload();
    await expect(page.getByText(t('trust.postKeyMissing'))).toHaveCount(0);
  });
}
