// The duty officer's form for a public alert (CAP 1.2): what it warns of, what people should do,
// how urgent, severe and certain, the instructions in Arabic and English, the area and expiry.
// The same form issues a new alert and updates one, prefilled with what the alert says now.
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../shared/api';
import {
  ALERT_EVENTS, CAP_CERTAINTIES, CAP_RESPONSE_TYPES, CAP_SEVERITIES, CAP_URGENCIES, DEFAULT_RESPONSE,
  type AlertEvent, type CapCertainty, type CapResponseType, type CapSeverity, type CapUrgency,
} from '../../../../shared/exchange';
import type { AlertView } from '../../../../shared/api/exchange';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner, Field } from '../../ui/Field';

const HOUR = 3_600_000;

interface Form {
  event: AlertEvent;
  responseType: CapResponseType;
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  instructionAr: string;
  instructionEn: string;
  areaKind: 'circle' | 'district';
  radiusKm: string;
  expiresHours: string;
}

function initialForm(alert: AlertView | undefined, hasCoordinates: boolean): Form {
  if (!alert) {
    return {
      event: 'evacuation', responseType: DEFAULT_RESPONSE.evacuation, urgency: 'Immediate', severity: 'Severe', certainty: 'Observed',
      instructionAr: '', instructionEn: '', areaKind: hasCoordinates ? 'circle' : 'district', radiusKm: '1', expiresHours: '6',
    };
  }
  return {
    event: alert.event, responseType: alert.responseType, urgency: alert.urgency, severity: alert.severity, certainty: alert.certainty,
    instructionAr: alert.instructionAr ?? '', instructionEn: alert.instructionEn ?? '', areaKind: alert.area.kind,
    radiusKm: alert.area.kind === 'circle' ? String(alert.area.radiusKm) : '1',
    expiresHours: String(Math.max(1, Math.round((alert.expires - Date.now()) / HOUR))),
  };
}

export function AlertDialog({ incidentId, alert, hasCoordinates, onClose }: {
  incidentId: string; alert?: AlertView | undefined; hasCoordinates: boolean; onClose: () => void;
}) {
  const { t, tCode, errorText } = useLocale();
  const [form, setForm] = useState(() => initialForm(alert, hasCoordinates));
  const [error, setError] = useState<ApiError>();
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const title = alert ? t('exchange.updateTitle', { identifier: alert.identifier }) : t('exchange.issueTitle');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const content = {
      event: form.event, responseType: form.responseType, urgency: form.urgency, severity: form.severity, certainty: form.certainty,
      instructionAr: form.instructionAr, instructionEn: form.instructionEn,
      area: form.areaKind === 'circle' ? { kind: 'circle' as const, radiusKm: Number(form.radiusKm) } : { kind: 'district' as const },
      expiresAt: Date.now() + Math.max(1, Number(form.expiresHours) || 1) * HOUR,
    };
    const result = alert ? await call('exchange.updateAlert', { alertId: alert.id, ...content }) : await call('exchange.issueAlert', { incidentId, ...content });
    if (result.ok) onClose();
    else setError(result.error);
  }
  const fieldError = (...paths: string[]) => {
    const key = paths.map((p) => error?.fields?.[p]).find(Boolean);
    return key ? tCode(key) : undefined;
  };
  const choice = <T extends string>(list: readonly T[], group: 'urgency' | 'severity' | 'certainty' | 'responseType', key: keyof Form) => (
    <select value={form[key]} onChange={(e) => set(key, e.target.value as never)}>
      {list.map((v) => <option key={v} value={v}>{t(`exchange.${group}.${v}` as never)}</option>)}
    </select>
  );
  return (
    <Dialog title={title} onClose={onClose} wide>
      <form onSubmit={submit} className="alert-form">
        <h2>{title}</h2>
        <ErrorBanner>{error && !error.fields ? errorText(error) : null}</ErrorBanner>
        <div className="grid4">
          <Field label={t('exchange.eventLabel')} className="span2">
            <select value={form.event} autoFocus onChange={(e) => {
              const event = e.target.value as AlertEvent;
              setForm((f) => ({ ...f, event, responseType: DEFAULT_RESPONSE[event] }));
            }}>
              {ALERT_EVENTS.map((v) => <option key={v} value={v}>{t(`exchange.event.${v}`)}</option>)}
            </select>
          </Field>
          <Field label={t('exchange.responseTypeLabel')} className="span2">{choice(CAP_RESPONSE_TYPES, 'responseType', 'responseType')}</Field>
          <Field label={t('exchange.urgencyLabel')}>{choice(CAP_URGENCIES, 'urgency', 'urgency')}</Field>
          <Field label={t('exchange.severityLabel')}>{choice(CAP_SEVERITIES, 'severity', 'severity')}</Field>
          <Field label={t('exchange.certaintyLabel')} className="span2">{choice(CAP_CERTAINTIES, 'certainty', 'certainty')}</Field>
          <Field label={t('exchange.instructionArLabel')} className="span2" error={fieldError('instructionAr')}>
            <textarea rows={3} dir="rtl" lang="ar" value={form.instructionAr} onChange={(e) => set('instructionAr', e.target.value)} />
          </Field>
          <Field label={t('exchange.instructionEnLabel')} className="span2" error={fieldError('instructionEn')}>
            <textarea rows={3} dir="ltr" lang="en" value={form.instructionEn} onChange={(e) => set('instructionEn', e.target.value)} />
          </Field>
          <Field label={t('exchange.areaLabel')} className="span2" error={fieldError('area', 'area.radiusKm')}>
            <select value={form.areaKind} onChange={(e) => set('areaKind', e.target.value as Form['areaKind'])}>
              <option value="circle" disabled={!hasCoordinates}>{t('exchange.areaCircle')}</option>
              <option value="district">{t('exchange.areaDistrict')}</option>
            </select>
          </Field>
          {form.areaKind === 'circle' ? (
            <Field label={t('exchange.radiusLabel')} error={fieldError('area.radiusKm')}>
              <input type="number" min="0.1" max="50" step="0.1" inputMode="decimal" value={form.radiusKm} onChange={(e) => set('radiusKm', e.target.value)} />
            </Field>
          ) : <span />}
          <Field label={t('exchange.expiresLabel')} error={fieldError('expiresAt')}>
            <input type="number" min="1" max="168" step="1" inputMode="numeric" value={form.expiresHours} onChange={(e) => set('expiresHours', e.target.value)} />
          </Field>
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary">{alert ? t('exchange.submitUpdate') : t('exchange.submitIssue')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}

export function CancelAlertDialog({ alert, onClose }: { alert: AlertView; onClose: () => void }) {
  const { t, errorText } = useLocale();
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError>();
  const title = t('exchange.cancelTitle', { identifier: alert.identifier });
  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await call('exchange.cancelAlert', { alertId: alert.id, ...(note.trim() ? { note } : {}) });
    if (result.ok) onClose();
    else setError(result.error);
  }
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit}>
        <h2>{title}</h2>
        <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
        <Field label={t('exchange.noteLabel')}><input value={note} onChange={(e) => setNote(e.target.value)} autoFocus /></Field>
        <div className="actions">
          <button type="submit" className="button button--danger">{t('exchange.submitCancel')}</button>
          <button type="button" className="button" onClick={onClose}>{t('exchange.keep')}</button>
        </div>
      </form>
    </Dialog>
  );
}
