// CSV call logs from other systems, imported as ordinary Beacon operations: every row (or
// group of rows) becomes one whole incident or one rejection with its line and reason.
import { normalizeForSearch } from '../../../shared/text/search';
import type { ServiceContext } from '../context';
import type { Tx } from '../db/transaction';
import { importIncidents, type HistoricalIncident } from '../incidents/importIncidents';
import { requirePost } from '../setup/setup';
import { assembleIncident, type IncidentDraft } from './assemble';
import { parseCsv } from './csv';
import { bindColumns, mappingDelimiter, MappingError, type ImportMapping } from './mapping';
import { createRowReader, isRejection, type ImportRow, type Rejection } from './rows';
import { termKey } from './vocabulary';

export type { Rejection } from './rows';

/** Incidents per transaction, as the seeder writes them: big enough to be fast, small enough to keep the writer responsive. */
const BATCH = 1000;

export interface ImportResult {
  imported: number;
  skippedAsAlreadyImported: number;
  rejected: Rejection[];
}

export interface PreviewIncident {
  lines: number[];
  alreadyImported: boolean;
  incident: HistoricalIncident;
  unmatchedUnits: string[];
}

export interface ImportPreview {
  columns: string[];
  incidents: PreviewIncident[];
  rejected: Rejection[];
}

interface Reading {
  columns: string[];
  items: Iterable<IncidentDraft | Rejection>;
}

/** The file's bytes as text; bytes the encoding cannot have refuse the file rather than import mojibake. */
export function decodeExport(bytes: Uint8Array, mapping: ImportMapping): string {
  try {
    return new TextDecoder(mapping.encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new MappingError('import.badEncoding', { encoding: mapping.encoding });
  }
}

/** Team ids by normalised call sign; a team in service wins over a retired one of the same sign. */
async function teamIndex(ctx: ServiceContext, mapping: ImportMapping): Promise<(unit: string) => string | undefined> {
  const rows = await ctx.store.reader.all<{ id: string; call_sign_key: string }>('SELECT id, call_sign_key FROM teams ORDER BY retired DESC');
  const byKey = new Map(rows.map((r) => [r.call_sign_key, r.id]));
  const entries = Object.entries(mapping.values.unit ?? {});
  const exact = new Map(entries);
  const renamed = new Map(entries.map(([theirs, ours]) => [termKey(theirs), ours]));
  return (unit) => byKey.get(normalizeForSearch(exact.get(unit) ?? renamed.get(termKey(unit)) ?? unit));
}

/**
 * Reads the export into incident drafts and rejections, in the order of their first line. The
 * header is checked against the mapping first, so a wrong mapping stops before anything else.
 */
async function readExport(ctx: ServiceContext, text: string, mapping: ImportMapping): Promise<Reading> {
  const settings = requirePost(ctx.settings);
  const records = parseCsv(text, { delimiter: mappingDelimiter(mapping) });
  const head = records.next();
  if (head.done) return { columns: [], items: [] };
  const columns = head.value.fields.map((f) => f.trim());
  const bound = bindColumns(mapping, columns);
  const readRow = createRowReader(mapping, bound, columns.length, { timeZone: mapping.timeZone ?? settings.post.timeZone, now: ctx.now() });
  const assembly = {
    system: mapping.system ?? '',
    callSource: mapping.callSource,
    teamOf: await teamIndex(ctx, mapping),
    label: bound.label,
  };
  const assemble = (rows: ImportRow[]): (IncidentDraft | Rejection)[] => {
    const draft = assembleIncident(rows, assembly);
    return Array.isArray(draft) ? draft : [draft];
  };

  function* single(): Generator<IncidentDraft | Rejection> {
    for (const record of records) {
      const row = readRow(record);
      if (isRejection(row)) yield row;
      else yield* assemble([row]);
    }
  }

  // Grouped exports need every row before any incident is whole: a unit's row may come last.
  // A group with one bad row is rejected whole, so a re-import after the fix brings it in
  // complete instead of finding its key taken by a partial incident.
  function* grouped(): Generator<IncidentDraft | Rejection> {
    const groups: { rows: ImportRow[]; rejected: Rejection[] }[] = [];
    const byValue = new Map<string, { rows: ImportRow[]; rejected: Rejection[] }>();
    for (const record of records) {
      const row = readRow(record);
      const value = bound.group!(record.fields);
      // A row with no group value is an incident of its own.
      let group = value ? byValue.get(value) : undefined;
      if (!group) {
        group = { rows: [], rejected: [] };
        groups.push(group);
        if (value) byValue.set(value, group);
      }
      if (isRejection(row)) group.rejected.push(row);
      else group.rows.push(row);
    }
    for (const group of groups) {
      if (group.rejected.length === 0) {
        yield* assemble(group.rows);
        continue;
      }
      const cause = group.rejected[0]!.line;
      const all = [...group.rejected, ...group.rows.map((r) => ({ line: r.line, reason: 'import.groupRejected', params: { line: cause } }))];
      yield* all.sort((a, b) => a.line - b.line);
    }
  }

  return { columns, items: bound.group ? grouped() : single() };
}

/** Drafts whose key came earlier in the same file are rejected, pointing at the first. */
function* firstOfEachKey(items: Iterable<IncidentDraft | Rejection>): Generator<IncidentDraft | Rejection> {
  const seen = new Map<string, number>();
  for (const item of items) {
    if (!('key' in item)) {
      yield item;
      continue;
    }
    const first = seen.get(item.key);
    if (first === undefined) {
      seen.set(item.key, item.lines[0]!);
      yield item;
    } else {
      for (const line of item.lines) yield { line, reason: 'import.duplicateInFile', params: { line: first } };
    }
  }
}

async function knownKeys(db: Pick<Tx, 'all'>, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.all<{ key: string }>(`SELECT key FROM import_keys WHERE key IN (${keys.map(() => '?').join(', ')})`, [...keys]);
  return new Set(rows.map((r) => r.key));
}

/** The first incidents as Beacon will store them (numbers aside), and the rejections met on the way. Writes nothing. */
export async function previewCsv(ctx: ServiceContext, text: string, mapping: ImportMapping, limit = 20): Promise<ImportPreview> {
  const reading = await readExport(ctx, text, mapping);
  const drafts: IncidentDraft[] = [];
  const rejected: Rejection[] = [];
  for (const item of firstOfEachKey(reading.items)) {
    if ('key' in item) drafts.push(item);
    else rejected.push(item);
    if (drafts.length >= limit) break;
  }
  const known = await knownKeys(ctx.store.reader, drafts.map((d) => d.key));
  return {
    columns: reading.columns,
    incidents: drafts.map((d) => ({ lines: d.lines, alreadyImported: known.has(d.key), incident: d.incident, unmatchedUnits: d.unmatchedUnits })),
    rejected,
  };
}

/**
 * Imports every acceptable incident, a transaction per thousand. A failure part-way leaves
 * whole batches behind; running the import again completes it, skipping what is in.
 */
export async function importCsv(
  ctx: ServiceContext,
  operatorId: string,
  text: string,
  mapping: ImportMapping,
  onProgress?: (progress: { incidents: number; rejected: number }) => void,
): Promise<ImportResult> {
  const settings = requirePost(ctx.settings);
  const numbering = { post: settings.post, letter: settings.consoleLetter };
  const reading = await readExport(ctx, text, mapping);
  const result: ImportResult = { imported: 0, skippedAsAlreadyImported: 0, rejected: [] };
  let batch: IncidentDraft[] = [];
  const flush = async () => {
    const drafts = batch;
    batch = [];
    const imported = await ctx.store.write(operatorId, async (writer) => {
      // Checked inside the write transaction, so two imports of one file cannot both add it.
      const known = await knownKeys(writer.tx, drafts.map((d) => d.key));
      const fresh = drafts.filter((d) => !known.has(d.key));
      const ids = await importIncidents(writer, operatorId, numbering, fresh.map((d) => d.incident));
      ids.forEach((id, k) => writer.tx.insert('import_keys', ['key', 'incident_id'], [fresh[k]!.key, id]));
      return fresh.length;
    });
    result.imported += imported;
    result.skippedAsAlreadyImported += drafts.length - imported;
    onProgress?.({ incidents: result.imported + result.skippedAsAlreadyImported, rejected: result.rejected.length });
  };
  for (const item of firstOfEachKey(reading.items)) {
    if (!('key' in item)) {
      result.rejected.push(item);
      continue;
    }
    batch.push(item);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return result;
}
