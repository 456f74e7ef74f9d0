// Adding a laptop to the post: the administrator saves the post's key to a USB stick, and the
// new laptop's first run joins with it (features/setup/FirstRun.tsx). The core writes the file
// where the shell's save dialog says; the key itself never reaches the renderer.
import { useState } from 'react';
import type { ApiError, Output } from '../../../../shared/api';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { ErrorBanner } from '../../ui/Field';

export function PostKeyPanel() {
  const { t, errorText } = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<Output<'post.exportKey'>>(null);

  async function save() {
    setBusy(true);
    setError(undefined);
    const r = await call('post.exportKey', {});
    setBusy(false);
    if (r.ok) setSaved(r.value);
    else setError(r.error);
  }

  return (
    <div className="panel" role="group" aria-labelledby="post-key-title" aria-busy={busy}>
      <h2 id="post-key-title">{t('postKey.title')}</h2>
      <p className="muted">{t('postKey.intro')}</p>
      <p className="notice">{t('postKey.warning')}</p>
      <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void save()}>{t('postKey.save')}</button>
      </div>
      {saved ? (
        <dl className="backup__facts" role="status" aria-label={t('postKey.saved')}>
          <dt>{t('postKey.savedTo')}</dt><dd><bdi dir="ltr">{saved.file}</bdi></dd>
        </dl>
      ) : null}
    </div>
  );
}
