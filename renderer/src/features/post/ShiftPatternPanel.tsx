// The post's shift pattern, for supervisors: when each shift starts on the post's clock. Two
// and three-shift presets, or any starts two hours or more apart; the header, the summary
// and the safety copies follow the saved pattern.
import { useState, type FormEvent } from 'react';
import type { ApiError, SetupStatus } from '../../../../shared/api';
import { shiftAt } from '../../../../shared/time/shifts';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';

const PRESETS = { two: ['08:00', '20:00'], three: ['06:00', '14:00', '22:00'] } as const;
const MAX_SHIFTS = 6;

export function ShiftPatternPanel() {
  const { data: status } = useQuery('setup.status', {});
  return status?.post ? <ShiftPatternForm status={status} timeZone={status.post.timeZone} /> : null;
}

function ShiftPatternForm({ status, timeZone }: { status: SetupStatus; timeZone: string }) {
  const { t, tCode, time, errorText } = useLocale();
  const [starts, setStarts] = useState<string[]>(status.shiftStarts);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<string>();
  const change = (next: string[]) => { setStarts(next); setSaved(undefined); };

  async function save(e: FormEvent) {
    e.preventDefault();
    const result = await call('post.setShifts', { starts });
    setError(result.ok ? undefined : result.error);
    if (!result.ok) return;
    setStarts(result.value.shiftStarts);
    const shift = shiftAt(Date.now(), result.value.shiftStarts, timeZone);
    setSaved(t('shiftPattern.saved', { shift: `${time(shift.start)}–${time(shift.end)}` }));
  }

  const fieldError = error?.fields?.starts ? tCode(error.fields.starts) : undefined;
  return (
    <section className="panel" aria-labelledby="shift-pattern-title">
      <h2 id="shift-pattern-title">{t('shiftPattern.title')}</h2>
      <p className="muted">{t('shiftPattern.intro')}</p>
      <ErrorBanner>{error && !fieldError ? errorText(error) : null}</ErrorBanner>
      <div className="actions">
        <button type="button" className="button button--small" onClick={() => change([...PRESETS.two])}>{t('shiftPattern.two')}</button>
        <button type="button" className="button button--small" onClick={() => change([...PRESETS.three])}>{t('shiftPattern.three')}</button>
      </div>
      <form onSubmit={(e) => void save(e)} className="grid2" aria-label={t('shiftPattern.title')}>
        {starts.map((start, i) => (
          <div key={i} className="shift-start">
            {/* Text, not a time input: that one shows AM/PM on a laptop set to US English; a command post runs on the 24-hour clock. */}
            <Field label={t('shiftPattern.start', { n: i + 1 })} hint={i === 0 ? t('shiftPattern.hint') : undefined} error={i === 0 ? fieldError : undefined}>
              <input dir="ltr" inputMode="numeric" required maxLength={5} size={6} value={start} onChange={(e) => change(starts.map((s, j) => (j === i ? e.target.value.trim() : s)))} />
            </Field>
            {starts.length > 1 ? (
              <button type="button" className="button button--ghost button--small" aria-label={t('shiftPattern.remove', { n: i + 1 })}
                onClick={() => change(starts.filter((_, j) => j !== i))}>✕</button>
            ) : null}
          </div>
        ))}
        <div className="span2 actions">
          {starts.length < MAX_SHIFTS ? (
            <button type="button" className="button" onClick={() => change([...starts, '12:00'])}>{t('shiftPattern.add')}</button>
          ) : null}
          <button type="submit" className="button button--primary">{t('shiftPattern.save')}</button>
          {saved ? <span role="status" className="muted">{saved}</span> : null}
        </div>
      </form>
    </section>
  );
}
