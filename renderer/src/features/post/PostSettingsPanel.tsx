// The post's defaults, for administrators: the language sign-in and new accounts start in,
// and how the Arabic interface writes digits on every console, the wall and on paper.
import { useState, type FormEvent } from 'react';
import type { ApiError, SetupStatus } from '../../../../shared/api';
import { DIGIT_STYLES, LANGUAGES, type DigitStyle, type Language } from '../../../../shared/domain';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';

export function PostSettingsPanel() {
  const { data: status } = useQuery('setup.status', {});
  // The form starts from what is stored, so it mounts only once that has arrived.
  return status ? <PostSettingsForm status={status} /> : null;
}

function PostSettingsForm({ status }: { status: SetupStatus }) {
  const { t, errorText } = useLocale();
  const [form, setForm] = useState<{ language: Language; digits: DigitStyle }>({ language: status.language, digits: status.digits });
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    const result = await call('post.setDefaults', form);
    setError(result.ok ? undefined : result.error);
    setSaved(result.ok);
  }

  return (
    <section className="panel" aria-labelledby="post-settings-title">
      <h2 id="post-settings-title">{t('postSettings.title')}</h2>
      <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
      <form onSubmit={save} className="grid2">
        <Field label={t('postSettings.language')} hint={t('postSettings.languageHint')}>
          <select value={form.language} onChange={(e) => { setSaved(false); setForm({ ...form, language: e.target.value as Language }); }}>
            {LANGUAGES.map((l) => <option key={l} value={l}>{t(`language.${l}`)}</option>)}
          </select>
        </Field>
        <DigitsField value={form.digits} onChange={(digits) => { setSaved(false); setForm({ ...form, digits }); }} />
        <div className="span2">
          <button type="submit" className="button button--primary">{t('postSettings.save')}</button>
          {saved ? <span role="status" className="muted"> {t('organisation.saved')}</span> : null}
        </div>
      </form>
    </section>
  );
}

/** Shown beside each choice, in the digits it stands for. */
// No spaces: in right-to-left text, space-separated digits would read in reverse.
const SAMPLE: Record<DigitStyle, string> = { latn: '0123', arab: '٠١٢٣' };

/** The digit choice, each option written in the digits it stands for. */
export function DigitsField({ value, onChange }: { value: DigitStyle; onChange: (d: DigitStyle) => void }) {
  const { t } = useLocale();
  return (
    <Field label={t('postSettings.digits')} hint={t('postSettings.digitsHint')}>
      <select value={value} onChange={(e) => onChange(e.target.value as DigitStyle)}>
        {DIGIT_STYLES.map((d) => <option key={d} value={d}>{t(`digits.${d}`)} ({SAMPLE[d]})</option>)}
      </select>
    </Field>
  );
}
