// The audit trail as a CSV file a spreadsheet opens as it is: UTF-8 with a BOM (so Excel reads
// Arabic), CRLF and RFC 4180 quoting, and text that a spreadsheet would run as a formula
// neutralised with a leading apostrophe (OWASP "CSV injection").
import type { FieldValue } from '../oplog/entities';
import type { AuditEntry, CreatedValues } from './auditTrail';

/** Column headings, in the reader's language. */
export interface AuditCsvLabels {
  time: string;
  entity: string;
  label: string;
  field: string;
  before: string;
  after: string;
  operator: string;
  console: string;
}

type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  // Numbers are values, not text: a negative longitude stays a number.
  let text = typeof cell === 'number' ? String(cell) : FORMULA_START.test(cell) ? `'${cell}` : cell;
  if (/[",\r\n]/.test(text)) text = `"${text.replaceAll('"', '""')}"`;
  return text;
}

function valueCell(value: FieldValue | CreatedValues | undefined): Cell {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  return Object.keys(value).sort().map((key) => `${key}: ${value[key] ?? ''}`).join('; ');
}

export function auditCsv(entries: readonly AuditEntry[], labels: AuditCsvLabels, formatTime: (at: number) => string): string {
  const header: Cell[] = [labels.time, labels.entity, labels.label, labels.field, labels.before, labels.after, labels.operator, labels.console];
  const rows = entries.map((e): Cell[] => [
    formatTime(e.at), e.entity, e.label, e.field, valueCell(e.before), valueCell(e.after), e.operatorName ?? e.operatorId ?? '', e.origin,
  ]);
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
