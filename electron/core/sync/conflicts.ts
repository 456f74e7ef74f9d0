// What last-writer-wins set aside (docs/architecture.md: "detected and shown to a supervisor,
// never silently lost"): an edit of a field followed, within a short time, by another
// console's edit of the same field to another value. The later clock won; the earlier edit
// stays in the log. Both are ordered by HLC, so every console lists the same conflicts.
import type { conflictsQuery } from '../../../shared/api/schemas';
import type { z } from 'zod';
import type { Output } from '../../../shared/api';
import { beforeCursor, hlcBounds, HIDDEN_VALUE, labelsFor, newestFirst, seqRanges, SHARED_CLOCK_MAX } from '../audit/auditTrail';
import { type EntityName, type FieldValue } from '../oplog/entities';
import { decodeHlc } from '../oplog/hlc';
import { CREATE_FIELD } from '../oplog/opLog';
import { identity, resolveField, type FieldWrite } from '../oplog/fieldWinner';
import { fieldKey, writesOfFields } from '../oplog/fieldWrites';
import type { Reader } from '../base/handles';

export const CONFLICT_WINDOW_MINUTES = 10;
export const CONFLICTS_DEFAULT_LIMIT = 100;

export type ConflictsQuery = z.output<typeof conflictsQuery>;

interface ConflictRow {
  origin: string; seq: number; hlc: string; entity: EntityName; row_id: string; field: string; value: string; operator: string | null;
  operator_name: string | null;
  k_origin: string; k_seq: number; k_hlc: string; k_value: string; k_operator: string | null; k_operator_name: string | null;
}

/**
 * Newest first, a page at a time. The time range is turned into a seq range per origin (as the
 * audit trail does, no index on hlc needed); each edit in it finds the field's next edit among
 * the field's writes, read through operations_row_field (row_id, field). Only when that next
 * edit came from another console, inside the window, with another value, was this one lost to
 * the merge: a console re-editing its own change, or two consoles agreeing, is ordinary history.
 */
type Db = Reader;
type Write = FieldWrite & { field: string; value: string; operator: string | null; operator_name: string | null };

/** Edits of an origin's range looked at a time, newest first. */
const EDIT_CHUNK = 500;
/** Fields, and their writes, kept from one chunk of edits to the next. */
const MAX_KEPT_FIELDS = 20_000;
const MAX_KEPT_WRITES = 50_000;

/**
 * Edits that say what they replaced (fieldWinner.ts) and lost to one they never saw, whatever
 * the clocks: one nobody replaced knowingly that is not the field's winner, or one a later
 * writer found beside others (named together in its prev) and that lost among them. Decided
 * from the field's writes alone, so every console that holds them lists the same.
 */
async function lostBySight(db: Db, range: { origin: string; from: number; to: number }, take: number): Promise<ConflictRow[]> {
  const out: ConflictRow[] = [];
  // Each field's writes read and decided once, however many of the range's edits are of it (a
  // team's status is written at every dispatch: reading them again for each edit grew with the square).
  const fields = new Map<string, FieldHistory | null>();
  let keptWrites = 0;
  let to = range.to;
  while (out.length < take && to > range.from) {
    const edits = await db.all<{ origin: string; seq: number; row_id: string; field: string; entity: EntityName }>(
      `SELECT l.origin, l.seq, l.row_id, l.field, l.entity FROM operations l
        WHERE l.origin = ? AND l.seq >= ? AND l.seq < ? AND l.field <> '${CREATE_FIELD}' AND l.prev IS NOT NULL
        ORDER BY l.seq DESC LIMIT ${EDIT_CHUNK}`, [range.origin, range.from, to]);
    if (edits.length === 0) break;
    to = edits.at(-1)!.seq;
    // Kept while small: a whole log's fields, several consoles' each, would all stay in memory.
    if (fields.size > MAX_KEPT_FIELDS || keptWrites > MAX_KEPT_WRITES) {
      fields.clear();
      keptWrites = 0;
    }
    keptWrites += await readHistories(db, fields, edits);
    for (const c of edits) {
      if (out.length >= take) break;
      const history = fields.get(fieldKey(c.row_id, c.field));
      const lost = history?.byId.get(`${c.origin}:${c.seq}`);
      // Only where another console wrote the field another value can this edit have been lost.
      if (!history || !lost || !history.otherValue(lost)) continue;
      const id = identity(lost);
      const { frontier, winner } = history.decided();
      let kept: Write | null = null;
      if (frontier.some((w) => identity(w) === id)) kept = winner;
      else {
        // Named beside others by a later writer: the winner among them is what it lost to.
        const beside = history.besideOf().get(id);
        if (beside) kept = resolveField(history.writes.filter((w) => beside.prev!.split(' ').includes(identity(w)))).winner;
      }
      if (!kept || identity(kept) === id || kept.value === lost.value || kept.origin === lost.origin) continue;
      out.push({
        origin: lost.origin, seq: lost.seq, hlc: lost.hlc, entity: c.entity, row_id: c.row_id, field: c.field, value: lost.value,
        operator: lost.operator, operator_name: lost.operator_name,
        k_origin: kept.origin, k_seq: kept.seq, k_hlc: kept.hlc, k_value: kept.value, k_operator: kept.operator, k_operator_name: kept.operator_name,
      });
    }
    if (edits.length < EDIT_CHUNK) break;
  }
  return out;
}

/** One field's writes, with what the conflicts view asks of them worked out once. */
interface FieldHistory {
  writes: Write[];
  byId: Map<string, Write>;
  /** Whether a console other than this write's wrote the field a value other than its own. */
  otherValue(w: Write): boolean;
  decided(): { frontier: Write[]; winner: Write | null };
  /** By identity, the first write that named it beside others in its prev. */
  besideOf(): Map<string, Write>;
}

/**
 * The writes of the edits' fields not read yet: first which of them more than one console
 * wrote (the log's row index holds the origin, so only it is read), then those fields' writes
 * in full; a field one console alone wrote is noted as null, since none of it was lost.
 */
async function readHistories(db: Db, fields: Map<string, FieldHistory | null>, edits: readonly { row_id: string; field: string }[]): Promise<number> {
  const wanted = new Map<string, [string, string]>();
  for (const e of edits) {
    const key = fieldKey(e.row_id, e.field);
    if (!fields.has(key)) wanted.set(key, [e.row_id, e.field]);
  }
  if (wanted.size === 0) return 0;
  for (const key of wanted.keys()) fields.set(key, null);
  const shared = await db.all<{ pair: string }>(
    `SELECT json_each.value AS pair FROM json_each(?)
       JOIN operations o ON o.row_id = json_each.value ->> 0 AND o.field = json_each.value ->> 1
      GROUP BY json_each.key HAVING count(DISTINCT o.origin) > 1`, [JSON.stringify([...wanted.values()])]);
  if (shared.length === 0) return 0;
  const byField = await writesOfFields<Write>(db, shared.map((r) => JSON.parse(r.pair) as [string, string]),
    'o.origin, o.seq, o.hlc, o.prev, o.value, o.operator, w.name AS operator_name', 'LEFT JOIN operators w ON w.id = o.operator');
  let read = 0;
  for (const [key, writes] of byField) {
    fields.set(key, fieldHistory(writes));
    read += writes.length;
  }
  return read;
}

function fieldHistory(writes: Write[]): FieldHistory {
  const byId = new Map(writes.map((w) => [identity(w), w]));
  // By origin, the values it wrote: a few consoles, so asking about another's is cheap.
  const valuesOf = new Map<string, Set<string>>();
  for (const w of writes) {
    const values = valuesOf.get(w.origin);
    if (values) values.add(w.value);
    else valuesOf.set(w.origin, new Set([w.value]));
  }
  let decided: ReturnType<FieldHistory['decided']> | null = null;
  let beside: Map<string, Write> | null = null;
  return {
    writes,
    byId,
    otherValue: (w) => [...valuesOf].some(([origin, values]) => origin !== w.origin && (values.size > 1 || !values.has(w.value))),
    decided: () => (decided ??= resolveField(writes)),
    besideOf: () => {
      if (!beside) {
        beside = new Map();
        for (const w of writes) {
          if (!w.prev?.includes(' ')) continue;
          for (const p of w.prev.split(' ')) if (!beside.has(p)) beside.set(p, w);
        }
      }
      return beside;
    },
  };
}

/**
 * Older edits, merged by clock alone (no prev): one followed closely by another console's edit
 * of the field to another value. Newest first, at most `take`; each chunk of the range's edits
 * reads the writes of the fields they touch once, then the values of only the pairs that may
 * have clashed.
 */
async function lostByClock(db: Db, range: { origin: string; from: number; to: number }, windowMs: number, take: number): Promise<ConflictRow[]> {
  const out: ConflictRow[] = [];
  let to = range.to;
  while (out.length < take && to > range.from) {
    const edits = await db.all<{ origin: string; seq: number; hlc: string; entity: EntityName; row_id: string; field: string }>(
      `SELECT l.origin, l.seq, l.hlc, l.entity, l.row_id, l.field FROM operations l
        WHERE l.origin = ? AND l.seq >= ? AND l.seq < ? AND l.field <> '${CREATE_FIELD}' AND l.prev IS NULL
        ORDER BY l.seq DESC LIMIT ${EDIT_CHUNK}`, [range.origin, range.from, to]);
    if (edits.length === 0) break;
    to = edits.at(-1)!.seq;
    const pairs = new Map<string, [string, string]>();
    for (const e of edits) pairs.set(fieldKey(e.row_id, e.field), [e.row_id, e.field]);
    const writes = await writesOfFields<{ origin: string; seq: number; hlc: string }>(db, pairs.values(), 'o.origin, o.seq, o.hlc');
    // Each edit's next write of its field by clock, kept if another console's, inside the window.
    const clashes: { edit: (typeof edits)[number]; next: { origin: string; seq: number } }[] = [];
    for (const edit of edits) {
      let next: { origin: string; seq: number; hlc: string } | null = null;
      for (const w of writes.get(fieldKey(edit.row_id, edit.field)) ?? []) if (w.hlc > edit.hlc && (next === null || w.hlc < next.hlc)) next = w;
      const within = String(Number(edit.hlc.slice(0, 15)) + windowMs).padStart(15, '0');
      if (next && next.origin !== edit.origin && next.hlc < within) clashes.push({ edit, next });
    }
    if (clashes.length > 0) {
      const detail = new Map<string, { hlc: string; value: string; operator: string | null; operator_name: string | null }>();
      for (const d of await db.all<{ origin: string; seq: number; hlc: string; value: string; operator: string | null; operator_name: string | null }>(
        `SELECT o.origin, o.seq, o.hlc, o.value, o.operator, w.name AS operator_name FROM json_each(?)
           JOIN operations o ON o.origin = json_each.value ->> 0 AND o.seq = json_each.value ->> 1
           LEFT JOIN operators w ON w.id = o.operator`,
        [JSON.stringify(clashes.flatMap(({ edit, next }) => [[edit.origin, edit.seq], [next.origin, next.seq]]))])) detail.set(`${d.origin}:${d.seq}`, d);
      for (const { edit, next } of clashes) {
        const l = detail.get(`${edit.origin}:${edit.seq}`);
        const k = detail.get(`${next.origin}:${next.seq}`);
        if (!l || !k || l.value === k.value) continue;
        out.push({
          origin: edit.origin, seq: edit.seq, hlc: edit.hlc, entity: edit.entity, row_id: edit.row_id, field: edit.field, value: l.value,
          operator: l.operator, operator_name: l.operator_name,
          k_origin: next.origin, k_seq: next.seq, k_hlc: k.hlc, k_value: k.value, k_operator: k.operator, k_operator_name: k.operator_name,
        });
        if (out.length >= take) break;
      }
    }
    if (edits.length < EDIT_CHUNK) break;
  }
  return out;
}

export async function fieldConflicts(db: Reader, query: ConflictsQuery): Promise<Output<'sync.conflicts'>> {
  const limit = query.limit ?? CONFLICTS_DEFAULT_LIMIT;
  const windowMs = (query.withinMinutes ?? CONFLICT_WINDOW_MINUTES) * 60_000;
  const ranges = await seqRanges(db, hlcBounds(query));
  const found: ConflictRow[] = [];
  for (const range of ranges) {
    found.push(...await lostBySight(db, range, limit + 1 + SHARED_CLOCK_MAX));
    found.push(...await lostByClock(db, range, windowMs, limit + 1 + SHARED_CLOCK_MAX));
  }
  const kept = found.filter((r) => beforeCursor(r, query.before)).sort(newestFirst);
  const page = kept.slice(0, limit);
  const labels = await labelsFor(db, page);
  const last = page.at(-1);
  return {
    conflicts: page.map((r) => {
      const hidden = r.entity === 'operator' && r.field === 'pinHash';
      const value = (text: string): FieldValue => (hidden ? HIDDEN_VALUE : (JSON.parse(text) as FieldValue));
      return {
        entity: r.entity, rowId: r.row_id, label: labels.get(r.row_id) ?? '', field: r.field,
        overridden: { value: value(r.value), at: decodeHlc(r.hlc)?.wall ?? 0, hlc: r.hlc, origin: r.origin, seq: r.seq, operatorId: r.operator, operatorName: r.operator_name },
        kept: { value: value(r.k_value), at: decodeHlc(r.k_hlc)?.wall ?? 0, hlc: r.k_hlc, origin: r.k_origin, seq: r.k_seq, operatorId: r.k_operator, operatorName: r.k_operator_name },
      };
    }),
    next: kept.length > limit && last ? { hlc: last.hlc, origin: last.origin, seq: last.seq } : null,
  };
}
