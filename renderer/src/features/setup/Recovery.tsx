// First run in recovery: the console has its post, but every operator of the post is disabled
// (two administrators, offline, disabled each other). The post is shown as it is and kept; the
// only thing asked is a new administrator, who reaches the post's other consoles with the next
// sync. No joining and no demo data: either would take the console away from its post. A
// folder the command line prepared (a post and its key, no operator yet) comes here too.
import { useState, type FormEvent } from 'react';
import type { ApiError, SetupStatus } from '../../../../shared/api';
import type { Language } from '../../../../shared/domain';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { CardHead } from '../../ui/CardHead';
import { AdministratorFields, pinMismatch } from './AdministratorFields';

export function Recovery({ status, language, onLanguage, onDone }: {
  status: SetupStatus; language: Language; onLanguage: (l: Language) => void; onDone: () => void;
}) {
  const { t, errorText, tCode } = useLocale();
  const [form, setForm] = useState({ name: '', pin: '', confirm: '' });
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const fieldError = (path: string) => (error?.fields?.[path] ? tCode(error.fields[path]) : undefined);
  const post = status.post;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const mismatch = pinMismatch(form);
    if (mismatch) return setError(mismatch);
    if (!post || !status.consoleLetter) return;
    setBusy(true);
    // The core keeps the post, the letter and the post's defaults whatever is sent: these are sent as they are.
    const result = await call('setup.complete', {
      post, consoleLetter: status.consoleLetter, operator: { name: form.name, pin: form.pin }, language, digits: status.digits, loadDemo: false,
    });
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error);
  }

  return (
    <main className="centered">
      <form className="card card--wide" onSubmit={submit} aria-labelledby="recovery-title" aria-describedby="recovery-intro" noValidate>
        <CardHead id="recovery-title" title={t('setup.recoveryTitle')} language={language} onLanguage={onLanguage} />
        <p id="recovery-intro" className="notice">{t(status.noOperatorYet ? 'setup.preparedIntro' : 'setup.recoveryIntro')}</p>
        <fieldset className="setup__post">
          <legend>{t('setup.recoveryPost')}</legend>
          <div className="grid2">
            <Field label={t('setup.postName')}><input value={post?.name ?? ''} readOnly /></Field>
            <Field label={t('setup.postCode')}><input value={post?.code ?? ''} readOnly dir="ltr" /></Field>
            <Field label={t('setup.timeZone')}><input value={post?.timeZone ?? ''} readOnly dir="ltr" /></Field>
            <Field label={t('setup.consoleLetter')}><input value={status.consoleLetter ?? ''} readOnly dir="ltr" /></Field>
          </div>
        </fieldset>
        <ErrorBanner>{error && !error.fields ? errorText(error) : null}</ErrorBanner>
        <div className="grid2">
          <AdministratorFields values={form} onChange={set} fieldError={fieldError} autoFocus />
        </div>
        <button className="button button--primary" type="submit" disabled={busy}>{t('setup.submit')}</button>
      </form>
    </main>
  );
}
