// First run: the post, this console's letter, the first operator, and demo data on offer.
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../shared/api';
import type { DigitStyle, Language } from '../../../../shared/domain';
import { DigitsField } from '../organisation/PostSettingsPanel';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { CardHead } from '../../ui/CardHead';

export function FirstRun({ defaultTimeZone, language, onLanguage, onDone }: {
  defaultTimeZone: string; language: Language; onLanguage: (l: Language) => void; onDone: () => void;
}) {
  const { t, errorText, tCode } = useLocale();
  const [form, setForm] = useState({ postName: '', postCode: '', timeZone: defaultTimeZone, letter: 'A', name: '', pin: '', confirm: '', demo: true, digits: 'latn' as DigitStyle });
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const fieldError = (path: string) => (error?.fields?.[path] ? tCode(error.fields[path]) : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.pin !== form.confirm) {
      setError({ code: 'error.invalidInput', fields: { 'operator.confirm': 'setup.pinMismatch' } });
      return;
    }
    setBusy(true);
    const result = await call('setup.complete', {
      post: { name: form.postName, code: form.postCode.trim().toUpperCase(), timeZone: form.timeZone.trim() },
      consoleLetter: form.letter.trim().toUpperCase(), operator: { name: form.name, pin: form.pin }, language, digits: form.digits, loadDemo: form.demo,
    });
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error);
  }

  return (
    <main className="centered">
      <form className="card card--wide" onSubmit={submit} aria-labelledby="setup-title" noValidate>
        <CardHead id="setup-title" title={t('setup.title')} language={language} onLanguage={onLanguage} />
        <p className="muted">{t('setup.intro')}</p>
        <ErrorBanner>{error && !error.fields ? errorText(error) : null}</ErrorBanner>
        <div className="grid2">
          <Field label={t('setup.postName')} error={fieldError('post.name')}><input value={form.postName} onChange={set('postName')} autoFocus /></Field>
          <Field label={t('setup.postCode')} error={fieldError('post.code')}><input value={form.postCode} onChange={set('postCode')} dir="ltr" maxLength={5} /></Field>
          <Field label={t('setup.timeZone')} error={fieldError('post.timeZone')}><input value={form.timeZone} onChange={set('timeZone')} dir="ltr" /></Field>
          <Field label={t('setup.consoleLetter')} error={fieldError('consoleLetter')}><input value={form.letter} onChange={set('letter')} dir="ltr" maxLength={1} /></Field>
          <Field label={t('setup.operatorName')} error={fieldError('operator.name')}><input value={form.name} onChange={set('name')} autoComplete="off" /></Field>
          <span />
          <Field label={t('setup.pin')} error={fieldError('operator.pin')}><input type="password" inputMode="numeric" value={form.pin} onChange={set('pin')} dir="ltr" /></Field>
          <Field label={t('setup.confirmPin')} error={fieldError('operator.confirm')}><input type="password" inputMode="numeric" value={form.confirm} onChange={set('confirm')} dir="ltr" /></Field>
        </div>
        <div className="grid2">
          <p className="muted">{t('postSettings.setupNote')}</p>
          <DigitsField value={form.digits} onChange={(digits) => setForm({ ...form, digits })} />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={form.demo} onChange={(e) => setForm({ ...form, demo: e.target.checked })} />
          {t('setup.loadDemo')}
        </label>
        <button className="button button--primary" type="submit" disabled={busy}>{t('setup.submit')}</button>
      </form>
    </main>
  );
}
