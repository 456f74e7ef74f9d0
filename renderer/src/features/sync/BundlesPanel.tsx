// Bundles on a USB stick, for a post without a link: export (all, or since a day) to a file
// the shell's dialog picks, and import one with progress. The core checks a bundle whole
// before applying anything, then applies it in batches; this panel asks how far along it is.
import { useEffect, useState } from 'react';
import type { ApiError, BundleExportProgress, BundleImportStarted, BundleImportStatus, Output } from '../../../../shared/api';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { fileSize } from '../backup/BackupScreen';

/** Reasons a signed operation is set aside though authentic (issue #18): their words are in the `trust` section. */
const TRUST_REASONS = new Set(['unsafeValue', 'notAuthorized']);

const POLL_MS = 300;

export function BundlesPanel() {
  const locale = useLocale();
  const { t, dateTime, number, errorText } = locale;
  const [scope, setScope] = useState<'all' | 'since'>('all');
  const [since, setSince] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [written, setWritten] = useState<Output<'sync.exportBundle'>>(null);
  const [started, setStarted] = useState<BundleImportStarted | null>(null);
  const [status, setStatus] = useState<BundleImportStatus | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportProgress, setExportProgress] = useState<BundleExportProgress | null>(null);

  async function exportBundle() {
    setBusy(true);
    setExporting(true);
    setError(undefined);
    const r = await call('sync.exportBundle', scope === 'since' && since ? { since } : {});
    setBusy(false);
    setExporting(false);
    setExportProgress(null);
    if (r.ok) setWritten(r.value);
    else setError(r.error);
  }

  // A whole post's log takes a while to write to a stick: how far along, while it runs.
  useEffect(() => {
    if (!exporting) return;
    let live = true;
    const ask = async () => {
      const r = await call('sync.exportProgress', {});
      if (!live) return;
      if (r.ok) setExportProgress(r.value);
      setTimeout(() => { if (live) void ask(); }, POLL_MS);
    };
    void ask();
    return () => { live = false; };
  }, [exporting]);

  async function importBundle() {
    setBusy(true);
    setError(undefined);
    const r = await call('sync.importBundle', {});
    setBusy(false);
    if (!r.ok) return setError(r.error);
    if (!r.value) return;
    setStarted(r.value);
    setStatus(null);
  }

  const jobId = started?.jobId;
  useEffect(() => {
    if (!jobId) return;
    let live = true;
    const ask = async () => {
      const r = await call('sync.bundleStatus', { jobId });
      if (!live) return;
      if (!r.ok) return setError(r.error);
      setStatus(r.value);
      if (r.value.state === 'running') setTimeout(() => void ask(), POLL_MS);
    };
    void ask();
    return () => { live = false; };
  }, [jobId]);

  return (
    <div className="panel" role="group" aria-labelledby="bundles-title" aria-busy={busy}>
      <h2 id="bundles-title">{t('bundles.title')}</h2>
      <p className="muted">{t('bundles.intro')}</p>
      <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>

      <h3 id="bundles-export">{t('bundles.exportTitle')}</h3>
      <div className="stats__controls" role="group" aria-labelledby="bundles-export">
        <Field label={t('bundles.scope')}>
          <select value={scope} onChange={(e) => setScope(e.target.value as 'all' | 'since')}>
            <option value="all">{t('bundles.all')}</option>
            <option value="since">{t('bundles.since')}</option>
          </select>
        </Field>
        {scope === 'since' ? (
          <Field label={t('bundles.sinceDate')} error={error?.fields?.since ? locale.tCode(error.fields.since) : undefined}>
            <input type="date" value={since} onChange={(e) => setSince(e.target.value)} />
          </Field>
        ) : null}
        <div className="actions">
          <button type="button" className="button button--primary" disabled={busy || (scope === 'since' && !since)} onClick={() => void exportBundle()}>{t('bundles.export')}</button>
        </div>
      </div>
      {exportProgress ? (
        <div role="status">
          <label htmlFor="bundle-export-progress">{t('bundles.exportProgress', { written: number(exportProgress.written), total: number(exportProgress.total) })}</label>
          <progress id="bundle-export-progress" max={Math.max(1, exportProgress.total)} value={exportProgress.written} />
        </div>
      ) : null}
      {written && !exporting ? (
        <dl className="backup__facts" role="status" aria-label={t('bundles.written')}>
          <dt>{t('bundles.writtenTo')}</dt><dd><bdi dir="ltr">{written.file}</bdi></dd>
          <dt>{t('bundles.operations')}</dt><dd><bdi>{number(written.operations)}</bdi></dd>
          <dt>{t('bundles.size')}</dt><dd><bdi>{fileSize(written.bytes, locale)}</bdi></dd>
        </dl>
      ) : null}

      <h3 id="bundles-import">{t('bundles.importTitle')}</h3>
      <div className="actions">
        <button type="button" className="button" disabled={busy || status?.state === 'running' || (started !== null && status === null)}
          onClick={() => void importBundle()}>{t('bundles.import')}</button>
      </div>
      {started ? (
        <dl className="backup__facts" aria-label={t('bundles.holds')}>
          <dt>{t('bundles.file')}</dt><dd><bdi dir="ltr">{started.file}</bdi></dd>
          <dt>{t('bundles.madeAt')}</dt><dd><bdi>{dateTime(started.createdAt)}</bdi></dd>
          <dt>{t('bundles.madeBy')}</dt><dd><bdi dir="ltr">{started.fromOrigin.slice(0, 6)}</bdi></dd>
          <dt>{t('bundles.operations')}</dt><dd><bdi>{number(started.operations)}</bdi></dd>
        </dl>
      ) : null}
      {status ? <ImportProgress status={status} /> : null}
    </div>
  );
}

function ImportProgress({ status }: { status: BundleImportStatus }) {
  const { t, tCode, number } = useLocale();
  if (status.state === 'running') {
    return (
      <div role="status">
        <label htmlFor="bundle-progress">{t('bundles.progress')}</label>
        <progress id="bundle-progress" max={Math.max(1, status.total)} value={status.processed} />
      </div>
    );
  }
  return (
    <div role="status" aria-label={t('bundles.done')}>
      {status.state === 'failed' ? <p className="notice">{t('bundles.failed')}</p> : null}
      {status.state === 'done' && status.applied === 0 && status.quarantined === 0 ? <p className="notice">{t('bundles.nothingNew')}</p> : null}
      <dl className="backup__facts">
        <dt>{t('bundles.applied')}</dt><dd><bdi>{number(status.applied)}</bdi></dd>
        <dt>{t('bundles.known')}</dt><dd><bdi>{number(status.known)}</bdi></dd>
        <dt>{t('bundles.quarantined')}</dt>
        <dd>
          <bdi>{number(status.quarantined)}</bdi>
          {status.reasons.length > 0 ? (
            <ul>
              {status.reasons.map((r) => <li key={r.reason}>{tCode(TRUST_REASONS.has(r.reason) ? `trust.reason_${r.reason}` : `bundles.reason_${r.reason}`)}: <bdi>{number(r.count)}</bdi></li>)}
            </ul>
          ) : null}
        </dd>
      </dl>
    </div>
  );
}
