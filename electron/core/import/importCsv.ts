// CSV call logs from other systems, imported as ordinary Beacon operations: every row (or
// group of rows) becomes one whole incident or one rejection with its line and reason.
import { normalizeForSearch } from '../../../shared/text/search';
import { utf16Of } from '../../../shared/text/utf16';
import type { ServiceContext } from '../context';
import { importCalls, importIncidents, type HistoricalIncident } from '../incidents/importIncidents';
import { DomainError } from '../base/errors';
import { requirePost } from '../setup/setup';
import { assembleIncident, type IncidentDraft } from './assemble';
import { parseCsv, type CsvRecord } from './csv';
import { bindColumns, mappingDelimiter, MappingError, type ImportMapping, type MappedField } from './mapping';
import { createRowReader, isRejection, type Defaulted, type ImportRow, type Rejection } from './rows';
import { termKey } from './vocabulary';
import type { Reader } from '../base/handles';

export type { Rejection } from './rows';

/** Rejections a preview lists (the words Beacon did not know are among them); the import counts them all. */
const MAX_PREVIEW_REJECTIONS = 1000;

/** Incidents per transaction, as the seeder writes them: big enough to be fast, small enough to keep the writer responsive. */
const BATCH = 1000;

export interface ImportResult {
  imported: number;
  /** Repeat calls of a grown export added to incidents an earlier import brought in. */
  callsAdded: number;
  skippedAsAlreadyImported: number;
  /** Rows imported with something left out or assumed, and why. */
  warnings: Rejection[];
  rejected: Rejection[];
}

export interface PreviewIncident {
  lines: number[];
  alreadyImported: boolean;
  incident: HistoricalIncident;
  unmatchedUnits: string[];
  raw: IncidentDraft['raw'];
}

export interface ImportPreview {
  columns: string[];
  incidents: PreviewIncident[];
  warnings: Rejection[];
  rejected: Rejection[];
}

interface Reading {
  columns: string[];
  /** About the file as a whole (a column named twice), before any row. */
  warnings: Rejection[];
  items: Iterable<IncidentDraft | Rejection>;
  label(field: MappedField): string;
}

/** The file's bytes as text; bytes the encoding cannot have refuse the file rather than import mojibake. */
export function decodeExport(bytes: Uint8Array, mapping: ImportMapping): string {
  const utf16 = utf16Of(bytes);
  const encoding = utf16 ?? mapping.encoding;
  try {
    // The decoder drops a BOM of its own encoding.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new MappingError('import.badEncoding', { encoding: utf16 ? 'UTF-16' : mapping.encoding });
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

/** Each record with whether it is the file's last, which alone can be cut short. */
function* withLast<T>(items: Iterator<T>): Generator<[T, boolean]> {
  let current = items.next();
  while (!current.done) {
    const next = items.next();
    yield [current.value, next.done === true];
    current = next;
  }
}

/**
 * A file that ends inside a row: a quote never closed swallowed every line after it (each is
 * reported, so nothing goes missing unseen), or the last row stops before the header's last column.
 */
function cutShort(record: CsvRecord, last: boolean, headerWidth: number): Rejection[] | null {
  if (record.unterminated) {
    const end = record.endLine ?? record.line;
    const swallowed = Array.from({ length: end - record.line }, (_, k) => ({ line: record.line + k + 1, reason: 'import.swallowedLine', params: { line: record.line } }));
    return [{ line: record.line, reason: 'import.endsInsideRow', params: { lines: end - record.line + 1 } }, ...swallowed];
  }
  if (last && record.fields.length < headerWidth) return [{ line: record.line, reason: 'import.endsInsideRow', params: { lines: 1 } }];
  return null;
}

interface Group {
  rows: ImportRow[];
  rejected: Rejection[];
  /** Rows identical to an earlier one in every mapped column: skipped, and they do not spoil the group. */
  duplicates: Rejection[];
  lineOf: Map<string, number>;
}

/** How far a reading has got, for progress bars; openGroups is what bounds its memory. */
export interface ReadingProgress {
  rows: number;
  openGroups: number;
  maxOpenGroups: number;
}

/**
 * Reads the export into incident drafts and rejections. The header is checked against the
 * mapping first, so a wrong mapping stops before anything else. Rows of one incident (the
 * groupBy column; else its number; else the same time, type and place) are gathered: a unit's
 * row or a repeat call may come later. A first pass notes the last row of each incident, so an
 * incident is assembled and let go as soon as its last row is read: memory follows the
 * incidents open at once, not the size of the file.
 */
async function readExport(ctx: ServiceContext, text: string, mapping: ImportMapping): Promise<Reading & { progress: ReadingProgress }> {
  const settings = requirePost(ctx.settings);
  const delimiter = mappingDelimiter(mapping);
  const records = parseCsv(text, { delimiter });
  const head = records.next();
  if (head.done) throw new DomainError('import.emptyFile');
  const columns = head.value.fields.map((f) => f.trim());
  const bound = bindColumns(mapping, columns);
  const rest = withLast(records);
  const firstRow = rest.next();
  if (firstRow.done) throw new DomainError('import.noRows');
  const readRow = createRowReader(mapping, bound, columns.length, { timeZone: mapping.timeZone ?? settings.post.timeZone, now: ctx.now() });
  const system = mapping.system ?? '';
  const assembly = { system, callSource: mapping.callSource, teamOf: await teamIndex(ctx, mapping), label: bound.label };
  const progress: ReadingProgress = { rows: 0, openGroups: 0, maxOpenGroups: 0 };

  // The incident a record belongs to, from its cells as written; null: an incident of its own.
  const cells = (['incidentNumber', 'received', 'type', 'district', 'location', 'coordinates', 'lat', 'lon'] as const).map((f) => bound.cell[f]);
  const identityOf = (record: CsvRecord): string | null => {
    // A cut-short record's last field is not what the export held; the cells before it are.
    const fields = record.unterminated ? record.fields.slice(0, -1) : record.fields;
    if (bound.group) return bound.group(fields) || null;
    const number = cells[0]?.(fields);
    return number ? `#${number}` : JSON.stringify(cells.slice(1).map((c) => c?.(fields) ?? ''));
  };
  const lastRecordOf = new Map<string, number>();
  {
    const again = parseCsv(text, { delimiter });
    again.next();
    let k = 0;
    for (const record of again) {
      const id = identityOf(record);
      if (id !== null) lastRecordOf.set(id, k);
      k++;
    }
  }

  function* close(group: Group): Generator<IncidentDraft | Rejection> {
    if (group.rejected.length === 0) {
      if (group.rows.length > 0) {
        const draft = assembleIncident(group.rows, assembly);
        if (Array.isArray(draft)) yield* draft;
        else yield draft;
      }
      yield* group.duplicates;
      return;
    }
    // A group with one bad row is rejected whole, so a re-import after the fix brings it in
    // complete instead of finding its key taken by a partial incident.
    const cause = group.rejected[0]!.line;
    yield* group.rejected;
    yield* group.rows.map((r) => ({ line: r.line, reason: 'import.groupRejected', params: { line: cause } }));
    yield* group.duplicates;
  }

  function* incidents(): Generator<IncidentDraft | Rejection> {
    const open = new Map<string, Group>();
    const all = function* () {
      yield firstRow.value;
      yield* rest;
    };
    let k = 0;
    for (const [record, last] of all()) {
      progress.rows++;
      const problems = cutShort(record, last, columns.length);
      const row = problems ?? readRow(record);
      const bad = Array.isArray(row) || isRejection(row);
      // Without a groupBy column, a bad row spoils nothing else: it stands alone.
      const id = bad && !bound.group ? null : identityOf(record);
      let group = id !== null ? open.get(id) : undefined;
      if (!group) {
        group = { rows: [], rejected: [], duplicates: [], lineOf: new Map() };
        if (id !== null) open.set(id, group);
      }
      if (Array.isArray(row)) group.rejected.push(...row);
      else if (isRejection(row)) group.rejected.push(row);
      else {
        const first = group.lineOf.get(row.fingerprint);
        if (first !== undefined) group.duplicates.push({ line: row.line, reason: 'import.duplicateInFile', params: { line: first } });
        else {
          group.lineOf.set(row.fingerprint, row.line);
          group.rows.push(row);
        }
      }
      progress.openGroups = open.size;
      progress.maxOpenGroups = Math.max(progress.maxOpenGroups, open.size);
      if (id === null || lastRecordOf.get(id) === k) {
        if (id !== null) open.delete(id);
        yield* close(group);
      }
      k++;
    }
    // Incidents whose last row was a bad one (standing alone) close at the end.
    for (const group of open.values()) yield* close(group);
  }

  return { columns, warnings: bound.warnings, items: incidents(), label: bound.label, progress };
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

/** Which of the keys an earlier import stored, and the incident each belongs to. */
async function knownKeys(db: Reader, keys: readonly string[]): Promise<Map<string, string>> {
  const known = new Map<string, string>();
  // Bound parameters are capped (999 in older SQLite builds); a batch's call keys can pass that.
  for (let k = 0; k < keys.length; k += 500) {
    const part = keys.slice(k, k + 500);
    const rows = await db.all<{ key: string; incident_id: string }>(`SELECT key, incident_id FROM import_keys WHERE key IN (${part.map(() => '?').join(', ')})`, part);
    for (const r of rows) known.set(r.key, r.incident_id);
  }
  return known;
}

const byLine = (a: Rejection, b: Rejection) => a.line - b.line;

/** Defaults used, one warning per column and value (at its first line) with the number of rows: a report, not a flood. */
class DefaultsUsed {
  private readonly seen = new Map<string, Rejection & { params: { rows: number } }>();
  constructor(private readonly label: (field: MappedField) => string) {}

  add(list: readonly Defaulted[]): void {
    for (const d of list) {
      const id = JSON.stringify([d.field, d.value]);
      const known = this.seen.get(id);
      if (known) known.params.rows++;
      else {
        this.seen.set(id, {
          line: d.line, reason: d.value === '' ? 'import.defaultForEmpty' : 'import.defaultForUnknown',
          params: { column: this.label(d.field), value: d.value, default: d.used, rows: 1 },
        });
      }
    }
  }

  warnings(): Rejection[] {
    return [...this.seen.values()];
  }
}

/** The first incidents as Beacon will store them (numbers aside), and the rejections met on the way. Writes nothing. */
export async function previewCsv(ctx: ServiceContext, text: string, mapping: ImportMapping, limit = 20): Promise<ImportPreview> {
  const reading = await readExport(ctx, text, mapping);
  // Incidents come out as they close (at their last row); the preview shows the first by
  // their first line, as the file has them, keeping no more than it shows.
  const drafts: IncidentDraft[] = [];
  const rejected: Rejection[] = [];
  for (const item of firstOfEachKey(reading.items)) {
    if (!('key' in item)) {
      if (rejected.length < MAX_PREVIEW_REJECTIONS) rejected.push(item);
      continue;
    }
    drafts.push(item);
    if (drafts.length > limit) {
      drafts.sort((a, b) => a.lines[0]! - b.lines[0]!);
      drafts.pop();
    }
  }
  drafts.sort((a, b) => a.lines[0]! - b.lines[0]!);
  const known = await knownKeys(ctx.store.reader, drafts.map((d) => d.key));
  const defaults = new DefaultsUsed(reading.label);
  for (const d of drafts) defaults.add(d.defaulted);
  return {
    columns: reading.columns,
    incidents: drafts.map((d) => ({ lines: d.lines, alreadyImported: known.has(d.key), incident: d.incident, unmatchedUnits: d.unmatchedUnits, raw: d.raw })),
    warnings: [...reading.warnings, ...drafts.flatMap((d) => d.warnings), ...defaults.warnings()].sort(byLine),
    rejected: rejected.sort(byLine),
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
  onProgress?: (progress: { rows: number; incidents: number; rejected: number; maxOpenGroups: number }) => void,
): Promise<ImportResult> {
  const settings = requirePost(ctx.settings);
  const numbering = { post: settings.post, letter: settings.consoleLetter };
  const reading = await readExport(ctx, text, mapping);
  const result: ImportResult = { imported: 0, callsAdded: 0, skippedAsAlreadyImported: 0, warnings: [...reading.warnings], rejected: [] };
  const defaults = new DefaultsUsed(reading.label);
  let batch: IncidentDraft[] = [];
  const flush = async () => {
    const drafts = batch;
    batch = [];
    const counts = await ctx.store.write(operatorId, async (writer) => {
      // Checked inside the write transaction, so two imports of one file cannot both add it.
      const callKeys = drafts.flatMap((d) => d.callKeys.filter((k): k is string => k !== null));
      const known = await knownKeys(writer.tx, [...drafts.map((d) => d.key), ...callKeys]);
      const fresh = drafts.filter((d) => !known.has(d.key));
      const ids = await importIncidents(writer, operatorId, numbering, fresh.map((d) => d.incident));
      const remember = (key: string, incidentId: string) => writer.tx.insert('import_keys', ['key', 'incident_id'], [key, incidentId]);
      ids.forEach((id, k) => {
        remember(fresh[k]!.key, id);
        for (const key of fresh[k]!.callKeys) if (key !== null) remember(key, id);
      });
      // An incident already in: only its calls not seen before are added.
      let callsAdded = 0;
      for (const draft of drafts) {
        const incidentId = known.get(draft.key);
        if (incidentId === undefined) continue;
        const added = draft.incident.calls.filter((_, k) => draft.callKeys[k] !== null && !known.has(draft.callKeys[k]!));
        if (added.length === 0) continue;
        await importCalls(writer, operatorId, incidentId, added);
        draft.callKeys.forEach((key) => key !== null && !known.has(key) && remember(key, incidentId));
        callsAdded += added.length;
      }
      return { imported: fresh.length, callsAdded };
    });
    result.imported += counts.imported;
    result.callsAdded += counts.callsAdded;
    result.skippedAsAlreadyImported += drafts.length - counts.imported;
    onProgress?.({ rows: reading.progress.rows, maxOpenGroups: reading.progress.maxOpenGroups, incidents: result.imported + result.skippedAsAlreadyImported, rejected: result.rejected.length });
  };
  for (const item of firstOfEachKey(reading.items)) {
    if (!('key' in item)) {
      result.rejected.push(item);
      continue;
    }
    result.warnings.push(...item.warnings);
    defaults.add(item.defaulted);
    batch.push(item);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  result.warnings.push(...defaults.warnings());
  result.rejected.sort(byLine);
  result.warnings.sort(byLine);
  return result;
}
