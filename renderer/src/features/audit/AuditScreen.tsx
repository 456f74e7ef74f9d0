// Who changed what and when, read from the operation log: before → after, operator, console
// and time, newest first, with filters, older pages on demand, and CSV for the file.
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import type { ApiError, Input } from '../../../../shared/api';
import type { AuditEntryView } from '../../../../shared/api/types';
import { AUDIT_ENTITIES } from '../../../../shared/api/schemas';
import { zonedTimeToEpoch } from '../../../../shared/time/zoned';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { download, toCsv } from '../../ui/exporters';
import { useDistricts } from '../../ui/useDistricts';
import { auditFieldName, auditValue, readableFields } from './auditText';

type Query = Input<'audit.list'>;
type Entity = (typeof AUDIT_ENTITIES)[number];
const PAGE = 200;
/** A CSV export reads at most this many changes (50 pages). */
const CSV_LIMIT = 10_000;

/** Identifiers rather than prose: no spaces and short enough to always fit a line. */
const isToken = (text: string) => text.length <= 24 && !/\s/.test(text);

function dayStart(date: string, timeZone: string, plusDays = 0): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  return zonedTimeToEpoch({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) + plusDays }, timeZone);
}

export function AuditScreen() {
  const locale = useLocale();
  const { t, dateTime, timeZone, errorText } = locale;
  const districts = useDistricts();
  const { data: operators } = useQuery('operators.list', {});
  const [entity, setEntity] = useState<Entity | ''>('');
  const [operatorId, setOperatorId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [next, setNext] = useState<Query['before'] | null>(null);
  const [error, setError] = useState<ApiError>();

  const query: Query = {
    limit: PAGE,
    ...(entity ? { entity } : {}), ...(operatorId ? { operatorId } : {}),
    ...(dayStart(from, timeZone) !== undefined ? { from: dayStart(from, timeZone) } : {}),
    ...(dayStart(to, timeZone, 1) !== undefined ? { to: dayStart(to, timeZone, 1) } : {}),
  };
  const key = JSON.stringify(query);
  useEffect(() => {
    let live = true;
    void call('audit.list', JSON.parse(key) as Query).then((r) => {
      if (!live) return;
      setError(r.ok ? undefined : r.error);
      setEntries(r.ok ? r.value.entries : []);
      setNext(r.ok ? r.value.next : null);
    });
    return () => { live = false; };
  }, [key]);

  async function more() {
    if (!next) return;
    const r = await call('audit.list', { ...query, before: next });
    if (!r.ok) return setError(r.error);
    setEntries((e) => [...e, ...r.value.entries]);
    setNext(r.value.next);
  }

  const show = (entity: string, field: string, value: AuditEntryView['before']): string => auditValue(locale, districts, entity, field, value);
  const separator = locale.language === 'ar' ? '؛ ' : '; ';
  const after = (e: AuditEntryView): string => (typeof e.after === 'object' && e.after !== null
    ? readableFields(e.after).map(([k, v]) => `${auditFieldName(t, k)}: ${show(e.entity, k, v)}`).join(separator)
    : show(e.entity, e.field, e.after));
  /** One value isolated in its own direction; a short token (incident number, call sign, phone) never splits at its hyphens. */
  const value = (entity: string, field: string, v: AuditEntryView['before']): ReactNode => {
    const text = show(entity, field, v);
    return <bdi className={isToken(text) ? 'token' : undefined}>{text}</bdi>;
  };
  const afterCell = (e: AuditEntryView): ReactNode => (typeof e.after === 'object' && e.after !== null
    ? readableFields(e.after).map(([k, v], i) => (
      <Fragment key={k}>{i > 0 ? separator : null}<span className="audit__pair">{auditFieldName(t, k)}: {value(e.entity, k, v)}</span></Fragment>
    ))
    : value(e.entity, e.field, e.after));

  async function exportCsv() {
    const all: AuditEntryView[] = [];
    let cursor: Query['before'] | null | undefined;
    do {
      const r = await call('audit.list', { ...query, limit: 500, ...(cursor ? { before: cursor } : {}) });
      if (!r.ok) return setError(r.error);
      all.push(...r.value.entries);
      cursor = r.value.next;
    } while (cursor && all.length < CSV_LIMIT);
    const header = [t('audit.time'), t('audit.entity'), t('audit.record'), t('audit.field'), t('audit.before'), t('audit.after'), t('audit.by'), t('audit.console')];
    const rows = all.map((e) => [new Date(e.at).toISOString(), t(`audit.entity_${e.entity}`), e.label, auditFieldName(t, e.field),
      show(e.entity, e.field, e.before), after(e), e.operatorName ?? '', e.origin]);
    download('beacon-audit.csv', new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }));
  }

  return (
    <section className="stats" aria-labelledby="audit-title">
      <div className="incident__head">
        <h1 id="audit-title">{t('audit.title')}</h1>
        <button type="button" className="button" onClick={() => void exportCsv()}>{t('audit.csv')}</button>
      </div>
      <div className="panel stats__controls" role="group" aria-label={t('stats.filters')}>
        <Field label={t('audit.entity')}>
          <select value={entity} onChange={(e) => setEntity(e.target.value as Entity | '')}>
            <option value="">{t('audit.allEntities')}</option>
            {AUDIT_ENTITIES.map((x) => <option key={x} value={x}>{t(`audit.entity_${x}`)}</option>)}
          </select>
        </Field>
        <Field label={t('audit.operator')}>
          <select value={operatorId} onChange={(e) => setOperatorId(e.target.value)}>
            <option value="">{t('audit.allOperators')}</option>
            {(operators ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </Field>
        <Field label={t('audit.from')}><input type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></Field>
        <Field label={t('audit.to')}><input type="date" value={to} onChange={(e) => setTo(e.target.value)} /></Field>
      </div>
      <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
      <div className="panel">
        {entries.length === 0 ? <p className="muted">{t('audit.empty')}</p> : (
          <div className="table-scroll table-scroll--tall">
            <table className="data-table audit">
              <caption className="visually-hidden">{t('audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.time')}</th><th scope="col">{t('audit.record')}</th><th scope="col">{t('audit.field')}</th>
                  <th scope="col">{t('audit.before')}</th><th scope="col">{t('audit.after')}</th><th scope="col">{t('audit.by')}</th><th scope="col">{t('audit.console')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={`${e.origin}-${e.seq}`} className={e.superseded ? 'audit--superseded' : undefined} title={e.superseded ? t('audit.overridden') : undefined}>
                    <th scope="row">{dateTime(e.at)}</th>
                    <td>{t(`audit.entity_${e.entity}`)} <bdi className={isToken(e.label) ? 'token' : undefined}>{e.label}</bdi></td>
                    <td>{auditFieldName(t, e.field)}</td>
                    <td>{value(e.entity, e.field, e.before)}</td>
                    <td>{afterCell(e)}{e.superseded ? <span className="muted"> — {t('audit.overridden')}</span> : null}</td>
                    <td><bdi>{e.operatorName ?? ''}</bdi></td>
                    <td><bdi dir="ltr">{e.origin.slice(0, 6)}</bdi></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {next ? <button type="button" className="button" onClick={() => void more()}>{t('audit.more')}</button> : null}
      </div>
    </section>
  );
}
