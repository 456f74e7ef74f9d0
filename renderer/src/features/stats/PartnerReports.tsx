// Reports for humanitarian partners and the maps at headquarters: a period's incidents as HXL
// (CSV) or GeoJSON, saved where the save dialog says (a download in the browser host).
import { useState } from 'react';
import type { ApiError } from '../../../../shared/api';
import { HXL_TABLES, type HxlTable } from '../../../../shared/exchange';
import { localIsoDate } from '../../../../shared/time/zoned';
import { useLocale } from '../../i18n';
import { call } from '../../ops';
import { ErrorBanner, Field } from '../../ui/Field';

export function PartnerReports() {
  const { t, errorText, timeZone, number } = useLocale();
  const [period, setPeriod] = useState(() => ({ from: localIsoDate(Date.now(), timeZone, -6), to: localIsoDate(Date.now(), timeZone) }));
  const [table, setTable] = useState<HxlTable>('incidents');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  async function exportAs(channel: 'exchange.exportHxl' | 'exchange.exportGeojson') {
    setDone(undefined);
    const result = channel === 'exchange.exportHxl' ? await call(channel, { ...period, table }) : await call(channel, period);
    setError(result.ok ? undefined : result.error);
    if (result.ok && result.value) setDone(t('exchange.exported', { rows: number(result.value.rows), file: `\u2066${result.value.file}\u2069` }));
  }
  return (
    <section className="panel stats__controls" aria-labelledby="partner-reports-title">
      <h2 id="partner-reports-title">{t('exchange.reports')}</h2>
      <Field label={t('exchange.periodFrom')}><input type="date" value={period.from} onChange={(e) => setPeriod({ ...period, from: e.target.value })} /></Field>
      <Field label={t('exchange.periodTo')}><input type="date" value={period.to} onChange={(e) => setPeriod({ ...period, to: e.target.value })} /></Field>
      <Field label={t('exchange.table')}>
        <select value={table} onChange={(e) => setTable(e.target.value as HxlTable)}>
          {HXL_TABLES.map((x) => <option key={x} value={x}>{t(`exchange.tableOption.${x}`)}</option>)}
        </select>
      </Field>
      <div className="actions">
        <button type="button" className="button" onClick={() => void exportAs('exchange.exportHxl')}>{t('exchange.exportHxl')}</button>
        <button type="button" className="button" onClick={() => void exportAs('exchange.exportGeojson')}>{t('exchange.exportGeojson')}</button>
      </div>
      <ErrorBanner>{error ? errorText(error) : null}</ErrorBanner>
      {done ? <p role="status" className="muted">{done}</p> : null}
    </section>
  );
}
