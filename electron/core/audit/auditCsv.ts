// The audit trail as a CSV file a spreadsheet opens as it is (quoting and formula rules: shared/text/csv).
import { toCsv, type CsvCell } from '../../../shared/text/csv';
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

type Cell = CsvCell;

function valueCell(value: FieldValue | CreatedValues | undefined): Cell {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  return Object.keys(value).sort().map((key) => `${key}: ${value[key] ?? ''}`).join('; ');
}

export function auditCsv(entries: readonly AuditEntry[], labels: AuditCsvLabels, formatTime: (at: number) => string): string {
  const header: Cell[] = [labels.time, labels.entity, labels.label, labels.field, labels.before, labels.after, labels.operator, labels.console];
  const rows = entries.map((e): Cell[] => [
    formatTime(e.at), e.entity, e.label, e.field, valueCell(e.before), valueCell(e.after), e.operatorName ?? e.operatorId ?? '', e.origin,
  ]);
  return toCsv(header, rows);
}
