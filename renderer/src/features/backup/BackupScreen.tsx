// The administrator's backup and restore: a copy written while work goes on, and a backup (a
// file or a shift-change safety copy) checked and shown before it replaces this console's
// database. Paths are only shown here: the main process's dialog or the core chooses them.
import { useEffect, useRef, useState } from 'react';
import type { ApiError, BackupInspection, DuplicateNumber, Output } from '../../../../shared/api';
import { useLocale, type Locale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner } from '../../ui/Field';

/** Read by the sign-in screen after the reload, so the administrator sees what was done. */
export const RESTORED_NOTICE_KEY = 'beacon.restoredNotice';

export function fileSize(bytes: number, { t, number }: Locale): string {
  if (bytes < 1024 * 1024) return t('backups.kilobytes', { n: number(Math.max(1, bytes / 1024)) });
  if (bytes < 1024 ** 3) return t('backups.megabytes', { n: number(bytes / 1024 ** 2, 1) });
  return t('backups.gigabytes', { n: number(bytes / 1024 ** 3, 2) });
}

function Duplicates({ list }: { list: readonly DuplicateNumber[] }) {
  const { t } = useLocale();
  if (list.length === 0) return null;
  return (
    <div className="notice" role="note">
      <p>{t('backups.duplicatesFound', { n: list.length })}</p>
      <ul className="backup__numbers">
        {list.map((d) => <li key={d.number}><bdi dir="ltr">{d.number}</bdi> × {d.count}</li>)}
      </ul>
    </div>
  );
}

/**
 * The shift-change safety copies, newest first, each with one action (check it before a restore;
 * restore it when the database is damaged): one table for both screens.
 */
export function SafetyCopiesTable({ copies, labelledBy, busy, actionLabel, actionShort, onAction }: {
  copies: readonly { name: string; bytes: number; shiftStart: number | null }[];
  labelledBy: string;
  busy: boolean;
  actionLabel: (shift: string) => string;
  actionShort: string;
  onAction: (name: string) => void;
}) {
  const locale = useLocale();
  const { t, dateTime } = locale;
  return (
    <table className="table" aria-labelledby={labelledBy}>
      <thead><tr><th scope="col">{t('backups.shift')}</th><th scope="col">{t('backups.size')}</th><th scope="col"><span className="visually-hidden">{t('backups.actions')}</span></th></tr></thead>
      <tbody>
        {copies.map((c) => {
          const when = c.shiftStart !== null ? dateTime(c.shiftStart) : c.name;
          return (
            <tr key={c.name}>
              <td><bdi>{when}</bdi></td>
              <td>{fileSize(c.bytes, locale)}</td>
              <td>
                <button type="button" className="button button--small" disabled={busy} aria-label={actionLabel(when)}
                  onClick={() => onAction(c.name)}>{actionShort}</button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function BackupScreen() {
  const locale = useLocale();
  const { t, number, errorText } = locale;
  const { data: status, reload } = useQuery('backup.status', {});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<Output<'backup.create'>>(null);
  const [inspected, setInspected] = useState<BackupInspection | null>(null);

  async function run<T>(work: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>, then: (value: T) => void) {
    setBusy(true);
    setError(undefined);
    try {
      const result = await work();
      if (result.ok) then(result.value);
      else setError(result.error);
    } finally {
      setBusy(false);
    }
  }

  const backUp = () => run(() => call('backup.create', {}), (value) => {
    setWritten(value);
    reload();
  });
  const inspect = (safetyCopy?: string) => run(
    () => call('backup.inspect', safetyCopy ? { safetyCopy } : {}),
    (value) => {
      setInspected(value);
      setWritten(null);
    },
  );
  const restore = (token: string) => run(() => call('backup.restore', { token }), (value) => {
    // The main process has reopened the core on the restored database; everyone signs in again.
    sessionStorage.setItem(RESTORED_NOTICE_KEY, JSON.stringify(value));
    window.location.hash = '#/';
    window.location.reload();
  });

  return (
    <section className="stats backup" aria-labelledby="backup-title" aria-busy={busy}>
      <h1 id="backup-title">{t('backups.title')}</h1>
      <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
      {status && !status.canChooseFiles ? <p className="notice">{t('backup.noFileDialog')}</p> : null}

      <div className="panel" role="group" aria-labelledby="backup-take">
        <h2 id="backup-take">{t('backups.takeTitle')}</h2>
        <p className="muted">{t('backups.takeIntro')}</p>
        <div className="actions">
          <button type="button" className="button button--primary" disabled={busy || !status?.canChooseFiles} onClick={() => void backUp()}>{t('backups.take')}</button>
        </div>
        {written ? (
          <dl className="backup__facts" role="status" aria-label={t('backups.written')}>
            <dt>{t('backups.writtenTo')}</dt><dd><bdi dir="ltr">{written.file}</bdi></dd>
            <dt>{t('backups.size')}</dt><dd>{fileSize(written.bytes, locale)}</dd>
            <dt>{t('backups.incidents')}</dt><dd>{number(written.incidents)}</dd>
          </dl>
        ) : null}
      </div>

      <div className="panel" role="group" aria-labelledby="backup-restore">
        <h2 id="backup-restore">{t('backups.restoreTitle')}</h2>
        <p className="muted">{t('backups.restoreIntro')}</p>
        <div className="actions">
          <button type="button" className="button" disabled={busy || !status?.canChooseFiles} onClick={() => void inspect()}>{t('backups.chooseFile')}</button>
        </div>
        <h3 id="backup-copies">{t('backups.safetyCopies')}</h3>
        {status && status.safetyCopies.length === 0 ? <p className="muted">{t('backups.noSafetyCopies')}</p> : (
          <SafetyCopiesTable copies={status?.safetyCopies ?? []} labelledBy="backup-copies" busy={busy}
            actionLabel={(shift) => t('backups.checkCopy', { shift })} actionShort={t('backups.checkCopyShort')} onAction={(name) => void inspect(name)} />
        )}
        {status?.folder ? <p className="muted">{t('backups.folder')} <bdi dir="ltr">{status.folder}</bdi></p> : null}
      </div>

      {inspected ? <Confirm inspection={inspected} busy={busy} onRestore={() => void restore(inspected.token)} onCancel={() => setInspected(null)} /> : null}

      {status && status.duplicates.length > 0 ? (
        <div className="panel" role="group" aria-labelledby="backup-duplicates">
          <h2 id="backup-duplicates">{t('backups.duplicatesTitle')}</h2>
          <p className="muted">{t('backups.duplicatesIntro')}</p>
          <Duplicates list={status.duplicates} />
        </div>
      ) : null}
    </section>
  );
}

function Confirm({ inspection: b, busy, onRestore, onCancel }: { inspection: BackupInspection; busy: boolean; onRestore: () => void; onCancel: () => void }) {
  const locale = useLocale();
  const { t, dateTime, number } = locale;
  const otherPost = b.postCode !== null && b.thisPostCode !== null && b.postCode !== b.thisPostCode;
  const heading = useRef<HTMLHeadingElement>(null);
  // The check appears below the lists: bring it into view and read it out before anything is confirmed.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [b.token]);
  return (
    <div className="panel backup__confirm" role="region" aria-labelledby="backup-check">
      <h2 id="backup-check" ref={heading} tabIndex={-1}>{t('backups.checkTitle')}</h2>
      <dl className="backup__facts">
        <dt>{t('backups.file')}</dt><dd><bdi dir="ltr">{b.file}</bdi></dd>
        <dt>{t('backups.modified')}</dt><dd>{dateTime(b.modifiedAt)}</dd>
        <dt>{t('backups.size')}</dt><dd>{fileSize(b.bytes, locale)}</dd>
        <dt>{t('backups.checks')}</dt><dd>{t('backups.checksOk', { version: b.schemaVersion })}</dd>
        <dt>{t('backups.post')}</dt><dd><bdi dir="ltr">{b.postCode ?? '—'}</bdi></dd>
        <dt>{t('backups.incidents')}</dt><dd>{number(b.incidents)}</dd>
        <dt>{t('backups.newest')}</dt><dd>{b.newestIncidentAt !== null ? dateTime(b.newestIncidentAt) : '—'}</dd>
      </dl>
      {otherPost ? <p className="notice" role="alert">{t('backups.otherPost', { theirs: b.postCode ?? '', ours: b.thisPostCode ?? '' })}</p> : null}
      <Duplicates list={b.duplicates} />
      <p><strong>{t('backups.confirmText')}</strong> {t('backups.keptAs')} <bdi dir="ltr">{`${b.databaseFile}.before-restore-…`}</bdi></p>
      <div className="actions">
        <button type="button" className="button button--danger" disabled={busy} onClick={onRestore}>{t('backups.confirm')}</button>
        <button type="button" className="button" disabled={busy} onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
