// Sync: an administrator's hubs (add after a test, remove, each hub's state), and bundles on
// a USB stick, which the duty officer carries too (see shared/api/roles.ts).
import { useState, type FormEvent } from 'react';
import type { ApiError, HubTls, Input } from '../../../../shared/api';
import { HUB_TLS_MODES } from '../../../../shared/api/schemas';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { useMay } from '../../ui/role';
import { BundlesPanel } from './BundlesPanel';
import { HeldBackPanel } from './HeldBackPanel';
import { PostKeyPanel } from '../post/PostKeyPanel';
import { RestoreKeyPanel } from '../post/RestoreKeyPanel';
import { hubLine, useSyncStatus } from './SyncStatus';

type HubTlsMode = HubTls['mode'];
// A hub over the internet should be encrypted: that is where the form starts.
const EMPTY = { name: '', url: '', password: '', tls: 'require' as HubTlsMode, caFile: '' };
type Form = typeof EMPTY;

const hubConnection = (form: Form): Input<'sync.testHub'> => ({
  url: form.url.trim(),
  ...(form.password ? { password: form.password } : {}),
  tls: { mode: form.tls, caFile: form.tls === 'verify' && form.caFile.trim() ? form.caFile.trim() : null },
});
const hubInput = (form: Form): Input<'sync.addHub'> => ({ ...hubConnection(form), name: form.name });

export function SyncScreen() {
  const { t } = useLocale();
  const may = useMay();
  return (
    <section className="stats" aria-labelledby="sync-title">
      <div className="incident__head">
        {/* A supervisor comes here for bundles only: hubs are the administrator's. */}
        <h1 id="sync-title">{may('sync.hubs') ? t('sync.title') : t('sync.titleBundles')}</h1>
        {may('sync.now') ? <button type="button" className="button" onClick={() => void call('sync.now', {})}>{t('sync.now')}</button> : null}
      </div>
      {may('sync.hubs') ? <HubsPanel /> : null}
      {may('sync.health') ? <HeldBackPanel /> : null}
      {may('sync.importBundle') ? <BundlesPanel /> : null}
      {/* Where bundles live: an administrator adding a laptop to the post starts here. */}
      {may('post.restoreKey') ? <RestoreKeyPanel /> : null}
      {may('post.exportKey') ? <PostKeyPanel /> : null}
    </section>
  );
}

function HubsPanel() {
  const { t, tCode, duration, dateTime, time, errorText, sep } = useLocale();
  const { data: hubs, reload } = useQuery('sync.hubs', {});
  const [status, refresh] = useSyncStatus(3_000);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState<string>();
  const done = (r: { ok: boolean; error?: ApiError }, message?: string) => {
    setError(r.ok ? undefined : r.error);
    setNotice(r.ok ? message : undefined);
    reload();
    refresh();
  };
  async function add(e: FormEvent) {
    e.preventDefault();
    const r = await call('sync.addHub', hubInput(form));
    done(r, t('sync.added'));
    if (r.ok) setForm(EMPTY);
  }
  return (
    <>
      <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
      {notice ? <p role="status" className="notice">{notice}</p> : null}
      <div className="panel">
        {(hubs ?? []).length === 0 ? <p className="muted">{t('sync.none')}</p> : (
          <ul className="editor__list">
            {(hubs ?? []).map((h) => {
              const s = status.find((x) => x.id === h.id);
              return (
                <li key={h.id}>
                  <div>
                    <strong><bdi>{h.name}</bdi></strong> <bdi dir="ltr" className="muted">{h.address}</bdi>
                    <span className="muted">{sep}{t(`sync.tls_${h.tls}`)}{h.password ? `${sep}${t('sync.passwordStored')}` : ''}</span>
                    {s ? <p className="muted">{hubLine(s, t, tCode, duration, sep)}{s.lastSuccessAt ? `${sep}${t('sync.lastSuccess')}: ${dateTime(s.lastSuccessAt)}` : ''}
                      {s.lastMoved ? `${sep}${t('sync.moved', { pushed: s.lastMoved.pushed, pulled: s.lastMoved.pulled })}` : ''}
                      {s.state === 'error' && s.nextAttemptAt ? `${sep}${t('sync.next')}: ${time(s.nextAttemptAt)}` : ''}</p> : null}
                  </div>
                  <button type="button" className="button button--ghost button--small" aria-label={t('sync.remove', { name: h.name })}
                    onClick={() => void call('sync.removeHub', { id: h.id }).then((r) => done(r))}>{t('sync.remove', { name: '' })}</button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <form className="panel grid2" aria-label={t('sync.add')} onSubmit={(e) => void add(e)}>
        <Field label={t('sync.name')}><input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></Field>
        <Field label={t('sync.url')}><input value={form.url} dir="ltr" autoComplete="off" onChange={(e) => setForm({ ...form, url: e.target.value })} /></Field>
        <Field label={t('sync.password')} hint={t('sync.passwordHint')} error={error?.fields?.password ? tCode(error.fields.password) : undefined}>
          <input type="password" value={form.password} dir="ltr" autoComplete="new-password" onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </Field>
        <Field label={t('sync.tls')}>
          <select value={form.tls} onChange={(e) => setForm({ ...form, tls: e.target.value as HubTlsMode })}>
            {HUB_TLS_MODES.map((m) => <option key={m} value={m}>{t(`sync.tls_${m}`)}</option>)}
          </select>
        </Field>
        {form.tls === 'verify' ? (
          <Field label={t('sync.caFile')} hint={t('sync.caFileHint')}>
            <input value={form.caFile} dir="ltr" onChange={(e) => setForm({ ...form, caFile: e.target.value })} />
          </Field>
        ) : null}
        <div className="actions span2">
          <button type="button" className="button" onClick={() => void call('sync.testHub', hubConnection(form)).then((r) => done(r, t('sync.tested')))}>{t('sync.test')}</button>
          <button type="submit" className="button button--primary">{t('sync.add')}</button>
        </div>
      </form>
    </>
  );
}
