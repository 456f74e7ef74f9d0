// First run: the post, this console's letter, the first operator, and demo data on offer. A
// laptop joining a post that already has one takes the post (and its key, which the renderer
// never sees) from the key file an administrator saved there (features/post/PostKeyPanel.tsx),
// opened with the passphrase the administrator chose; a wrong one is refused and can be retyped.
import { useState, type FormEvent } from 'react';
import type { ApiError, Output } from '../../../../shared/api';
import type { DigitStyle, Language } from '../../../../shared/domain';
import { DigitsField } from '../post/PostSettingsPanel';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { CardHead } from '../../ui/CardHead';
import { AdministratorFields, pinMismatch } from './AdministratorFields';

export function FirstRun({ defaultTimeZone, language, onLanguage, onDone }: {
  defaultTimeZone: string; language: Language; onLanguage: (l: Language) => void; onDone: () => void;
}) {
  const { t, errorText, tCode } = useLocale();
  const [form, setForm] = useState({ postName: '', postCode: '', timeZone: defaultTimeZone, letter: 'A', name: '', pin: '', confirm: '', demo: false, digits: 'latn' as DigitStyle, passphrase: '' });
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [joining, setJoining] = useState(false);
  const [keyFile, setKeyFile] = useState<NonNullable<Output<'setup.readPostKeyFile'>>>();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const fieldError = (path: string) => (error?.fields?.[path] ? tCode(error.fields[path]) : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const mismatch = pinMismatch(form);
    if (mismatch) return setError(mismatch);
    if (joining && !keyFile) {
      setError({ code: 'postKey.chooseFile' });
      return;
    }
    setBusy(true);
    const result = await call('setup.complete', {
      post: { name: form.postName, code: form.postCode.trim().toUpperCase(), timeZone: form.timeZone.trim() },
      consoleLetter: form.letter.trim().toUpperCase(), operator: { name: form.name, pin: form.pin }, language, digits: form.digits,
      // Demo data on a joining laptop would travel to the real post in its next bundle.
      ...(joining ? { join: true, loadDemo: false, ...(keyFile?.sealed ? { passphrase: form.passphrase } : {}) } : { loadDemo: form.demo }),
    });
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error);
  }

  function chooseMode(join: boolean) {
    setJoining(join);
    setError(undefined);
    setKeyFile(undefined);
    // Joining: the first laptop is most likely A, so the letter is left for the operator to choose.
    setForm({ ...form, postName: '', postCode: '', timeZone: defaultTimeZone, letter: join ? '' : 'A', passphrase: '' });
  }

  async function chooseKeyFile() {
    setBusy(true);
    setError(undefined);
    const result = await call('setup.readPostKeyFile', {});
    setBusy(false);
    if (!result.ok) return setError(result.error);
    if (!result.value) return;
    const { post } = result.value;
    setKeyFile(result.value);
    setForm({ ...form, postName: post.name, postCode: post.code, timeZone: post.timeZone, passphrase: '' });
  }

  return (
    <main className="centered">
      <form className="card card--wide" onSubmit={submit} aria-labelledby="setup-title" noValidate>
        <CardHead id="setup-title" title={t('setup.title')} language={language} onLanguage={onLanguage} />
        <p className="muted">{t('setup.intro')}</p>
        <fieldset className="setup__mode">
          <legend>{t('setup.mode')}</legend>
          <label className="radio"><input type="radio" name="setup-mode" checked={!joining} onChange={() => chooseMode(false)} />{t('setup.newPost')}</label>
          <label className="radio"><input type="radio" name="setup-mode" checked={joining} onChange={() => chooseMode(true)} />{t('setup.joinPost')}</label>
        </fieldset>
        {joining ? (
          <div className="setup__join">
            <p className="muted">{t('setup.joinIntro')}</p>
            <div className="actions">
              <button type="button" className="button" disabled={busy} onClick={() => void chooseKeyFile()}>{t('setup.chooseKey')}</button>
              {keyFile ? <p role="status" className="notice">{t('setup.joining', { name: keyFile.post.name, code: keyFile.post.code })}</p> : null}
            </div>
            {keyFile?.sealed ? (
              <Field label={t('setup.keyPassphrase')} error={fieldError('passphrase')} hint={t('setup.keyPassphraseHint')}>
                <input type="password" value={form.passphrase} onChange={set('passphrase')} autoComplete="off" autoFocus />
              </Field>
            ) : null}
            {keyFile && !keyFile.sealed ? <p className="notice">{t('setup.unsealedKeyFile')}</p> : null}
          </div>
        ) : null}
        <ErrorBanner>{error && !error.fields ? errorText(error) : null}</ErrorBanner>
        <div className="grid2">
          {/* Joining: the post is the key file's, shown but not edited. */}
          <Field label={t('setup.postName')} error={fieldError('post.name')}><input value={form.postName} onChange={set('postName')} readOnly={joining} autoFocus={!joining} /></Field>
          <Field label={t('setup.postCode')} error={fieldError('post.code')}><input value={form.postCode} onChange={set('postCode')} readOnly={joining} dir="ltr" maxLength={5} /></Field>
          <Field label={t('setup.timeZone')} error={fieldError('post.timeZone')}><input value={form.timeZone} onChange={set('timeZone')} readOnly={joining} dir="ltr" /></Field>
          <Field label={t('setup.consoleLetter')} error={fieldError('consoleLetter')} hint={joining ? t('setup.letterHint') : undefined}>
            <input value={form.letter} onChange={set('letter')} dir="ltr" maxLength={1} />
          </Field>
          <AdministratorFields values={form} onChange={set} fieldError={fieldError} />
        </div>
        {/* The post's language and digits are the post's: a joining laptop gets them with the post's changes. */}
        {joining ? null : (
          <div className="grid2">
            <p className="muted">{t('postSettings.setupNote')}</p>
            <DigitsField value={form.digits} onChange={(digits) => setForm({ ...form, digits })} />
          </div>
        )}
        {joining ? null : (
          <label className="checkbox">
            <input type="checkbox" checked={form.demo} onChange={(e) => setForm({ ...form, demo: e.target.checked })} />
            {t('setup.loadDemo')}
          </label>
        )}
        <button className="button button--primary" type="submit" disabled={busy}>{t('setup.submit')}</button>
      </form>
    </main>
  );
}
