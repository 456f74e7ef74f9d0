// Shown instead of sign-in when this console's database could not be opened because it is
// damaged (issue #18 item 6): what SQLite found, and the shift-change safety copies to restore
// from. The shell answers from electron/core/damagedConsole.ts; after a restore it opens the
// core again, and this window reloads onto the restored database.
import { useState } from 'react';
import type { ApiError, Output } from '../../../../shared/api';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { ErrorBanner } from '../../ui/Field';
import { SafetyCopiesTable } from './BackupScreen';

export function DamagedDatabase({ health }: { health: NonNullable<Output<'backup.health'>> }) {
  const { t, errorText } = useLocale();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  async function restore(name: string) {
    if (!window.confirm(t('integrity.damagedConfirm'))) return;
    setBusy(true);
    setError(undefined);
    const result = await call('backup.restoreSafetyCopy', { name });
    setBusy(false);
    if (result.ok) window.location.reload();
    else setError(result.error);
  }

  return (
    <main className="centered">
      <div className="card card--wide" role="group" aria-labelledby="damaged-title">
        <h1 id="damaged-title">{t('integrity.damagedTitle')}</h1>
        <p className="notice" role="alert">{errorText({ code: health.code, params: health.params })}</p>
        <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
        <h2 id="damaged-copies">{t('integrity.damagedCopies')}</h2>
        {health.safetyCopies.length === 0 ? <p>{t('integrity.damagedNoCopies')}</p> : (
          <SafetyCopiesTable copies={health.safetyCopies} labelledBy="damaged-copies" busy={busy}
            actionLabel={(shift) => t('integrity.damagedRestore', { shift })} actionShort={t('integrity.damagedRestoreShort')} onAction={(name) => void restore(name)} />
        )}
      </div>
    </main>
  );
}
