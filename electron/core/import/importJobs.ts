// Imports run in the background of the main process, one at a time; the screen asks how far
// along one is (a progress bar) rather than waiting on a single long call.
import { randomUUID } from 'node:crypto';
import type { ServiceContext } from '../context';
import { ENTITIES } from '../oplog/entities';
import { DomainError } from '../base/errors';
import { parseCsv } from './csv';
import { detectDelimiter } from './csv';
import { importCsv, previewCsv } from './importCsv';
import { mappingDelimiter, parseMapping } from './mapping';
import type { ImportInspection, ImportPreviewView, ImportStatus } from '../../../shared/api/types';

/** Rejections kept for the screen; the count is always whole. */
const MAX_REJECTIONS_SHOWN = 1000;

const jobs = new Map<string, ImportStatus>();

/** The export's columns and first rows, before any mapping exists. */
export function inspectExport(text: string): ImportInspection {
  const delimiter = detectDelimiter(text);
  const records = parseCsv(text, { delimiter });
  const head = records.next();
  const sample: string[][] = [];
  let rows = 0;
  for (const record of records) {
    if (sample.length < 5) sample.push(record.fields);
    rows++;
  }
  return { columns: head.done ? [] : head.value.fields.map((f) => f.trim()), delimiter, sample, rows };
}

export async function previewImport(ctx: ServiceContext, text: string, rawMapping: unknown): Promise<ImportPreviewView> {
  const preview = await previewCsv(ctx, text, parseMapping(rawMapping), 20);
  return {
    columns: preview.columns,
    incidents: preview.incidents.map(({ lines, alreadyImported, incident: i, unmatchedUnits, raw }) => ({
      lines, alreadyImported, receivedAt: i.receivedAt, type: i.type, priority: i.priority, district: i.district, locality: i.locality ?? null,
      dispatchedAt: i.dispatchedAt ?? null, onSceneAt: i.onSceneAt ?? null, clearedAt: i.clearedAt ?? null, closedAt: i.closedAt ?? null,
      trapped: i.trapped, injured: i.injured, dead: i.dead, teams: i.assignments?.length ?? 0, unmatchedUnits, raw,
    })),
    warnings: preview.warnings,
    rejected: preview.rejected,
  };
}

/** Starts an import; the mapping is checked before it starts, so a bad one is refused at once. */
export function startImport(ctx: ServiceContext, operatorId: string, text: string, rawMapping: unknown): { jobId: string } {
  const mapping = parseMapping(rawMapping);
  if ([...jobs.values()].some((j) => j.state === 'running')) throw new DomainError('import.busy');
  let rows = -1;
  for (const _ of parseCsv(text, { delimiter: mappingDelimiter(mapping) })) rows++;
  // Refused at once, as the command line refuses them, rather than a job that imports nothing.
  if (rows < 0) throw new DomainError('import.emptyFile');
  if (rows === 0) throw new DomainError('import.noRows');
  const jobId = randomUUID();
  const status: ImportStatus = {
    state: 'running', rows: Math.max(0, rows), read: 0, imported: 0, skipped: 0, rejected: [], rejectedCount: 0, callsAdded: 0, warnings: [], warningsCount: 0,
  };
  jobs.set(jobId, status);
  void importCsv(ctx, operatorId, text, mapping, ({ rows: read, rejected }) => {
    status.read = read;
    status.rejectedCount = rejected;
  }).then((result) => {
    // Open views (queues, statistics) learn of the imported incidents as of any other change.
    if (result.imported > 0) ctx.announce?.(Object.keys(ENTITIES));
    Object.assign(status, {
      state: 'done', read: status.rows, imported: result.imported, skipped: result.skippedAsAlreadyImported, callsAdded: result.callsAdded,
      rejected: result.rejected.slice(0, MAX_REJECTIONS_SHOWN), rejectedCount: result.rejected.length,
      warnings: result.warnings.slice(0, MAX_REJECTIONS_SHOWN), warningsCount: result.warnings.length,
    });
  }, (err: unknown) => {
    status.state = 'failed';
    status.error = err instanceof DomainError ? { code: err.code, ...(err.params ? { params: err.params } : {}) } : { code: 'error.unexpected' };
  });
  return { jobId };
}

export function importStatus(jobId: string): ImportStatus {
  const status = jobs.get(jobId);
  if (!status) throw new DomainError('error.notFound');
  return { ...status, rejected: status.state === 'running' ? [] : status.rejected, warnings: status.state === 'running' ? [] : status.warnings };
}
