// A post gets a second laptop: the administrator saves the post's key to a stick from the sync
// screen, sealed with a passphrase typed twice; the new laptop's first run joins the post with
// it and the passphrase (a wrong file or passphrase refused, said plainly, and retried; the
// post's fields taken from the file and locked), and bundles then cross.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileChooser } from '../../electron/core';
import { readPostKey } from '../../electron/core/post/postKey';
import { exportBundle, importBundle } from '../../electron/core/sync/bundles';
import { LANGUAGES } from '../../shared/domain';
import { createTranslator } from '../../shared/i18n';
import { expect, openTestCore, serve, signIn, testIn } from './harness';

for (const language of LANGUAGES) {
  const t = createTranslator(language);
  testIn(language)(`an administrator saves the post key, and a second laptop joins the post with it (${language})`, async ({ beacon }) => {
    const { page, core } = beacon;
    const admin = core.createSession();
    const post = { name: language === 'ar' ? 'مركز عمليات اللاذقية' : 'Latakia command post', code: 'LTK', timeZone: 'Asia/Damascus' };
    expect((await core.invoke(admin, 'setup.complete', { post, consoleLetter: 'A', operator: { name: 'Rania Haddad', pin: '2468' }, language, loadDemo: false })).ok).toBe(true);

    await signIn(page, t);
    await page.getByRole('navigation', { name: t('nav.main') }).getByRole('link', { name: t('nav.sync'), exact: true }).click();
    const panel = page.getByRole('group', { name: t('postKey.title') });
    await expect(panel).toContainText(t('postKey.warning'));
    const stick = mkdtempSync(join(tmpdir(), 'beacon-stick-'));
    const keyFile = join(stick, 'beacon-post-LTK.key');
    beacon.chooseFile(keyFile);
    // Arabic letters in the passphrase: it must survive the trip through both sides.
    const passphrase = language === 'ar' ? 'منارة الأرز 42' : 'cedar lighthouse 42';
    const passphraseField = panel.getByLabel(t('postKey.passphrase'), { exact: true });
    await expect(passphraseField).toHaveAccessibleDescription(t('postKey.passphraseHint'));
    // Too short, then two that differ: refused beside the field, nothing written.
    await passphraseField.fill('short');
    await panel.getByLabel(t('postKey.confirmPassphrase')).fill('short');
    await panel.getByRole('button', { name: t('postKey.save') }).click();
    await expect(panel.getByRole('alert')).toHaveText(t('validation.passphraseShort'));
    await passphraseField.fill(passphrase);
    await panel.getByLabel(t('postKey.confirmPassphrase')).fill(`${passphrase}!`);
    await panel.getByRole('button', { name: t('postKey.save') }).click();
    await expect(panel.getByRole('alert')).toHaveText(t('postKey.passphraseMismatch'));
    expect(existsSync(keyFile)).toBe(false);
    await panel.getByLabel(t('postKey.confirmPassphrase')).fill(passphrase);
    await panel.getByRole('button', { name: t('postKey.save') }).click();
    await expect(panel.getByRole('status', { name: t('postKey.saved') })).toContainText(keyFile);
    await expect(passphraseField).toHaveValue('');
    expect(beacon.suggestedName).toBe('beacon-post-LTK.key');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screens/post-key-${language}.png`, fullPage: true });

    // The new laptop: its own core and window, at its first run.
    let next: string | null = null;
    const pick = async () => next;
    const dialogs: FileChooser = { saveBackup: pick, openBackup: pick, saveBundle: pick, openBundle: pick, savePostKey: pick, openPostKey: pick, saveExport: pick };
    const laptop = await openTestCore(mkdtempSync(join(tmpdir(), 'beacon-e2e-b-')), dialogs);
    const { page: second } = await serve(page.context(), laptop);
    try {
      // A new installation starts in Arabic; switch if this run is in English.
      if (language === 'en') await second.getByRole('button', { name: createTranslator('ar')('header.languageLabel') }).click();
      await expect(second.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
      await expect(second.getByRole('heading', { name: t('setup.title') })).toBeVisible();
      await second.getByRole('radio', { name: t('setup.joinPost') }).check();

      // A file that is not a key: refused, nothing filled in.
      next = join(stick, 'notes.txt');
      writeFileSync(next, 'shopping list');
      await second.getByRole('button', { name: t('setup.chooseKey') }).click();
      await expect(second.getByRole('alert')).toHaveText(t('postKey.notAKeyFile'));
      await expect(second.getByLabel(t('setup.postCode'))).toHaveValue('');

      next = keyFile;
      await second.getByRole('button', { name: t('setup.chooseKey') }).click();
      await expect(second.getByRole('status')).toHaveText(t('setup.joining', { name: post.name, code: post.code }));
      await expect(second.getByLabel(t('setup.postName'))).toHaveValue(post.name);
      await expect(second.getByLabel(t('setup.postCode'))).toHaveAttribute('readonly', '');
      await expect(second.getByLabel(t('setup.loadDemo'))).toHaveCount(0);
      const keyPassphrase = second.getByLabel(t('setup.keyPassphrase'));
      await expect(keyPassphrase).toHaveAccessibleDescription(t('setup.keyPassphraseHint'));
      const letter = second.getByLabel(t('setup.consoleLetter'));
      await expect(letter).toHaveAccessibleDescription(t('setup.letterHint'));
      await letter.fill('B');
      await second.getByLabel(t('setup.operatorName')).fill('Omar Station');
      await second.getByLabel(t('setup.pin'), { exact: true }).fill('8642');
      await second.getByLabel(t('setup.confirmPin')).fill('8642');
      // A wrong passphrase: said plainly, nothing set up, and the form is there to try again.
      await keyPassphrase.fill('not the passphrase');
      await second.getByRole('button', { name: t('setup.submit') }).click();
      await expect(second.getByRole('alert')).toHaveText(t('postKey.wrongPassphrase'));
      expect(laptop.context.settings.read().post).toBeNull();
      await keyPassphrase.fill(passphrase);
      await second.screenshot({ path: `test-results/screens/join-${language}.png`, fullPage: true });
      await second.getByRole('button', { name: t('setup.submit') }).click();
      await expect(second.getByRole('navigation', { name: t('nav.main') })).toBeVisible();

      expect(laptop.context.settings.read()).toMatchObject({ post, consoleLetter: 'B' });
      expect(readPostKey(laptop.context.settings, laptop.context.secrets)).toBe(readPostKey(core.context.settings, core.context.secrets));
      // The point of it all: the first laptop's bundle checks out on the second.
      await exportBundle(core.context, join(stick, 'a.bundle'), {});
      expect((await importBundle(laptop.context, join(stick, 'a.bundle'))).applied).toBeGreaterThan(0);
      expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({ format: 'beacon-post-key', version: 2, post });
      expect(readFileSync(keyFile, 'utf8')).not.toContain(readPostKey(core.context.settings, core.context.secrets)!);
    } finally {
      await second.close();
      await laptop.close();
    }
  });
}
