// Operator accounts, for administrators: created here, disabled rather than deleted, and
// carried to the post's other consoles like any data (PIN hashes only).
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../shared/api';
import { LANGUAGES, OPERATOR_ROLES, type Language, type OperatorRole } from '../../../../shared/domain';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';

export function AccountsPanel() {
  const { t, tCode, errorText, sep } = useLocale();
  const { data: accounts } = useQuery('operators.list', {});
  const { data: me } = useQuery('session.current', {});
  const { data: status } = useQuery('setup.status', {});
  // A new account starts in the post's default language unless chosen otherwise.
  const [form, setForm] = useState({ name: '', pin: '', role: 'operator' as OperatorRole, language: null as Language | null });
  const language = form.language ?? status?.language ?? 'ar';
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState<string>();
  const fieldError = (path: string) => (error?.fields?.[path] ? tCode(error.fields[path]) : undefined);

  async function create(e: FormEvent) {
    e.preventDefault();
    const result = await call('operators.create', { ...form, language });
    setError(result.ok ? undefined : result.error);
    if (result.ok) {
      setNotice(t('accounts.created', { name: result.value.name }));
      setForm((f) => ({ ...f, name: '', pin: '' }));
    }
  }
  async function toggle(id: string, disabled: boolean) {
    const result = await call('operators.setDisabled', { id, disabled });
    setError(result.ok ? undefined : result.error);
  }

  return (
    <section className="panel" aria-label={t('accounts.title')}>
      <h2>{t('accounts.title')}</h2>
      <ErrorBanner>{error && !error.fields ? errorText(error) : null}</ErrorBanner>
      {notice ? <p role="status" className="muted">{notice}</p> : null}
      <ul className="editor__list">
        {(accounts ?? []).map((a) => (
          <li key={a.id} className={a.disabled ? 'muted' : undefined}>
            <span><bdi>{a.name}</bdi>{sep}{t(`operatorRole.${a.role}`)}{a.disabled ? `${sep}${t('accounts.disabled')}` : ''}</span>
            {a.id === me?.id ? null : (
              <button type="button" className="button button--ghost button--small" onClick={() => void toggle(a.id, !a.disabled)}
                aria-label={t(a.disabled ? 'accounts.enable' : 'accounts.disable', { name: a.name })}>
                {t(a.disabled ? 'accounts.enable' : 'accounts.disable', { name: '' })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={create} className="grid2" aria-label={t('accounts.create')}>
        <Field label={t('accounts.name')} error={fieldError('name')}><input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} autoComplete="off" /></Field>
        <Field label={t('accounts.pin')} error={fieldError('pin')}><input type="password" inputMode="numeric" value={form.pin} dir="ltr" onChange={(e) => setForm({ ...form, pin: e.target.value })} autoComplete="new-password" /></Field>
        <Field label={t('accounts.role')}>
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as OperatorRole })}>
            {OPERATOR_ROLES.map((r) => <option key={r} value={r}>{t(`operatorRole.${r}`)}</option>)}
          </select>
        </Field>
        <Field label={t('accounts.language')}>
          <select value={language} onChange={(e) => setForm({ ...form, language: e.target.value as Language })}>
            {LANGUAGES.map((l) => <option key={l} value={l}>{t(`language.${l}`)}</option>)}
          </select>
        </Field>
        <div className="span2"><button type="submit" className="button button--primary">{t('accounts.create')}</button></div>
      </form>
    </section>
  );
}
