// One statistics figure: its chart, or the same numbers as an accessible table, with CSV,
// image and print. The table is what a screen reader, a CSV file and a printout share.
import { useId, useRef, useState, type ReactNode } from 'react';
import { useLocale } from '../../i18n';
import { download, fileName, printOnly, svgToPng, toCsv, type Cell } from '../../ui/exporters';

export interface TableData {
  header: string[];
  rows: Cell[][];
  /** Text for a number cell (durations, percentages); the CSV keeps the raw number. */
  format?: (value: Cell, column: number) => string;
}

export function ChartCard({ title, table, children, wide = false }: { title: string; table: TableData; children: ReactNode; wide?: boolean }) {
  const { t, dir, number } = useLocale();
  const [showTable, setShowTable] = useState(false);
  const card = useRef<HTMLElement>(null);
  const chart = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const show = (value: Cell, column: number) =>
    value === null ? t('common.none') : table.format ? table.format(value, column) : typeof value === 'number' ? number(value) : value;

  async function png() {
    if (!chart.current) return;
    const blob = await svgToPng(chart.current, title, dir);
    if (blob) download(fileName(title, 'png'), blob);
  }
  return (
    <section ref={card} className={`panel chart-card${wide ? ' chart-card--wide' : ''}`} aria-labelledby={headingId}>
      <div className="card__head">
        <h2 id={headingId}>{title}</h2>
        <div className="chart-card__actions">
          <button type="button" className="button button--small" aria-pressed={showTable} onClick={() => setShowTable(!showTable)}
            aria-label={t(showTable ? 'stats.showChart' : 'stats.showTable', { title })}>{showTable ? '▦' : '☰'}</button>
          <button type="button" className="button button--small" aria-label={t('stats.csv', { title })}
            onClick={() => download(fileName(title, 'csv'), new Blob([toCsv(table.header, table.rows)], { type: 'text/csv;charset=utf-8' }))}>{t('stats.csvShort')}</button>
          <button type="button" className="button button--small" aria-label={t('stats.png', { title })} disabled={showTable} onClick={() => void png()}>{t('stats.pngShort')}</button>
          <button type="button" className="button button--small" aria-label={t('stats.print', { title })} onClick={() => card.current && printOnly(card.current)}>⎙</button>
        </div>
      </div>
      {showTable ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{title}</caption>
            <thead><tr>{table.header.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>{row.map((cell, c) => (c === 0 ? <th key={c} scope="row"><bdi>{show(cell, c)}</bdi></th> : <td key={c}>{show(cell, c)}</td>))}</tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <div ref={chart} className="chart-card__chart">{children}</div>}
    </section>
  );
}
