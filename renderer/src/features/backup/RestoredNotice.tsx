// Shown at sign-in after a restore: the window was reloaded onto the restored database, so
// what the restore did (where the replaced database is, numbers found twice) is said here.
import { useEffect, useState } from 'react';
import { backupRestoreResult } from '../../../../shared/api/schemas';
import { useLocale } from '../../i18n';
import { RESTORED_NOTICE_KEY } from './BackupScreen';

function readNotice() {
  try {
    const parsed = backupRestoreResult.safeParse(JSON.parse(sessionStorage.getItem(RESTORED_NOTICE_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function RestoredNotice() {
  const { t } = useLocale();
  const [restored] = useState(readNotice);
  // Said once: the next sign-in screen (a later sign-out) does not repeat it.
  useEffect(() => sessionStorage.removeItem(RESTORED_NOTICE_KEY), []);
  if (!restored) return null;
  return (
    <div className="notice notice--top" role="status">
      <p>{t('backups.restored')} <bdi dir="ltr">{restored.file}</bdi></p>
      {restored.keptAs ? <p>{t('backups.restoredKept')} <bdi dir="ltr">{restored.keptAs}</bdi></p> : null}
      {restored.duplicates.length > 0 ? (
        <p>{t('backups.duplicatesFound', { n: restored.duplicates.length })} <bdi dir="ltr">{restored.duplicates.map((d) => d.number).join(', ')}</bdi></p>
      ) : null}
    </div>
  );
}
