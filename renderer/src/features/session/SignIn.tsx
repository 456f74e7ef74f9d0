import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../shared/api';
import type { Language } from '../../../../shared/domain';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { CardHead } from '../../ui/CardHead';

export function SignIn({ postName, language, onLanguage, onSignedIn }: {
  postName: string; language: Language; onLanguage: (l: Language) => void; onSignedIn: () => void;
}) {
  const { t, errorText, tCode } = useLocale();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ApiError>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await call('session.signIn', { name, pin });
    if (result.ok) onSignedIn();
    else {
      setError(result.error);
      setPin('');
    }
  }
  return (
    <main className="centered">
      <form className="card" onSubmit={submit} aria-labelledby="signin-title" noValidate>
        <CardHead id="signin-title" title={t('signIn.title')} language={language} onLanguage={onLanguage} />
        <p className="muted">{postName}</p>
        <ErrorBanner>{error && !error.fields ? errorText(error) : null}</ErrorBanner>
        <Field label={t('signIn.name')} error={error?.fields?.name ? tCode(error.fields.name) : undefined}>
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus autoComplete="username" />
        </Field>
        <Field label={t('signIn.pin')} error={error?.fields?.pin ? tCode(error.fields.pin) : undefined}>
          <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} dir="ltr" autoComplete="current-password" />
        </Field>
        <button className="button button--primary" type="submit">{t('signIn.submit')}</button>
      </form>
    </main>
  );
}
