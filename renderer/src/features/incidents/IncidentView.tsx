// One incident: its details (editable while open), the status moves, its calls, teams, and
// the append-only timeline where a mistaken note is struck through, never deleted.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError, IncidentDetail, TimelineEntry } from '../../../../shared/api';
import { OPEN_STATUSES, type CancelReason } from '../../../../shared/domain';
import { FORM_FIELDS } from '../../../../shared/records/incident';
import { formatCoordinates } from '../../../../shared/geo';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { PriorityBadge } from '../../ui/Priority';
import { useDistricts } from '../../ui/useDistricts';
import { DispatchPanel } from '../dispatch/DispatchPanel';
import { AlertsPanel } from '../exchange/AlertsPanel';
import { useFocusFirstInvalid } from '../../ui/focusFirstInvalid';
import { StatusMoves } from './StatusMoves';
import { IncidentForm, incidentFormValues, readIncidentForm } from './IncidentForm';

export function IncidentView({ id, onBack }: { id: string; onBack: () => void }) {
  const { t, errorText } = useLocale();
  const { data: incident, error } = useQuery('incidents.get', { id });
  const heading = useRef<HTMLHeadingElement>(null);
  // Forms on this screen holding text not yet saved: leaving asks first, never drops it.
  const unsaved = useRef(new Set<string>());
  const markUnsaved = useRef((form: string, dirty: boolean) => { if (dirty) unsaved.current.add(form); else unsaved.current.delete(form); }).current;
  const leave = useRef(onBack);
  leave.current = () => {
    if (unsaved.current.size > 0 && !window.confirm(t('keys.discardNote'))) return;
    onBack();
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('dialog[open]')) leave.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // The heading takes focus once the incident is drawn (it is not there while loading).
  const loaded = incident !== undefined;
  useEffect(() => { if (loaded) heading.current?.focus(); }, [id, loaded]);

  if (error) return <section className="incident"><ErrorBanner>{errorText(error)}</ErrorBanner><button type="button" className="button" onClick={onBack} autoFocus>{t('common.back')}</button></section>;
  if (!incident) return <p className="muted">{t('common.loading')}</p>;
  const open = OPEN_STATUSES.includes(incident.status);
  return (
    <section className="incident" aria-labelledby="incident-title">
      <div className="incident__head">
        <button type="button" className="button button--ghost back" onClick={() => leave.current()} aria-keyshortcuts="Escape">
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
          <DispatchPanel incident={incident} />
          <StatusMoves incident={incident} heading={heading} onUnsaved={markUnsaved} />
          <AlertsPanel incident={incident} />
          <Details incident={incident} editable={open} key={incident.id} onUnsaved={markUnsaved} />
          <Calls incident={incident} />
        </div>
        <Timeline incident={incident} onUnsaved={markUnsaved} />
      </div>
    </section>
  );
}

function Details({ incident, editable, onUnsaved }: { incident: IncidentDetail; editable: boolean; onUnsaved: (form: string, dirty: boolean) => void }) {
  const { t, tCode, dateTime, sep } = useLocale();
  const districts = useDistricts();
  // Recomputed each time: once a save comes back, the saved values are the new starting point.
  const initial = incidentFormValues(incident);
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, error);
  const changed = FORM_FIELDS.filter((field) => form[field] !== initial[field]);
  const dirty = changed.length > 0;
  useEffect(() => onUnsaved('details', dirty), [onUnsaved, dirty]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    // Only what the operator changed is sent: an edit names the fields it means to change.
    const { values, invalid } = readIncidentForm(form, changed);
    if (Object.keys(invalid).length > 0) {
      setError({ code: 'error.invalidInput', fields: Object.fromEntries(Object.entries(invalid).map(([key, code]) => [`changes.${key}`, code])) });
      setSaved(false);
      return;
    }
    const result = await call('incidents.update', { id: incident.id, changes: values });
    setError(result.ok ? undefined : result.error);
    setSaved(result.ok);
  }
  const fieldError = (path: string) => (error?.fields?.[`changes.${path}`] ? tCode(error.fields[`changes.${path}`]!) : undefined);
  const place = [districts.name(incident.district), districts.subdistrictName(incident.district, incident.subdistrict)].filter(Boolean).join(' — ');
  return (
    <form className="panel" ref={formRef} onSubmit={submit} aria-label={t('incident.details')}>
      <h2>{t('incident.details')}</h2>
      <p className="muted">
        {t('incident.received')}: {dateTime(incident.receivedAt)}{sep}{t('incident.createdBy', { name: incident.createdBy })}{sep}{place}
        {incident.lat !== null && incident.lon !== null ? <>{sep}<bdi dir="ltr">{formatCoordinates({ lat: incident.lat, lon: incident.lon })}</bdi></> : null}
      </p>
      <fieldset disabled={!editable} className="grid4">
        <IncidentForm values={form} errorFor={fieldError}
          onChange={(field, value) => { setSaved(false); setForm((f) => ({ ...f, [field]: value })); }} />
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
  const { t, dateTime, sep } = useLocale();
  return (
    <section className="panel" aria-labelledby="calls-title">
      <h2 id="calls-title">{t('incident.calls', { n: incident.calls.length })}</h2>
      <ul className="calls" aria-label={t('incident.calls', { n: incident.calls.length })}>
        {incident.calls.map((c) => (
          <li key={c.id}>
            <strong>{dateTime(c.receivedAt)}</strong>{sep}{t(`source.${c.source}`)}
            {c.callerName ? <>{sep}<bdi>{c.callerName}</bdi></> : null}
            {c.callerPhone ? <>{sep}<bdi dir="ltr">{c.callerPhone}</bdi></> : null}
            {c.description ? <p><bdi>{c.description}</bdi></p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Timeline({ incident, onUnsaved }: { incident: IncidentDetail; onUnsaved: (form: string, dirty: boolean) => void }) {
  const { t, errorText, dateTime } = useLocale();
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError>();
  const dirty = text.trim() !== '';
  useEffect(() => onUnsaved('note', dirty), [onUnsaved, dirty]);
  const noteField = useRef<HTMLTextAreaElement>(null);
  async function add(e: FormEvent) {
    e.preventDefault();
    const result = await call('timeline.addNote', { incidentId: incident.id, text });
    setError(result.ok ? undefined : result.error);
    if (result.ok) {
      setText('');
      // The "add" button goes disabled with the empty field: focus stays where the next note is written.
      noteField.current?.focus();
    }
  }
  return (
    <section className="panel timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('incident.timeline')}</h2>
      <ol className="timeline__list">
        {incident.timeline.map((entry) => <TimelineItem key={entry.id} entry={entry} time={dateTime(entry.at)} afterStrike={() => noteField.current?.focus()} />)}
      </ol>
      <form onSubmit={add} className="note-form">
        <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
        <Field label={t('incident.addNote')} hint={t('common.noPoliticsHint')}>
          <textarea rows={2} ref={noteField} value={text} onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); e.stopPropagation(); e.currentTarget.form?.requestSubmit(); } }} />
        </Field>
        <button type="submit" className="button" disabled={!text.trim()}>{t('incident.saveNote')}</button>
      </form>
    </section>
  );
}

function TimelineItem({ entry, time, afterStrike }: { entry: TimelineEntry; time: string; afterStrike: () => void }) {
  const { t, errorText, sep } = useLocale();
  const [striking, setStriking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const strike = async () => {
    const result = await call('timeline.strike', { entryId: entry.id, reason });
    setError(result.ok ? undefined : result.error);
    if (result.ok) {
      setStriking(false);
      afterStrike();
    }
  };
  // Every note has its own strike button: its name says which note it strikes.
  const which = { time, text: (entry.text ?? '').length > 40 ? `${(entry.text ?? '').slice(0, 40)}…` : entry.text ?? '' };
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
      <div className="timeline__meta"><time>{time}</time>{sep}{t('incident.by', { name: entry.operatorName })}</div>
      <div className={entry.struck ? 'struck' : undefined}>{typeof body === 'string' ? <bdi>{body}</bdi> : body}</div>
      {entry.struck ? <div className="muted">{t('incident.struck', { name: entry.struck.operatorName, reason: entry.struck.reason })}</div> : null}
      {entry.kind === 'note' && !entry.struck ? (
        striking ? (
          <div className="inline-form">
            <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
            <label>{t('incident.strikeReason')}<input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus /></label>
            <button type="button" className="button button--danger" disabled={!reason.trim()} onClick={() => void strike()} aria-label={t('keys.strikeConfirm', which)}>{t('incident.strike')}</button>
            <button type="button" className="button" onClick={() => setStriking(false)}>{t('common.cancel')}</button>
          </div>
        ) : <button type="button" className="button button--ghost button--small" onClick={() => setStriking(true)} aria-label={t('keys.strikeNote', which)}>{t('incident.strike')}</button>
      ) : null}
    </li>
  );
}
