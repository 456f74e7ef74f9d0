// One incident: its details (editable while open), the status moves, its calls, teams, and
// the append-only timeline where a mistaken note is struck through, never deleted.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError, IncidentDetail, TimelineEntry } from '../../../../shared/api';
import { CANCEL_REASONS, INCIDENT_TYPES, NEXT_STATUS, OPEN_STATUSES, type CancelReason, type IncidentStatus, type IncidentType, type Priority } from '../../../../shared/domain';
import { formatCoordinates } from '../../../../shared/geo';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { PriorityBadge } from '../../ui/Priority';
import { useDistricts } from '../../ui/useDistricts';
import { useMay } from '../../ui/role';
import { CasualtyFields } from '../../ui/CasualtyFields';
import { DispatchPanel } from './DispatchPanel';
import { AlertsPanel } from './AlertsPanel';

export function IncidentView({ id, onBack }: { id: string; onBack: () => void }) {
  const { t, errorText } = useLocale();
  const { data: incident, error } = useQuery('incidents.get', { id });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('dialog[open]')) onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);
  useEffect(() => heading.current?.focus(), [id]);

  if (error) return <section className="incident"><ErrorBanner>{errorText(error)}</ErrorBanner><button type="button" className="button" onClick={onBack}>{t('common.back')}</button></section>;
  if (!incident) return <p className="muted">{t('common.loading')}</p>;
  const open = OPEN_STATUSES.includes(incident.status);
  return (
    <section className="incident" aria-labelledby="incident-title">
      <div className="incident__head">
        <button type="button" className="button button--ghost back" onClick={onBack} aria-keyshortcuts="Escape">
          <span className="mirror" aria-hidden="true">←</span> {t('common.back')}
        </button>
        <h1 id="incident-title" tabIndex={-1} ref={heading}>
          {t('incident.title', { number: '' })}<bdi dir="ltr">{incident.number}</bdi>
        </h1>
        <PriorityBadge priority={incident.priority} />
        <span className={`status status--${incident.status}`}>{t(`status.${incident.status}`)}</span>
      </div>
      {!open ? <p className="notice">{t('incident.closedNotice', { status: t(`status.${incident.status}`) })}</p> : null}
      <div className="incident__grid">
        <div className="incident__main">
          <StatusMoves incident={incident} />
          <DispatchPanel incident={incident} />
          <AlertsPanel incident={incident} />
          <Details incident={incident} editable={open} key={incident.id} />
          <Calls incident={incident} />
        </div>
        <Timeline incident={incident} />
      </div>
    </section>
  );
}

function StatusMoves({ incident }: { incident: IncidentDetail }) {
  const { t, errorText, duration } = useLocale();
  const [error, setError] = useState<ApiError>();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState<CancelReason | ''>('');
  const may = useMay();
  const moves = NEXT_STATUS[incident.status].filter((s) => s !== 'cancelled' && may('incidents.setStatus', { status: s }));
  const move = async (status: IncidentStatus, cancelReason?: CancelReason) => {
    const result = await call('incidents.setStatus', { id: incident.id, status, ...(cancelReason ? { cancelReason } : {}) });
    setError(result.ok ? undefined : result.error);
    if (result.ok) setCancelling(false);
  };
  const rt = incident.responseTimes;
  const seconds = (s: number | null) => (s === null ? t('common.none') : duration(s * 1000));
  return (
    <section className="panel" aria-label={t('incident.status')}>
      <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
      <div className="actions">
        {moves.map((s) => (
          <button key={s} type="button" className="button button--primary" onClick={() => void move(s)}>{t('incident.moveTo', { status: t(`status.${s}`) })}</button>
        ))}
        {NEXT_STATUS[incident.status].includes('cancelled') && may('incidents.setStatus', { status: 'cancelled' }) && !cancelling
          ? <button type="button" className="button button--danger" onClick={() => setCancelling(true)}>{t('incident.cancelIncident')}</button> : null}
      </div>
      {cancelling ? (
        <div className="inline-form">
          <label>{t('incident.cancelReason')}
            <select value={reason} onChange={(e) => setReason(e.target.value as CancelReason)} autoFocus>
              <option value="">—</option>
              {CANCEL_REASONS.map((r) => <option key={r} value={r}>{t(`cancelReason.${r}`)}</option>)}
            </select>
          </label>
          <button type="button" className="button button--danger" disabled={!reason} onClick={() => reason && void move('cancelled', reason)}>{t('incident.confirmCancel')}</button>
          <button type="button" className="button" onClick={() => setCancelling(false)}>{t('common.cancel')}</button>
        </div>
      ) : null}
      <dl className="times" aria-label={t('incident.responseTimes')}>
        <div><dt>{t('incident.callToDispatch')}</dt><dd>{seconds(rt.callToDispatchSec)}</dd></div>
        <div><dt>{t('incident.dispatchToScene')}</dt><dd>{seconds(rt.dispatchToSceneSec)}</dd></div>
        <div><dt>{t('incident.sceneToCleared')}</dt><dd>{seconds(rt.sceneToClearedSec)}</dd></div>
      </dl>
    </section>
  );
}

function Details({ incident, editable }: { incident: IncidentDetail; editable: boolean }) {
  const { t, tCode, dateTime } = useLocale();
  const districts = useDistricts();
  const initial = {
    type: incident.type, priority: incident.priority, locality: incident.locality ?? '', landmark: incident.landmark ?? '',
    description: incident.description ?? '', trapped: String(incident.trapped), injured: String(incident.injured), dead: String(incident.dead),
  };
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => { setSaved(false); setForm((f) => ({ ...f, [k]: e.target.value })); };
  async function submit(e: FormEvent) {
    e.preventDefault();
    const changes: Record<string, unknown> = {};
    for (const key of Object.keys(form) as (keyof typeof form)[]) {
      if (form[key] === initial[key]) continue;
      changes[key] = ['trapped', 'injured', 'dead', 'priority'].includes(key) ? Number(form[key]) : form[key] === '' ? null : form[key];
    }
    const result = await call('incidents.update', { id: incident.id, changes: changes as never });
    setError(result.ok ? undefined : result.error);
    setSaved(result.ok);
  }
  const fieldError = (path: string) => (error?.fields?.[`changes.${path}`] ? tCode(error.fields[`changes.${path}`]!) : undefined);
  const place = [districts.name(incident.district), districts.subdistrictName(incident.district, incident.subdistrict)].filter(Boolean).join(' — ');
  return (
    <form className="panel" onSubmit={submit} aria-label={t('incident.details')}>
      <h2>{t('incident.details')}</h2>
      <p className="muted">
        {t('incident.received')}: {dateTime(incident.receivedAt)} · {t('incident.createdBy', { name: incident.createdBy })} · {place}
        {incident.coordinates ? <> · <bdi dir="ltr">{formatCoordinates(incident.coordinates)}</bdi></> : null}
      </p>
      <fieldset disabled={!editable} className="grid4">
        <Field label={t('intake.type')} error={fieldError('type')} className="span2">
          <select value={form.type} onChange={(e) => { setSaved(false); setForm((f) => ({ ...f, type: e.target.value as IncidentType })); }}>
            {INCIDENT_TYPES.map((k) => <option key={k} value={k}>{t(`incidentType.${k}`)}</option>)}
          </select>
        </Field>
        <Field label={t('intake.priority')} error={fieldError('priority')} className="span2">
          <select value={form.priority} onChange={(e) => { setSaved(false); setForm((f) => ({ ...f, priority: Number(e.target.value) as Priority })); }}>
            {([1, 2, 3] as const).map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
          </select>
        </Field>
        <Field label={t('intake.locality')} error={fieldError('locality')} className="span2"><input value={form.locality} onChange={set('locality')} /></Field>
        <Field label={t('intake.landmark')} error={fieldError('landmark')} className="span2"><input value={form.landmark} onChange={set('landmark')} /></Field>
        <Field label={t('intake.description')} error={fieldError('description')} className="span4" hint={t('common.noPoliticsHint')}>
          <textarea rows={3} value={form.description} onChange={set('description')} />
        </Field>
        <CasualtyFields values={form} onChange={(key, value) => { setSaved(false); setForm((f) => ({ ...f, [key]: value })); }} errorFor={fieldError} />
      </fieldset>
      {editable ? (
        <div className="actions">
          <button type="submit" className="button">{t('incident.saveChanges')}</button>
          {saved ? <span role="status" className="muted">{t('incident.saved')}</span> : null}
        </div>
      ) : null}
    </form>
  );
}

function Calls({ incident }: { incident: IncidentDetail }) {
  const { t, dateTime } = useLocale();
  return (
    <section className="panel" aria-labelledby="calls-title">
      <h2 id="calls-title">{t('incident.calls', { n: incident.calls.length })}</h2>
      <ul className="calls" aria-label={t('incident.calls', { n: incident.calls.length })}>
        {incident.calls.map((c) => (
          <li key={c.id}>
            <strong>{dateTime(c.receivedAt)}</strong> · {t(`source.${c.source}`)}
            {c.callerName ? <> · <bdi>{c.callerName}</bdi></> : null}
            {c.callerPhone ? <> · <bdi dir="ltr">{c.callerPhone}</bdi></> : null}
            {c.description ? <p><bdi>{c.description}</bdi></p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Timeline({ incident }: { incident: IncidentDetail }) {
  const { t, errorText, dateTime } = useLocale();
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError>();
  async function add(e: FormEvent) {
    e.preventDefault();
    const result = await call('timeline.addNote', { incidentId: incident.id, text });
    setError(result.ok ? undefined : result.error);
    if (result.ok) setText('');
  }
  return (
    <section className="panel timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('incident.timeline')}</h2>
      <ol className="timeline__list">
        {incident.timeline.map((entry) => <TimelineItem key={entry.id} entry={entry} time={dateTime(entry.at)} />)}
      </ol>
      <form onSubmit={add} className="note-form">
        <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
        <Field label={t('incident.addNote')} hint={t('common.noPoliticsHint')}>
          <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); e.stopPropagation(); e.currentTarget.form?.requestSubmit(); } }} />
        </Field>
        <button type="submit" className="button" disabled={!text.trim()}>{t('incident.saveNote')}</button>
      </form>
    </section>
  );
}

function TimelineItem({ entry, time }: { entry: TimelineEntry; time: string }) {
  const { t, errorText } = useLocale();
  const [striking, setStriking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const strike = async () => {
    const result = await call('timeline.strike', { entryId: entry.id, reason });
    setError(result.ok ? undefined : result.error);
    if (result.ok) setStriking(false);
  };
  let body: ReactNode;
  if (entry.kind === 'status' && entry.status) {
    body = t(`status.${entry.status}`) + (entry.cancelReason ? ` — ${t(`cancelReason.${entry.cancelReason as CancelReason}`)}` : '');
  } else if (entry.kind === 'assignment' && entry.assignment) {
    const a = entry.assignment;
    const other = a.otherIncident ?? '';
    const step = a.step === 'dispatched' && a.otherIncident ? t('step.reassignedFrom', { number: other }) : t(`step.${a.step}`, { number: other });
    // The call sign is isolated on its own so it keeps its order inside an Arabic line.
    body = <><bdi dir="ltr" className="team__sign">{a.callSign}</bdi>{' — '}{step}</>;
  } else if (entry.kind === 'call') {
    body = t('incident.callEntry') + (entry.text ? ` — ${entry.text}` : '');
  } else {
    body = entry.text ?? '';
  }
  return (
    <li className={`timeline__item timeline__item--${entry.kind}`}>
      <div className="timeline__meta"><time>{time}</time> · {t('incident.by', { name: entry.operatorName })}</div>
      <div className={entry.struck ? 'struck' : undefined}>{typeof body === 'string' ? <bdi>{body}</bdi> : body}</div>
      {entry.struck ? <div className="muted">{t('incident.struck', { name: entry.struck.operatorName, reason: entry.struck.reason })}</div> : null}
      {entry.kind === 'note' && !entry.struck ? (
        striking ? (
          <div className="inline-form">
            <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
            <label>{t('incident.strikeReason')}<input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus /></label>
            <button type="button" className="button button--danger" disabled={!reason.trim()} onClick={() => void strike()}>{t('incident.strike')}</button>
            <button type="button" className="button" onClick={() => setStriking(false)}>{t('common.cancel')}</button>
          </div>
        ) : <button type="button" className="button button--ghost button--small" onClick={() => setStriking(true)}>{t('incident.strike')}</button>
      ) : null}
    </li>
  );
}
