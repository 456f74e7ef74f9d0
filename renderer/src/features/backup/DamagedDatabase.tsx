// Shown instead of sign-in when this console's database could not be opened because it is
// damaged (issue #18 item 6): what SQLite found, and the shift-change safety copies to restore
// from. The shell answers from electron/core/damagedConsole.ts; after a restore it opens the
// core again, and this window reloads onto the restored database.
import { useState } from 'react';
import type { ApiError, Output } from '../../../../shared/api';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { ErrorBanner } from '../../ui/Field';
import { fileSize } from './BackupScreen';

export function DamagedDatabase({ health }: { health: NonNullable<Output<'database.health'>> }) {
  const locale = useLocale();
  const { t, dateTime, errorText } = locale;
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  async function restore(name: string) {
    if (!window.confirm(t('integrity.damagedConfirm'))) return;
    setBusy(true);
    setError(undefined);
    const result = await call('database.restoreSafetyCopy', { name });
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
          <table className="table" aria-labelledby="damaged-copies">
            <thead><tr><th scope="col">{t('backups.shift')}</th><th scope="col">{t('backups.size')}</th><th scope="col"><span className="visually-hidden">{t('backups.actions')}</span></th></tr></thead>
            <tbody>
              {health.safetyCopies.map((c) => {
                const when = c.shiftStart !== null ? dateTime(c.shiftStart) : c.name;
                return (
                  <tr key={c.name}>
                    <td><bdi>{when}</bdi></td>
                    <td>{fileSize(c.bytes, locale)}</td>
                    <td>
                      <button type="button" className="button button--small" disabled={busy} aria-label={t('integrity.damagedRestore', { shift: when })}
                        onClick={() => void restore(c.name)}>{t('integrity.damagedRestoreShort')}</button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </main>
  );
}
