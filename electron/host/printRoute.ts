// The summary's print route, which every shell loads to print or to make a PDF.
import type { Output } from '../../shared/api';

export type PrintPeriod = Output<'summary.print'>['period'];

/** The print route's hash for a period (the renderer reads the same query). */
export function printHash(period: PrintPeriod): string {
  const query = new URLSearchParams(Object.entries(period).map(([k, v]): [string, string] => [k, String(v)]));
  return `#/print/summary?${query.toString()}`;
}

/** A suggested file name for the summary's PDF, stamped with the minute it was made. */
export function summaryPdfName(now = new Date()): string {
  return `beacon-summary-${now.toISOString().slice(0, 16).replace(/[:T]/g, '-')}.pdf`;
}
