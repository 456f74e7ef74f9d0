// The duty officer's view of what sync could not keep right on its own: a field changed on two
// consoles close together (the later change was kept, the other set aside), and a team sent
// to two incidents. Both are resolved by people; this screen shows where to look.
import { useEffect, useState } from 'react';
import type { ApiError, ConflictsQuery, FieldConflictView } from '../../../../shared/api';
import { useLocale } from '../../i18n';
import { call, useQuery } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';
import { useDistricts } from '../../ui/useDistricts';
import { auditFieldName, auditValue } from '../audit/auditText';

const PERIODS = { last24h: 24, last7d: 7 * 24, last30d: 30 * 24 } as const;
type Period = keyof typeof PERIODS;
const WINDOWS = [10, 30, 60] as const;
const PAGE = 100;

export function ConflictsScreen() {
  const { t } = useLocale();
  return (
    <section className="stats" aria-labelledby="conflicts-title">
      <h1 id="conflicts-title">{t('conflicts.title')}</h1>
      <p className="muted">{t('conflicts.intro')}</p>
      <TeamConflicts />
      <FieldConflicts />
    </section>
  );
}

function TeamConflicts() {
  const { t, dateTime, sep } = useLocale();
  const { data } = useQuery('teams.conflicts', {});
  return (
    <div className="panel" role="group" aria-labelledby="conflicts-teams">
      <h2 id="conflicts-teams">{t('conflicts.teamsTitle')}</h2>
      {(data ?? []).length === 0 ? <p className="muted">{t('conflicts.teamsNone')}</p> : (
        <>
          <p className="muted">{t('conflicts.teamsIntro')}</p>
          <ul className="editor__list">
            {(data ?? []).map((c) => (
              <li key={c.teamId}>
                <strong><bdi>{c.callSign}</bdi></strong>
                <ul>
                  {c.incidents.map((i) => (
                    <li key={i.assignmentId}>
                      <a href={`#/incident/${i.id}`}><bdi dir="ltr">{i.number}</bdi></a>
                      {sep}<span className="muted">{t('conflicts.sentAt', { time: dateTime(i.dispatchedAt) })}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function FieldConflicts() {
  const locale = useLocale();
  const { t, dateTime, duration, errorText, sep } = locale;
  const districts = useDistricts();
  const [period, setPeriod] = useState<Period>('last7d');
  const [within, setWithin] = useState<number>(WINDOWS[0]);
  const [rows, setRows] = useState<FieldConflictView[]>([]);
  const [next, setNext] = useState<ConflictsQuery['before'] | null>(null);
  const [error, setError] = useState<ApiError>();
  const [tick, setTick] = useState(0);

  // Re-asked when sync or a bundle brings operations from elsewhere.
  useEffect(() => window.ops.onChange(() => setTick((n) => n + 1)), []);
  const query: ConflictsQuery = { from: Date.now() - PERIODS[period] * 3_600_000, withinMinutes: within, limit: PAGE };
  useEffect(() => {
    let live = true;
    void call('sync.conflicts', { from: Date.now() - PERIODS[period] * 3_600_000, withinMinutes: within, limit: PAGE }).then((r) => {
      if (!live) return;
      setError(r.ok ? undefined : r.error);
      setRows(r.ok ? r.value.conflicts : []);
      setNext(r.ok ? r.value.next : null);
    });
    return () => { live = false; };
  }, [period, within, tick]);

  async function more() {
    if (!next) return;
    const r = await call('sync.conflicts', { ...query, before: next });
    if (!r.ok) return setError(r.error);
    setRows((x) => [...x, ...r.value.conflicts]);
    setNext(r.value.next);
  }

  const side = (c: FieldConflictView, s: FieldConflictView['kept']) => (
    <>
      <strong><bdi>{auditValue(locale, districts, c.entity, c.field, s.value)}</bdi></strong>
      <br />
      <span className="muted">
        <bdi>{s.operatorName ?? ''}</bdi>{sep}{t('conflicts.console')} <bdi dir="ltr">{s.origin.slice(0, 6)}</bdi>{sep}<bdi>{dateTime(s.at)}</bdi>
      </span>
    </>
  );

  return (
    <div className="panel" role="group" aria-labelledby="conflicts-fields">
      <h2 id="conflicts-fields">{t('conflicts.fieldsTitle')}</h2>
      <div className="stats__controls">
        <Field label={t('conflicts.period')}>
          <select value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
            {(Object.keys(PERIODS) as Period[]).map((p) => <option key={p} value={p}>{t(`stats.${p}`)}</option>)}
          </select>
        </Field>
        <Field label={t('conflicts.within')}>
          <select value={within} onChange={(e) => setWithin(Number(e.target.value))}>
            {WINDOWS.map((m) => <option key={m} value={m}>{duration(m * 60_000)}</option>)}
          </select>
        </Field>
      </div>
      <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
      {rows.length === 0 ? <p className="muted">{t('conflicts.none')}</p> : (
        <div className="table-scroll table-scroll--tall">
          <table className="data-table conflicts" aria-labelledby="conflicts-fields">
            <thead>
              <tr>
                <th scope="col">{t('conflicts.record')}</th><th scope="col">{t('conflicts.field')}</th>
                <th scope="col">{t('conflicts.overridden')}</th><th scope="col">{t('conflicts.kept')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={`${c.overridden.origin}-${c.overridden.seq}`}>
                  <th scope="row">
                    {t(`audit.entity_${c.entity}`)}{' '}
                    {c.entity === 'incident' ? <a href={`#/incident/${c.rowId}`}><bdi dir="ltr">{c.label}</bdi></a> : <bdi>{c.label}</bdi>}
                  </th>
                  <td>{auditFieldName(t, c.field)}</td>
                  <td className="conflict__overridden">{side(c, c.overridden)}</td>
                  <td>{side(c, c.kept)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? <button type="button" className="button" onClick={() => void more()}>{t('conflicts.more')}</button> : null}
    </div>
  );
}
