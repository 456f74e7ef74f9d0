// Shown only where the post's key was lost with the settings file (setup.status postKeyMissing):
// the administrator reads the post's key file again, with its passphrase. The core takes only
// this post's key and never replaces one (electron/core/post/restorePostKey.ts).
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../shared/api';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';

export function RestoreKeyPanel() {
  const { t, errorText, tCode } = useLocale();
  const status = useQuery('setup.status', {});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [restored, setRestored] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  if (!status.data?.postKeyMissing && !restored) return null;

  async function restore(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const r = await call('post.restoreKey', passphrase.trim() ? { passphrase } : {});
    setBusy(false);
    if (!r.ok) return setError(r.error);
    if (r.value) {
      setRestored(true);
      setPassphrase('');
      status.reload();
    }
  }

  return (
    <form className="panel" role="group" aria-labelledby="restore-key-title" aria-busy={busy} onSubmit={(e) => void restore(e)} noValidate>
      <h2 id="restore-key-title">{t('trust.restoreTitle')}</h2>
      {restored ? <p role="status">{t('trust.restored')}</p> : (
        <>
          <p className="muted">{t('trust.restoreIntro')}</p>
          <ErrorBanner>{error && !error.fields ? errorText(error) : null}</ErrorBanner>
          <Field label={t('postKey.passphrase')} error={error?.fields?.passphrase ? tCode(error.fields.passphrase) : undefined}>
            <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
          </Field>
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>{t('trust.restore')}</button>
          </div>
        </>
      )}
    </form>
  );
}
