// Logging a call, by keyboard, in seconds: focus starts on the first field, Tab follows the
// form, Ctrl+Enter saves from anywhere in it, Escape closes.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiError, DuplicateCandidate, Input } from '../../../../shared/api';
import { CALL_SOURCES, type CallSource } from '../../../../shared/domain';
import { INCIDENT, INTAKE_FIELDS, PLACE_FIELDS, type FormField, type IncidentField } from '../../../../shared/records/incident';
import { formatCoordinates, parseCoordinates } from '../../../../shared/geo';
import { zonedParts, zonedTimeToEpoch } from '../../../../shared/time/zoned';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner, Field } from '../../ui/Field';
import { useDistricts } from '../../ui/useDistricts';
import { emptyIncidentForm, IncidentForm, readIncidentForm } from './IncidentForm';
import { DistrictCombobox, type Place } from './DistrictCombobox';
import { westernDigits } from '../../../../shared/text/digits';
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

/** Where calls.log takes an incident field: under `location`, `reported`, or at the top. */
function intakePath(field: IncidentField): string {
  const given = INCIDENT[field].given;
  if (given === 'place') return `location.${field}`;
  return given === 'call' && field !== 'description' ? `reported.${field}` : field;
}

/** The fields of `values` that are among `fields` and hold something (intake leaves the rest out, never sends null). */
function present<T extends object, F extends string>(values: T, fields: readonly F[]): { [K in F & keyof T]?: NonNullable<T[K]> } {
  const kept = Object.entries(values).filter(([key, value]) => (fields as readonly string[]).includes(key) && value !== null && value !== undefined);
  return Object.fromEntries(kept) as { [K in F & keyof T]?: NonNullable<T[K]> };
}

export function IntakeDialog({ onClose, onSaved }: { onClose: () => void; onSaved: (message: string) => void }) {
  const { t, tCode, errorText, timeZone, duration, count, sep } = useLocale();
  const districts = useDistricts();
  const placeId = useId();
  const [openedAt] = useState(() => Date.now());
  const [form, setForm] = useState({
    receivedAt: toLocalInput(openedAt, timeZone), source: 'phone' as CallSource, callerName: '', callerPhone: '', coordinates: '',
    ...emptyIncidentForm(),
  });
  const [place, setPlace] = useState<Place | null>(null);
  const [error, setError] = useState<ApiError>();
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[]>([]);
  const [attachTo, setAttachTo] = useState<DuplicateCandidate | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, error);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const dirty = place !== null || (Object.keys(form) as (keyof typeof form)[]).some((key) => key !== 'receivedAt' && key !== 'source' && form[key] !== '');

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
    if (coordinates === null) local['location.lat'] = 'intake.coordinatesInvalid';
    if (!place) local['location.district'] = 'validation.required';
    const { values, invalid } = readIncidentForm(form);
    for (const [field, code] of Object.entries(invalid)) local[intakePath(field as FormField)] = code;
    if (Object.keys(local).length > 0 || values.type == null || values.priority == null) {
      setError({ code: 'error.invalidInput', fields: local });
      return;
    }
    const input: Input<'incidents.log'> = {
      receivedAt: receivedAt!, source: form.source, ...present(values, INTAKE_FIELDS), type: values.type, priority: values.priority,
      location: {
        ...present(values, PLACE_FIELDS), district: place!.district, ...(place!.subdistrict ? { subdistrict: place!.subdistrict } : {}),
        ...(coordinates ? { lat: coordinates.lat, lon: coordinates.lon } : {}),
      },
      ...(form.callerName.trim() ? { callerName: form.callerName } : {}),
      ...(form.callerPhone.trim() ? { callerPhone: form.callerPhone } : {}),
      ...(values.description ? { description: values.description } : {}),
      reported: { trapped: values.trapped ?? 0, injured: values.injured ?? 0, dead: values.dead ?? 0 },
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
          <IncidentForm values={form} unchosen errorFor={(field) => fieldError(intakePath(field))}
            onChange={(field, value) => setForm((f) => ({ ...f, [field]: value }))}
            after={{
              priority: (
                <div className={`field span2 ${fieldError('location.district') ? 'field--invalid' : ''}`}>
                  <label htmlFor={placeId}>{t('intake.district')} / {t('intake.subdistrict')}</label>
                  <DistrictCombobox id={placeId} districts={districts.list} value={place} onChange={setPlace}
                    invalid={Boolean(fieldError('location.district') ?? fieldError('location.subdistrict'))} />
                  {fieldError('location.district') ?? fieldError('location.subdistrict')
                    ? <span className="field__error" role="alert">{fieldError('location.district') ?? fieldError('location.subdistrict')}</span> : null}
                </div>
              ),
              landmark: (
                <Field label={t('intake.coordinates')} className="span2"
                  error={coordinates === null ? t('intake.coordinatesInvalid') : fieldError('location.lat') ?? fieldError('location.lon')}
                  hint={coordinates
                    // Isolated left to right: in an Arabic line "35.52, 35.78" would be drawn mirrored, easy to swap.
                    ? <>{t('intake.coordinatesParsed', { value: '' })}<bdi dir="ltr">{formatCoordinates(coordinates)}</bdi></> : undefined}>
                  <input value={form.coordinates} onChange={set('coordinates')} dir="ltr" />
                </Field>
              ),
            }} />
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
