// Adding a laptop to the post: the administrator saves the post's key to a USB stick, and the
// new laptop's first run joins with it (features/setup/FirstRun.tsx). The core writes the file
// where the shell's save dialog says, sealed with a passphrase the administrator types twice
// here (the core needs it once); the key itself never reaches the renderer.
import { useState, type FormEvent } from 'react';
import type { ApiError, Output } from '../../../../shared/api';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';

export function PostKeyPanel() {
  const { t, errorText, tCode } = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<Output<'post.exportKey'>>(null);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const fieldError = (path: string) => (error?.fields?.[path] ? tCode(error.fields[path]) : undefined);

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    // Compared as the core reads it: spaces around a passphrase are not part of it.
    if (passphrase.trim() !== confirm.trim()) {
      setError({ code: 'error.invalidInput', fields: { confirm: 'postKey.passphraseMismatch' } });
      return;
    }
    setBusy(true);
    setError(undefined);
    const r = await call('post.exportKey', { passphrase });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setSaved(r.value);
    // Saved (or the dialog cancelled): not kept on screen for whoever sits down next.
    if (r.value) {
      setPassphrase('');
      setConfirm('');
    }
  }

  return (
    <form className="panel" role="group" aria-labelledby="post-key-title" aria-busy={busy} onSubmit={(e) => void save(e)} noValidate>
      <h2 id="post-key-title">{t('postKey.title')}</h2>
      <p className="muted">{t('postKey.intro')}</p>
      <p className="notice">{t('postKey.warning')}</p>
      <ErrorBanner>{error && !error.fields ? errorText(error) : null}</ErrorBanner>
      <div className="grid2">
        <Field label={t('postKey.passphrase')} error={fieldError('passphrase')} hint={t('postKey.passphraseHint')}>
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" />
        </Field>
        <Field label={t('postKey.confirmPassphrase')} error={fieldError('confirm')}>
          <input type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" />
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>{t('postKey.save')}</button>
      </div>
      {saved ? (
        <dl className="backup__facts" role="status" aria-label={t('postKey.saved')}>
          <dt>{t('postKey.savedTo')}</dt><dd><bdi dir="ltr">{saved.file}</bdi></dd>
        </dl>
      ) : null}
    </form>
  );
}
