// The idle lock: the console shows nothing until the signed-in operator enters their PIN.
// The core refuses every other call meanwhile, so hiding the screen is not the protection.
import { useState, type FormEvent } from 'react';
import type { ApiError, OperatorView } from '../../../../shared/api';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';

export function LockScreen({ operator, minutes, onUnlocked, onSignOut }: {
  operator: OperatorView; minutes: number; onUnlocked: () => void; onSignOut: () => void;
}) {
  const { t, errorText, tCode } = useLocale();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ApiError>();
  async function unlock(e: FormEvent) {
    e.preventDefault();
    const result = await call('session.unlock', { pin });
    setPin('');
    if (result.ok) onUnlocked();
    else setError(result.error);
  }
  return (
    <main className="centered lock">
      <form className="card" onSubmit={unlock} aria-labelledby="lock-title" noValidate>
        <h1 id="lock-title">{t('lock.title')}</h1>
        <p className="muted">{t('lock.intro', { minutes, name: operator.name })}</p>
        <ErrorBanner>{error && !error.fields ? errorText(error) : null}</ErrorBanner>
        <Field label={t('lock.pin')} error={error?.fields?.pin ? tCode(error.fields.pin) : undefined}>
          <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} dir="ltr" autoFocus autoComplete="current-password" />
        </Field>
        <div className="actions">
          <button type="submit" className="button button--primary">{t('lock.unlock')}</button>
          <button type="button" className="button" onClick={onSignOut}>{t('signIn.signOut')}</button>
        </div>
      </form>
    </main>
  );
}
