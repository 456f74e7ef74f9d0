// An HXL report (Humanitarian Exchange Language 1.1): CSV with the hashtag row right under the
// header row, UTF-8 with a byte-order mark so spreadsheet programs keep Arabic intact.
import { createTranslator } from '../../../shared/i18n';
import type { Language } from '../../../shared/domain';
import { REPORT_COLUMNS, type ReportRow } from './incidentReport';
import type { TextSink } from './textSink';

/**
 * A cell a spreadsheet could take for a formula (= + - @, tab, carriage return first) is
 * prefixed with an apostrophe. Minimal on purpose: the shared safe-CSV helper (branch trust)
 * should replace it when both are merged.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: readonly (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

export async function writeHxl(rows: AsyncIterable<ReportRow>, sink: TextSink, language: Language): Promise<number> {
  const t = createTranslator(language);
  await sink.write(`\uFEFF${csvLine(REPORT_COLUMNS.map((c) => t(c.header)))}${csvLine(REPORT_COLUMNS.map((c) => c.hxl))}`);
  let n = 0;
  for await (const row of rows) {
    await sink.write(csvLine(REPORT_COLUMNS.map((c) => row[c.field])));
    n += 1;
  }
  return n;
}
