// The audit trail: who changed what and when, read straight from the operation log, newest
// first. Each entry is one operation with the value its field had just before it (by HLC
// order), so a supervisor sees before → after even for changes that arrived by sync.
import type { SqlValue } from '../db/connection';
import { ENTITIES, type EntityName, type FieldValue } from '../oplog/entities';
import { decodeHlc, encodeHlc } from '../oplog/hlc';
import { CREATE_FIELD } from '../oplog/opLog';
import { fieldKey, writesOfFields } from '../oplog/fieldWrites';
import type { Reader } from '../base/handles';
import type { z } from 'zod';
import type { auditCursor, auditEntry, auditPage, auditQuery } from '../../../shared/api/audit';

export const AUDIT_DEFAULT_LIMIT = 200;
export const AUDIT_MAX_LIMIT = 1000;
/** What a PIN hash is shown as: never the hash itself, not even to an administrator. */
export const HIDDEN_VALUE = '(changed)';

/** Where the next page starts: the last entry of this one (exclusive). */
export type AuditCursor = z.output<typeof auditCursor>;
/** `from` inclusive and `to` exclusive, epoch ms on the operation's HLC wall time. */
export type AuditQuery = z.output<typeof auditQuery>;
/**
 * One operation: `at` is its HLC wall time; `label` a handle a person recognises (incident
 * number, call sign, name; '' when the row is unknown here); field '*' means the row was
 * created, `after` then holding the created values; `before` the field's value just before
 * (undefined for a create); `origin` the console that made it; `superseded` when another
 * console's later change to the field won last-writer-wins over it.
 */
export type AuditEntry = z.output<typeof auditEntry>;
export type AuditPage = z.output<typeof auditPage>;
export type CreatedValues = Readonly<Record<string, FieldValue>>;

interface PageKey {
  origin: string;
  seq: number;
  hlc: string;
}

interface OperationRow extends PageKey {
  entity: EntityName;
  row_id: string;
  field: string;
  value: string;
  operator: string | null;
  operator_name: string | null;
}

/** A write of a field, as the page's entries are set against it. */
interface Stamped extends PageKey {
  value?: string;
}

/** What an entry needs from the other writes of its row. */
interface Surroundings {
  /** The field's write just before this one, by clock. */
  previous: Stamped | null;
  /** The row's newest create before this operation. */
  created: Stamped | null;
  /** The field's newest write after this one. */
  newestLater: Stamped | null;
  /** Whether another console wrote the field after this one. */
  overriddenElsewhere: boolean;
}

export async function auditTrail(db: Reader, query: AuditQuery): Promise<AuditPage> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? AUDIT_DEFAULT_LIMIT), 1), AUDIT_MAX_LIMIT);
  const keys = query.rowId ? await rowPage(db, query, limit + 1) : await logPage(db, query, limit + 1);
  const page = keys.slice(0, limit);
  const entries = await withDetails(db, page);
  const last = page.at(-1);
  return { entries, next: keys.length > limit && last ? { hlc: last.hlc, origin: last.origin, seq: last.seq } : null };
}

/** HLC text bounds for the query's time range and cursor: lower inclusive, upper exclusive. */
export function hlcBounds(query: Pick<AuditQuery, 'from' | 'to' | 'before'>): { lower: string | null; upper: string | null } {
  const lower = query.from === undefined ? null : encodeHlc({ wall: query.from, counter: 0, origin: '' });
  let upper = query.to === undefined ? null : encodeHlc({ wall: query.to, counter: 0, origin: '' });
  // Inclusive of the cursor's own clock: the fields of a group share one (oplog/entities.ts),
  // so callers keep, of that clock, only what comes before the cursor (beforeCursor).
  if (query.before && (upper === null || query.before.hlc < upper)) upper = `${query.before.hlc}~`;
  return { lower, upper };
}

/** At most this many operations share one clock: a group's fields (oplog/entities.ts). */
export const SHARED_CLOCK_MAX = 16;

/** Newest first: by clock, then (one clock, one origin) by seq. */
export const newestFirst = (a: PageKey, b: PageKey) => (a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : b.seq - a.seq);

/** Whether a key comes after the cursor in newest-first order (or there is no cursor). */
export function beforeCursor(key: PageKey, cursor: AuditCursor | undefined): boolean {
  if (!cursor) return true;
  return key.hlc < cursor.hlc || (key.hlc === cursor.hlc && key.origin === cursor.origin && key.seq < cursor.seq);
}

function filters(query: AuditQuery, alias: string): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.entity) { where.push(`${alias}.entity = ?`); params.push(query.entity); }
  if (query.operatorId) { where.push(`${alias}.operator = ?`); params.push(query.operatorId); }
  if (query.field) { where.push(`${alias}.field = ?`); params.push(query.field); }
  return { where, params };
}

/** One row's history: served by operations_row_field (row_id, field), sorted by clock here. */
async function rowPage(db: Reader, query: AuditQuery, take: number): Promise<PageKey[]> {
  const { lower, upper } = hlcBounds(query);
  const { where, params } = filters(query, 'o');
  where.unshift('o.row_id = ?');
  params.unshift(query.rowId ?? '');
  if (lower !== null) { where.push('o.hlc >= ?'); params.push(lower); }
  if (upper !== null) { where.push('o.hlc < ?'); params.push(upper); }
  const keys = await db.all<PageKey>(
    `SELECT o.origin, o.seq, o.hlc FROM operations o WHERE ${where.join(' AND ')} ORDER BY o.hlc DESC, o.seq DESC LIMIT ?`, [...params, take + SHARED_CLOCK_MAX]);
  return keys.filter((k) => beforeCursor(k, query.before)).slice(0, take);
}

/**
 * The whole log, newest first, without an index on hlc: each console numbers its operations
 * with a clock that never goes back, so within one origin seq order is hlc order. A time
 * bound is therefore a seq bound per origin (found by binary search on the primary key), and
 * the page is a merge of each origin's newest operations inside its bounds.
 */
async function logPage(db: Reader, query: AuditQuery, take: number): Promise<PageKey[]> {
  const ranges = await seqRanges(db, hlcBounds(query));
  const { where, params } = filters(query, 'o');
  const found: PageKey[] = [];
  // SQLite allows 500 terms in a compound SELECT.
  for (let start = 0; start < ranges.length; start += 100) {
    const arms = ranges.slice(start, start + 100);
    const sql = arms.map(() =>
      `SELECT * FROM (SELECT o.origin, o.seq, o.hlc FROM operations o
        WHERE o.origin = ? AND o.seq >= ? AND o.seq < ?${where.map((w) => ` AND ${w}`).join('')}
        ORDER BY o.seq DESC LIMIT ?)`).join(' UNION ALL ');
    const armParams = arms.flatMap((r) => [r.origin, r.from, r.to, ...params, take + SHARED_CLOCK_MAX]);
    found.push(...await db.all<PageKey>(`${sql} ORDER BY hlc DESC, seq DESC LIMIT ?`, [...armParams, take + SHARED_CLOCK_MAX]));
  }
  return found.filter((k) => beforeCursor(k, query.before)).sort(newestFirst).slice(0, take);
}

export interface SeqRange {
  origin: string;
  /** First seq inside the range. */
  from: number;
  /** First seq past the range. */
  to: number;
}

/** Per origin, the seqs whose hlc lies in [lower, upper): two binary searches in one statement. */
export async function seqRanges(db: Reader, bounds: { lower: string | null; upper: string | null }): Promise<SeqRange[]> {
  // For an absent bound, '' sorts before every hlc and '~' after every one.
  const rows = await db.all<{ origin: string; bound: number; seq: number }>(
    `WITH RECURSIVE
       origins(origin) AS (
         SELECT min(origin) FROM operations
         UNION ALL
         SELECT (SELECT min(p.origin) FROM operations p WHERE p.origin > origins.origin) FROM origins WHERE origin IS NOT NULL),
       spans(origin, lo, hi) AS (
         SELECT origin, (SELECT min(p.seq) FROM operations p WHERE p.origin = origins.origin),
                (SELECT max(p.seq) FROM operations p WHERE p.origin = origins.origin) + 1
           FROM origins WHERE origin IS NOT NULL),
       bounds(bound, target) AS (VALUES (0, ?), (1, ?)),
       -- The first seq s whose operation (or the next one held, across gaps) has hlc >= bound.
       search(origin, bound, target, lo, hi) AS (
         SELECT spans.origin, bounds.bound, bounds.target, spans.lo, spans.hi FROM spans, bounds
         UNION ALL
         SELECT origin, bound, target,
                CASE WHEN (SELECT p.hlc FROM operations p WHERE p.origin = search.origin AND p.seq >= (search.lo + search.hi) / 2 ORDER BY p.seq LIMIT 1) >= search.target
                     THEN lo ELSE (lo + hi) / 2 + 1 END,
                CASE WHEN (SELECT p.hlc FROM operations p WHERE p.origin = search.origin AND p.seq >= (search.lo + search.hi) / 2 ORDER BY p.seq LIMIT 1) >= search.target
                     THEN (lo + hi) / 2 ELSE hi END
           FROM search WHERE lo < hi)
     SELECT origin, bound, lo AS seq FROM search WHERE lo >= hi`,
    [bounds.lower ?? '', bounds.upper ?? '~'],
  );
  const ranges = new Map<string, SeqRange>();
  for (const row of rows) {
    const range = ranges.get(row.origin) ?? { origin: row.origin, from: 0, to: 0 };
    if (row.bound === 0) range.from = row.seq;
    else range.to = row.seq;
    ranges.set(row.origin, range);
  }
  return [...ranges.values()].filter((r) => r.from < r.to);
}

/** The page's operations with their previous values, who made them and what they touched. */
async function withDetails(db: Reader, page: readonly PageKey[]): Promise<AuditEntry[]> {
  if (page.length === 0) return [];
  const rows = await db.all<OperationRow>(
    `WITH page(origin, seq) AS (VALUES ${page.map(() => '(?, ?)').join(', ')})
     SELECT o.origin, o.seq, o.hlc, o.entity, o.row_id, o.field, o.value, o.operator, w.name AS operator_name
       FROM page JOIN operations o ON o.origin = page.origin AND o.seq = page.seq
       LEFT JOIN operators w ON w.id = o.operator
      ORDER BY o.hlc DESC`,
    page.flatMap((k) => [k.origin, k.seq]),
  );
  const surroundings = await surroundingsOf(db, rows);
  const labels = await labelsFor(db, rows);
  return rows.map((row, i) => toEntry(row, surroundings[i]!, labels.get(row.row_id) ?? ''));
}

/**
 * For each of the page's changes, the writes around it: every write of each field the page
 * touches (and of its row's creates) read once through operations_row_field (row_id, field),
 * set in clock order here, then the values of only those an entry shows.
 */
async function surroundingsOf(db: Reader, rows: readonly OperationRow[]): Promise<Surroundings[]> {
  const pairs = new Map<string, [string, string]>();
  for (const row of rows) {
    if (row.field === CREATE_FIELD) continue;
    pairs.set(fieldKey(row.row_id, row.field), [row.row_id, row.field]);
    pairs.set(fieldKey(row.row_id, CREATE_FIELD), [row.row_id, CREATE_FIELD]);
  }
  const writes = await writesOfFields<Stamped>(db, pairs.values(), 'o.origin, o.seq, o.hlc');
  // Each field's writes in clock order, once; then per entry two binary searches.
  const ordered = new Map<string, OrderedWrites>();
  const orderedOf = (key: string) => {
    let o = ordered.get(key);
    if (!o) ordered.set(key, o = orderWrites(writes.get(key) ?? []));
    return o;
  };
  const out = rows.map((row): Surroundings => {
    if (row.field === CREATE_FIELD) return { previous: null, created: null, newestLater: null, overriddenElsewhere: false };
    const field = orderedOf(fieldKey(row.row_id, row.field));
    const creates = orderedOf(fieldKey(row.row_id, CREATE_FIELD));
    const below = firstAtOrAfter(field.list, row.hlc);
    const after = firstAfter(field.list, row.hlc);
    const newest = field.list.at(-1);
    const others = field.suffixOrigins[after];
    return {
      previous: field.list[below - 1] ?? null,
      created: creates.list[firstAtOrAfter(creates.list, row.hlc) - 1] ?? null,
      newestLater: newest && after < field.list.length ? newest : null,
      // Another console wrote the field after this one: two origins after it, or one not this one's.
      overriddenElsewhere: others !== undefined && (others.length > 1 || others[0] !== row.origin),
    };
  });
  // The values shown: each write's once, by its primary key.
  const wanted = new Map<string, Stamped>();
  for (const s of out) for (const w of [s.previous, s.created, s.newestLater]) if (w) wanted.set(`${w.origin}:${w.seq}`, w);
  if (wanted.size > 0) {
    for (const v of await db.all<{ origin: string; seq: number; value: string }>(
      `SELECT o.origin, o.seq, o.value FROM json_each(?)
         JOIN operations o ON o.origin = json_each.value ->> 0 AND o.seq = json_each.value ->> 1`,
      [JSON.stringify([...wanted.values()].map((w) => [w.origin, w.seq]))])) wanted.get(`${v.origin}:${v.seq}`)!.value = v.value;
  }
  return out;
}

/** A field's writes by clock, and for each position up to two of the origins that wrote from there on. */
interface OrderedWrites {
  list: Stamped[];
  suffixOrigins: string[][];
}

function orderWrites(writes: readonly Stamped[]): OrderedWrites {
  const list = [...writes].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  const suffixOrigins: string[][] = new Array<string[]>(list.length);
  let seen: string[] = [];
  for (let i = list.length - 1; i >= 0; i--) {
    const origin = list[i]!.origin;
    if (seen.length < 2 && !seen.includes(origin)) seen = [...seen, origin];
    suffixOrigins[i] = seen;
  }
  return { list, suffixOrigins };
}

/** The first position whose clock is at or after `hlc` (the list's length if none). */
function firstAtOrAfter(list: readonly Stamped[], hlc: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.hlc < hlc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position whose clock is after `hlc` (the list's length if none). */
function firstAfter(list: readonly Stamped[], hlc: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.hlc <= hlc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function toEntry(row: OperationRow, around: Surroundings, label: string): AuditEntry {
  const hidden = row.entity === 'operator' && row.field === 'pinHash';
  const base = {
    at: decodeHlc(row.hlc)?.wall ?? 0, hlc: row.hlc, entity: row.entity, rowId: row.row_id, label, field: row.field,
    operatorId: row.operator, operatorName: row.operator_name, origin: row.origin, seq: row.seq,
  };
  if (row.field === CREATE_FIELD) {
    const created = { ...(JSON.parse(row.value) as Record<string, FieldValue>) };
    if (row.entity === 'operator' && Object.hasOwn(created, 'pinHash')) created.pinHash = HIDDEN_VALUE;
    return { ...base, before: undefined, after: created, superseded: false };
  }
  const { previous, created: creation, newestLater } = around;
  // Whichever came last by HLC set the value this operation replaced.
  let before: FieldValue = null;
  if (previous?.value !== undefined && (!creation || previous.hlc > creation.hlc)) before = JSON.parse(previous.value) as FieldValue;
  else if (creation?.value !== undefined) before = (JSON.parse(creation.value) as Record<string, FieldValue>)[row.field] ?? null;
  // Same-console successors are ordinary re-edits; only another console's later write can have
  // overridden this one by last-writer-wins, and only if the field now holds something else.
  const superseded = around.overriddenElsewhere && newestLater?.value !== undefined && newestLater.value !== row.value;
  return {
    ...base,
    before: hidden ? HIDDEN_VALUE : before,
    after: hidden ? HIDDEN_VALUE : (JSON.parse(row.value) as FieldValue),
    superseded,
  };
}

/**
 * How each entity's rows are named; `?` is a JSON array of ids. Calls, notes and assignments
 * are known by their incident's number; handover notes and the post's settings have no handle of their own.
 */
const LABEL_SQL: Readonly<Record<EntityName, string | null>> = {
  incident: 'SELECT id, number AS label FROM incidents WHERE id IN (SELECT value FROM json_each(?))',
  call: 'SELECT x.id, i.number AS label FROM calls x JOIN incidents i ON i.id = x.incident_id WHERE x.id IN (SELECT value FROM json_each(?))',
  timeline: 'SELECT x.id, i.number AS label FROM timeline_entries x JOIN incidents i ON i.id = x.incident_id WHERE x.id IN (SELECT value FROM json_each(?))',
  assignment: 'SELECT x.id, i.number AS label FROM assignments x JOIN incidents i ON i.id = x.incident_id WHERE x.id IN (SELECT value FROM json_each(?))',
  operator: 'SELECT id, name AS label FROM operators WHERE id IN (SELECT value FROM json_each(?))',
  centre: 'SELECT id, name AS label FROM centres WHERE id IN (SELECT value FROM json_each(?))',
  team: 'SELECT id, call_sign AS label FROM teams WHERE id IN (SELECT value FROM json_each(?))',
  volunteer: 'SELECT id, name AS label FROM volunteers WHERE id IN (SELECT value FROM json_each(?))',
  rosterEntry: 'SELECT x.id, v.name AS label FROM roster_entries x JOIN volunteers v ON v.id = x.volunteer_id WHERE x.id IN (SELECT value FROM json_each(?))',
  handoverNote: null,
  alert: 'SELECT id, identifier AS label FROM alerts WHERE id IN (SELECT value FROM json_each(?))',
  post: null, // one row per post: "post settings" says all
};

export async function labelsFor(db: Reader, rows: readonly { entity: EntityName; row_id: string }[]): Promise<Map<string, string>> {
  const ids = new Map<EntityName, Set<string>>();
  for (const row of rows) {
    if (!Object.hasOwn(ENTITIES, row.entity)) continue;
    const set = ids.get(row.entity) ?? new Set<string>();
    set.add(row.row_id);
    ids.set(row.entity, set);
  }
  const labels = new Map<string, string>();
  for (const [entity, set] of ids) {
    const sql = LABEL_SQL[entity];
    if (!sql) continue;
    for (const { id, label } of await db.all<{ id: string; label: string | null }>(sql, [JSON.stringify([...set])])) {
      labels.set(id, label ?? '');
    }
  }
  return labels;
}
