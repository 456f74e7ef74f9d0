// CSV that any spreadsheet opens as it was written, whatever its list separator: UTF-8 with a
// BOM (so Excel reads Arabic), CRLF, and RFC 4180 quoting of every cell holding a comma, a
// semicolon (the separator where the decimal mark is a comma), a quote, a tab or a line break.
// Text a spreadsheet would run as a formula is neutralised with a leading apostrophe (OWASP
// "CSV injection"); quoting alone does not stop a formula. Numbers stay numbers.

export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\t\r\n]/;

export function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  // A negative longitude or count is a value, not a formula.
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: header and rows, comma-separated. */
export function toCsv(header: readonly CsvCell[], rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
