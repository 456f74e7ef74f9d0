// The exchange files written from the app: the shell's save dialog says where (FileChooser, as
// for backups; the browser host turns it into a download), the core writes. A report is
// written beside its target and renamed when complete, so a failed export leaves no half file.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { z } from 'zod';
import type { reportPeriod } from '../../../shared/api/exchange';
import type { Language } from '../../../shared/domain';
import type { ExportFileKind, HxlTable } from '../../../shared/exchange';
import { DomainError } from '../base/errors';
import type { Session } from '../session';
import type { ServiceContext } from '../context';
import { localDatesToRange, parseLocalDate } from '../stats/localTime';
import { requirePost } from '../setup/setup';
import { alertMessageXml } from './alerts';
import { writeGeojson } from './geojson';
import { writeHxl } from './hxlCsv';
import { writeStatsHxl } from './hxlStats';
import { reportRows } from './incidentReport';
import { fileSink, type TextSink } from './textSink';

export type ReportFormat = 'hxl' | 'geojson';

/** The period's instants on the post's calendar; a clear error for a period that is not one. */
export function periodRange(period: z.output<typeof reportPeriod>, timeZone: string): { start: number; end: number } {
  if (!parseLocalDate(period.from) || !parseLocalDate(period.to) || period.to < period.from) throw new DomainError('exchange.badPeriod');
  return localDatesToRange(period.from, period.to, timeZone);
}

/**
 * Writes the report to `sink` (a file or standard output): the period's incidents, or for HXL
 * one statistics table. The number of rows written (incidents, or table rows).
 */
export async function writeReport(
  ctx: ServiceContext, format: ReportFormat, period: z.output<typeof reportPeriod>, language: Language, sink: TextSink,
  table: HxlTable = 'incidents',
): Promise<number> {
  const { timeZone } = requirePost(ctx.settings).post;
  const { start, end } = periodRange(period, timeZone);
  let n: number;
  if (format === 'hxl' && table !== 'incidents') {
    n = await writeStatsHxl(ctx.store.reports, { timeZone, range: { start, end }, ...period }, table, language, sink);
  } else {
    const rows = reportRows(ctx.store.reports, { start, end, timeZone, language });
    n = format === 'hxl' ? await writeHxl(rows, sink, language) : await writeGeojson(rows, sink);
  }
  await sink.close();
  return n;
}

/** Writes to `file` whole or not at all. */
export async function writeReportFile(
  ctx: ServiceContext, format: ReportFormat, period: z.output<typeof reportPeriod>, language: Language, file: string,
  table: HxlTable = 'incidents',
): Promise<number> {
  periodRange(period, requirePost(ctx.settings).post.timeZone);
  const partial = `${file}.part`;
  const sink = fileSink(partial);
  try {
    const n = await writeReport(ctx, format, period, language, sink, table);
    renameSync(partial, file);
    return n;
  } catch (err) {
    await sink.abandon();
    rmSync(partial, { force: true });
    if (err instanceof DomainError) throw err;
    throw new DomainError('exchange.cannotWrite', { file });
  }
}

const EXTENSION: Readonly<Record<ExportFileKind, string>> = { cap: 'xml', hxl: 'csv', geojson: 'geojson' };

function suggestedName(ctx: ServiceContext, kind: ExportFileKind, what: string): string {
  const { post } = requirePost(ctx.settings);
  return `beacon-${post.code}-${what}.${EXTENSION[kind]}`;
}

export async function exportReportFromApp(
  ctx: ServiceContext, session: Session, format: ReportFormat, period: z.output<typeof reportPeriod>, language: Language,
  table: HxlTable = 'incidents',
): Promise<{ file: string; rows: number } | null> {
  if (!ctx.files) throw new DomainError('exchange.noFileDialog');
  periodRange(period, requirePost(ctx.settings).post.timeZone);
  const what = table === 'incidents' ? format : `${format}-${table}`;
  const file = await ctx.files.saveExport(session, suggestedName(ctx, format, `${what}-${period.from}-${period.to}`), format);
  if (!file) return null;
  return { file, rows: await writeReportFile(ctx, format, period, language, file, table) };
}

export async function saveAlertFromApp(ctx: ServiceContext, session: Session, messageId: string): Promise<{ file: string } | null> {
  if (!ctx.files) throw new DomainError('exchange.noFileDialog');
  const { post } = requirePost(ctx.settings);
  const { xml, identifier } = await alertMessageXml(ctx.store.reader, messageId, post.name);
  const file = await ctx.files.saveExport(session, `${identifier}.xml`, 'cap');
  if (!file) return null;
  try {
    writeFileSync(`${file}.part`, xml, 'utf8');
    renameSync(`${file}.part`, file);
  } catch {
    rmSync(`${file}.part`, { force: true });
    throw new DomainError('exchange.cannotWrite', { file });
  }
  return { file };
}
