// An HXL report (Humanitarian Exchange Language 1.1): CSV with the hashtag row right under the
// header row, UTF-8 with a byte-order mark so spreadsheet programs keep Arabic intact.
import { createTranslator } from '../../../shared/i18n';
import type { Language } from '../../../shared/domain';
import { REPORT_COLUMNS, type ReportRow } from './incidentReport';
import type { TextSink } from './textSink';
import { csvCell } from '../../../shared/text/csv';

// Cells are written by the one safe CSV writer (shared/text/csv.ts): quoted where a
// spreadsheet would split them, formula starts neutralised, numbers kept numbers.
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
