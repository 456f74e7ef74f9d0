// The duty officer's handover: choose the shift (or a day, or dates), write handover notes,
// read the report as it will print, and print it or save it as PDF.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ApiError, Input } from '../../../../shared/api';
import type { ShiftSummary } from '../../../../shared/api/types';
import { previousShift, shiftAt } from '../../../../shared/time/shifts';
import { localIsoDate } from '../../../../shared/time/zoned';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { SummaryDocument } from './SummaryDocument';

type Period = Input<'summary.get'>['period'];
type Choice = 'thisShift' | 'previousShift' | 'day' | 'range';

const today = (timeZone: string) => localIsoDate(Date.now(), timeZone);

export function SummaryScreen({ shiftStarts }: { shiftStarts: readonly string[] }) {
  const { t, tCode, timeZone, errorText } = useLocale();
  const [choice, setChoice] = useState<Choice>('thisShift');
  const [day, setDay] = useState(() => today(timeZone));
  const [range, setRange] = useState(() => ({ from: today(timeZone), to: today(timeZone) }));
  const [applied, setApplied] = useState<Period | null>(null);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<ApiError>();

  const current = shiftAt(Date.now(), shiftStarts, timeZone);
  const period = useMemo<Period>(() => {
    if (choice === 'thisShift') return { shift: current.start };
    if (choice === 'previousShift') return { shift: previousShift(current, shiftStarts, timeZone).start };
    return applied ?? { shift: current.start };
  }, [choice, applied, current.start, shiftStarts, timeZone]);
  const { data, error: loadError } = useQuery('summary.get', { period });

  async function addNote(e: FormEvent) {
    e.preventDefault();
    const result = await call('summary.addHandoverNote', { shiftStart: 'shift' in period ? period.shift : current.start, text: note });
    setError(result.ok ? undefined : result.error);
    if (result.ok) setNote('');
  }
  async function print(pdf: boolean) {
    const result = await call('summary.print', { period, pdf });
    setError(result.ok ? undefined : result.error);
    if (result.ok) setMessage(result.value.file ? t('summary.savedPdf', { file: result.value.file }) : undefined);
  }

  return (
    <section className="summary-screen" aria-labelledby="summary-title">
      <div className="incident__head">
        <h1 id="summary-title">{t('nav.summary')}</h1>
        <button type="button" className="button" onClick={() => void print(false)}>{t('summary.print')}</button>
        <button type="button" className="button" onClick={() => void print(true)}>{t('summary.pdf')}</button>
      </div>
      <div className="panel stats__controls">
        <Field label={t('summary.period')}>
          <select value={choice} onChange={(e) => setChoice(e.target.value as Choice)}>
            {(['thisShift', 'previousShift', 'day', 'range'] as const).map((c) => <option key={c} value={c}>{t(`summary.${c}`)}</option>)}
          </select>
        </Field>
        {choice === 'day' ? (
          <form className="stats__custom" aria-label={t('summary.day')} onSubmit={(e) => { e.preventDefault(); setApplied({ day }); }}>
            <Field label={t('summary.date')}><input type="date" value={day} onChange={(e) => setDay(e.target.value)} /></Field>
            <button type="submit" className="button">{t('stats.apply')}</button>
          </form>
        ) : choice === 'range' ? (
          <form className="stats__custom" aria-label={t('summary.range')} onSubmit={(e) => { e.preventDefault(); setApplied(range); }}>
            <Field label={t('stats.from')}><input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} /></Field>
            <Field label={t('stats.to')}><input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} /></Field>
            <button type="submit" className="button">{t('stats.apply')}</button>
          </form>
        ) : null}
      </div>
      {'shift' in period ? (
        <form className="panel summary-screen__note" aria-label={t('summary.addNote')} onSubmit={(e) => void addNote(e)}>
          <Field label={t('summary.note')} error={error?.fields?.text ? tCode(error.fields.text) : undefined}><textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} /></Field>
          <div className="actions"><button type="submit" className="button button--primary">{t('summary.save')}</button></div>
        </form>
      ) : null}
      <ErrorBanner>{error && !error.fields ? errorText(error) : loadError ? errorText(loadError) : null}</ErrorBanner>
      {message ? <p role="status" className="notice">{message}</p> : null}
      <div className="paper">{data ? <SummaryDocument summary={data} /> : <p className="muted">{t('summary.loading')}</p>}</div>
    </section>
  );
}

/** The print route (#/print/summary?shift=…): the report alone, marked ready once drawn. */
export function SummaryPrint({ query }: { query: string }) {
  const { t } = useLocale();
  const period = useMemo<Period>(() => {
    const q = new URLSearchParams(query);
    const shift = q.get('shift');
    if (shift !== null) return { shift: Number(shift) };
    const dayParam = q.get('day');
    if (dayParam !== null) return { day: dayParam };
    return { from: q.get('from') ?? '', to: q.get('to') ?? '' };
  }, [query]);
  const { data, error } = useQuery('summary.get', { period });
  return <PrintReady summary={data} failed={error !== undefined} loading={t('summary.loading')} />;
}

function PrintReady({ summary, failed, loading }: { summary: ShiftSummary | undefined; failed: boolean; loading: string }) {
  useEffect(() => {
    if (!summary) return;
    let live = true;
    // Fonts first: a page measured before the Arabic font arrives would break differently.
    void document.fonts.ready.then(() => { if (live) document.body.dataset.ready = 'true'; });
    return () => { live = false; delete document.body.dataset.ready; };
  }, [summary]);
  if (failed) return null;
  return <div className="print-route">{summary ? <SummaryDocument summary={summary} /> : <p>{loading}</p>}</div>;
}
