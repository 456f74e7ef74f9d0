// Logging a call, by keyboard, in seconds: focus starts on the first field, Tab follows the
// form, Ctrl+Enter saves from anywhere in it, Escape closes.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiError, DuplicateCandidate, Input } from '../../../../shared/api';
import { CALL_SOURCES, INCIDENT_TYPES, type CallSource, type IncidentType, type Priority } from '../../../../shared/domain';
import { formatCoordinates, parseCoordinates } from '../../../../shared/geo';
import { zonedParts, zonedTimeToEpoch } from '../../../../shared/time/zoned';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner, Field } from '../../ui/Field';
import { useDistricts } from '../../ui/useDistricts';
import { CasualtyFields } from '../../ui/CasualtyFields';
import { DistrictCombobox, type Place } from './DistrictCombobox';
import { parseCount, westernDigits } from '../../../../shared/text/digits';
import { useFocusFirstInvalid } from '../../ui/focusFirstInvalid';

const pad = (n: number) => String(n).padStart(2, '0');
/** The form the field reads, shown as an example in digits, which both languages read alike. */
const RECEIVED_EXAMPLE = '2026-11-24 21:05';

/** 24-hour local time as operators write it: "2026-11-24 14:05", or "14:05" for today. */
function toLocalInput(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

function fromLocalInput(value: string, timeZone: string, today: number): number | null {
  const text = westernDigits(value.trim());
  const full = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$/.exec(text);
  const timeOnly = /^(\d{1,2}):(\d{2})$/.exec(text);
  const day = zonedParts(today, timeZone);
  const [year, month, date, hour, minute] = full
    ? [+full[1]!, +full[2]!, +full[3]!, +full[4]!, +full[5]!]
    : timeOnly ? [day.year, day.month, day.day, +timeOnly[1]!, +timeOnly[2]!] : [];
  if (year === undefined || hour! > 23 || minute! > 59 || month! < 1 || month! > 12 || date! < 1 || date! > 31) return null;
  return zonedTimeToEpoch({ year, month: month!, day: date!, hour: hour!, minute: minute! }, timeZone);
}

export function IntakeDialog({ onClose, onSaved }: { onClose: () => void; onSaved: (message: string) => void }) {
  const { t, tCode, errorText, timeZone, duration, count, sep } = useLocale();
  const districts = useDistricts();
  const placeId = useId();
  const [openedAt] = useState(() => Date.now());
  const [form, setForm] = useState({
    receivedAt: toLocalInput(openedAt, timeZone), source: 'phone' as CallSource, callerName: '', callerPhone: '',
    type: '' as IncidentType | '', priority: 0 as Priority | 0, locality: '', landmark: '', coordinates: '',
    description: '', trapped: '', injured: '', dead: '',
  });
  const [place, setPlace] = useState<Place | null>(null);
  const [error, setError] = useState<ApiError>();
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[]>([]);
  const [attachTo, setAttachTo] = useState<DuplicateCandidate | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, error);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const dirty = form.description !== '' || form.callerName !== '' || form.callerPhone !== '' || form.type !== '' || place !== null
    || form.locality !== '' || form.landmark !== '' || form.coordinates !== '' || form.trapped !== '' || form.injured !== '' || form.dead !== '';

  const coordinates = useMemo(() => (form.coordinates.trim() ? parseCoordinates(form.coordinates) : undefined), [form.coordinates]);
  // Untouched, the field means "when intake opened", to the millisecond; typed, to the minute.
  const initialReceived = useMemo(() => toLocalInput(openedAt, timeZone), [openedAt, timeZone]);
  const receivedAt = form.receivedAt === initialReceived ? openedAt : fromLocalInput(form.receivedAt, timeZone, openedAt);

  // Offer the incident this call may report again, as soon as the place is known.
  useEffect(() => {
    if (!place || (!form.locality.trim() && !coordinates) || receivedAt === null) {
      setDuplicates([]);
      return;
    }
    const timer = setTimeout(() => {
      void call('incidents.findDuplicates', {
        receivedAt, district: place.district,
        ...(form.locality.trim() ? { locality: form.locality } : {}), ...(coordinates ? { coordinates } : {}),
      }).then((r) => setDuplicates(r.ok ? r.value : []));
    }, 250);
    return () => clearTimeout(timer);
  }, [place, form.locality, coordinates, receivedAt]);

  const fieldError = (path: string) => {
    const key = error?.fields?.[path];
    return key ? tCode(key) : undefined;
  };

  async function save(e?: FormEvent) {
    e?.preventDefault();
    if (busy) return;
    const local: Record<string, string> = {};
    if (receivedAt === null) local.receivedAt = 'validation.invalid';
    if (coordinates === null) local['location.coordinates'] = 'intake.coordinatesInvalid';
    if (!place) local['location.district'] = 'validation.required';
    if (!form.type) local.type = 'validation.chooseOne';
    if (!form.priority) local.priority = 'validation.chooseOne';
    const reported = { trapped: parseCount(form.trapped), injured: parseCount(form.injured), dead: parseCount(form.dead) };
    for (const [key, value] of Object.entries(reported)) if (value === null) local[`reported.${key}`] = 'keys.wholeNumber';
    if (Object.keys(local).length > 0) {
      setError({ code: 'error.invalidInput', fields: local });
      return;
    }
    const input: Input<'incidents.log'> = {
      receivedAt: receivedAt!, source: form.source, type: form.type as IncidentType, priority: form.priority as Priority,
      location: {
        district: place!.district, ...(place!.subdistrict ? { subdistrict: place!.subdistrict } : {}),
        ...(form.locality.trim() ? { locality: form.locality } : {}), ...(form.landmark.trim() ? { landmark: form.landmark } : {}),
        ...(coordinates ? { coordinates } : {}),
      },
      ...(form.callerName.trim() ? { callerName: form.callerName } : {}),
      ...(form.callerPhone.trim() ? { callerPhone: form.callerPhone } : {}),
      ...(form.description.trim() ? { description: form.description } : {}),
      reported: { trapped: reported.trapped!, injured: reported.injured!, dead: reported.dead! },
      ...(attachTo ? { attachToIncidentId: attachTo.id } : {}),
    };
    setBusy(true);
    const result = await call('incidents.log', input);
    setBusy(false);
    if (result.ok) onSaved(t(result.value.attached ? 'intake.attached' : 'intake.saved', { number: result.value.number }));
    else setError(result.error);
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };
  const close = () => {
    if (!dirty || window.confirm(t('intake.discard'))) onClose();
  };
  const hint = t('common.noPoliticsHint');

  return (
    <Dialog title={t('intake.title')} onClose={close} wide>
      <form className="intake" ref={formRef} onSubmit={save} onKeyDown={onKeyDown} noValidate>
        <div className="card__head">
          <h2>{t('intake.title')}</h2>
          <span className="muted">{t('intake.hint')}</span>
        </div>
        <ErrorBanner>{error && !error.fields ? errorText(error) : null}</ErrorBanner>
        <div className="grid4">
          <Field label={t('intake.receivedAt')} error={fieldError('receivedAt')}>
            <input value={form.receivedAt} onChange={set('receivedAt')} autoFocus dir="ltr" placeholder={RECEIVED_EXAMPLE} />
          </Field>
          <Field label={t('intake.source')} error={fieldError('source')}>
            <select value={form.source} onChange={set('source')}>
              {CALL_SOURCES.map((s) => <option key={s} value={s}>{t(`source.${s}`)}</option>)}
            </select>
          </Field>
          <Field label={t('intake.callerName')} error={fieldError('callerName')}><input value={form.callerName} onChange={set('callerName')} /></Field>
          <Field label={t('intake.callerPhone')} error={fieldError('callerPhone')}><input value={form.callerPhone} onChange={set('callerPhone')} dir="ltr" inputMode="tel" /></Field>
          <Field label={t('intake.type')} error={fieldError('type')} className="span2">
            <select value={form.type} onChange={set('type')}>
              <option value="">—</option>
              {INCIDENT_TYPES.map((k) => <option key={k} value={k}>{t(`incidentType.${k}`)}</option>)}
            </select>
          </Field>
          <Field label={t('intake.priority')} error={fieldError('priority')} className="span2">
            <select value={form.priority} onChange={(e) => setForm((f) => ({ ...f, priority: Number(e.target.value) as Priority | 0 }))}>
              <option value={0}>—</option>
              {([1, 2, 3] as const).map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
            </select>
          </Field>
          <div className={`field span2 ${fieldError('location.district') ? 'field--invalid' : ''}`}>
            <label htmlFor={placeId}>{t('intake.district')} / {t('intake.subdistrict')}</label>
            <DistrictCombobox id={placeId} districts={districts.list} value={place} onChange={setPlace}
              invalid={Boolean(fieldError('location.district') ?? fieldError('location.subdistrict'))} />
            {fieldError('location.district') ?? fieldError('location.subdistrict')
              ? <span className="field__error" role="alert">{fieldError('location.district') ?? fieldError('location.subdistrict')}</span> : null}
          </div>
          <Field label={t('intake.locality')} error={fieldError('location.locality')} className="span2"><input value={form.locality} onChange={set('locality')} /></Field>
          <Field label={t('intake.landmark')} error={fieldError('location.landmark')} className="span2" hint={hint}><input value={form.landmark} onChange={set('landmark')} /></Field>
          <Field label={t('intake.coordinates')} className="span2"
            error={coordinates === null ? t('intake.coordinatesInvalid') : fieldError('location.coordinates')}
            hint={coordinates
              // Isolated left to right: in an Arabic line "35.52, 35.78" would be drawn mirrored, easy to swap.
              ? <>{t('intake.coordinatesParsed', { value: '' })}<bdi dir="ltr">{formatCoordinates(coordinates)}</bdi></> : undefined}>
            <input value={form.coordinates} onChange={set('coordinates')} dir="ltr" />
          </Field>
          <Field label={t('intake.description')} error={fieldError('description')} className="span4" hint={hint}>
            <textarea rows={3} value={form.description} onChange={set('description')} />
          </Field>
          <CasualtyFields values={form} onChange={(key, value) => setForm((f) => ({ ...f, [key]: value }))} errorFor={(key) => fieldError(`reported.${key}`)} />
        </div>
        {duplicates.length > 0 ? (
          <fieldset className="duplicates">
            <legend>{t('intake.duplicatesTitle')}</legend>
            <label className="radio">
              <input type="radio" name="attach" checked={attachTo === null} onChange={() => setAttachTo(null)} />
              {t('intake.newIncident')}
            </label>
            {duplicates.map((d) => (
              <label key={d.id} className="radio">
                <input type="radio" name="attach" checked={attachTo?.id === d.id} onChange={() => setAttachTo(d)}
                  aria-label={t('intake.attachTo', { number: d.number })} />
                <span>
                  <bdi dir="ltr" className="number">{d.number}</bdi>{sep}
                  {t('intake.duplicateItem', { number: '', type: t(`incidentType.${d.type}`), age: duration(openedAt - d.receivedAt), calls: count('calls', d.callCount) }).replace(/^ · /, '')}
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}
        {attachTo ? <p className="notice">{t('intake.attachingTo', { number: attachTo.number })}</p> : null}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy} aria-keyshortcuts="Control+Enter">{t('intake.save')}</button>
          <button type="button" className="button" onClick={close}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
