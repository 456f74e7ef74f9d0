// The rows of one incident (one row, or one row per responding unit) → the HistoricalIncident
// Beacon stores, and the key that recognises it when the same file comes again.
import { createHash } from 'node:crypto';
import { TEXT_LIMITS, type CallSource } from '../../../shared/domain';
import { normalizeForSearch } from '../../../shared/text/search';
import type { HistoricalAssignment, HistoricalIncident } from '../incidents/importIncidents';
import type { MappedField } from './mapping';
import type { Defaulted, ImportRow, Rejection } from './rows';
import { timesOutOfOrder, type TimeField } from './rows';

export interface IncidentDraft {
  /** Stable across imports of the same export: see importKey. */
  key: string;
  lines: number[];
  incident: HistoricalIncident;
  /** Units named in the export that match no Beacon team (kept in the description). */
  unmatchedUnits: string[];
  /**
   * Per call of incident.calls, the key that recognises it in a later import of a grown export;
   * null for the first call, which the incident's own key stands for.
   */
  callKeys: (string | null)[];
  /** The time cells as written, for the times the incident took from them. */
  raw: Partial<Record<'received' | 'dispatched' | 'onScene' | 'cleared' | 'closed', string>>;
  warnings: Rejection[];
  defaulted: Defaulted[];
}

export interface AssemblyContext {
  system: string;
  callSource: CallSource;
  /** Their unit name → team id, or undefined when no team has that call sign. */
  teamOf(unit: string): string | undefined;
  /** Header names, for messages and for the notes added to a description in the export's own language. */
  label(field: MappedField): string;
}

/**
 * Their incident number identifies an incident best; else the group's value; else what the
 * row says (time received, type, district, place). Hashed with the exporting system's name
 * so two systems' "17" stay apart.
 */
function importKey(system: string, first: ImportRow): string {
  const identity = first.incidentNumber !== null ? ['number', first.incidentNumber]
    : first.group !== null ? ['group', first.group]
    : ['row', first.times.received, first.type, first.district, normalizeForSearch(first.locality ?? first.landmark ?? ''), first.lat, first.lon];
  return createHash('sha256').update(JSON.stringify([system, ...identity])).digest('hex');
}

const earliest = (values: (number | null)[]) => values.reduce<number | null>((m, v) => (v === null ? m : m === null ? v : Math.min(m, v)), null);
const latest = (values: (number | null)[]) => values.reduce<number | null>((m, v) => (v === null ? m : m === null ? v : Math.max(m, v)), null);

export function assembleIncident(rows: readonly ImportRow[], ctx: AssemblyContext): IncidentDraft | Rejection[] {
  const first = rows[0]!;
  const key = importKey(ctx.system, first);
  const all = (pick: (r: ImportRow) => number | null) => rows.map(pick);
  // The incident began with the first call and the first team sent or on scene, and cleared
  // when the last team did (the rule the live console follows, so statistics agree).
  const receivedAt = earliest(all((r) => r.times.received))!;
  const dispatchedAt = earliest(all((r) => r.times.dispatched));
  const onSceneAt = earliest(all((r) => r.times.onScene));
  const clearedAt = latest(all((r) => r.times.cleared));
  // A historical incident is over: with no closing time it closes at its last known moment,
  // rather than waiting in today's queues for a dispatch that happened long ago.
  const closedAt = latest(all((r) => r.times.closed))
    ?? latest(rows.flatMap((r) => [r.times.received, r.times.dispatched, r.times.enRoute, r.times.onScene, r.times.cleared]))!;
  const wrong = timesOutOfOrder({ received: receivedAt, dispatched: dispatchedAt, enRoute: null, onScene: onSceneAt, cleared: clearedAt, closed: closedAt });
  if (wrong) {
    const params = { column: ctx.label(wrong[0]), earlierColumn: ctx.label(wrong[1]) };
    return rows.map((r) => ({ line: r.line, reason: 'import.timesOutOfOrder', params }));
  }

  // Unmatched units are not invented as teams (that would fill the roster with names nobody
  // can dispatch); they are written into the description, so nothing the export said is lost.
  const assignments: HistoricalAssignment[] = [];
  const unmatchedUnits: string[] = [];
  for (const row of rows) {
    if (row.unit === null) continue;
    const teamId = ctx.teamOf(row.unit);
    if (teamId === undefined) {
      if (!unmatchedUnits.includes(row.unit)) unmatchedUnits.push(row.unit);
      continue;
    }
    const t = row.times;
    assignments.push({
      teamId,
      // An assignment needs a moment of dispatch; the first one the row knows stands in for it.
      dispatchedAt: t.dispatched ?? t.enRoute ?? t.onScene ?? t.received,
      enRouteAt: t.enRoute, onSceneAt: t.onScene,
      // Every imported assignment has ended, so no team looks committed to an old incident.
      clearedAt: t.cleared ?? t.closed ?? closedAt,
      endedReason: 'cleared',
    });
  }

  const notes = [
    first.description,
    first.incidentNumber !== null ? `${ctx.label('incidentNumber')}: ${first.incidentNumber}` : null,
    unmatchedUnits.length > 0 ? `${ctx.label('unit')}: ${unmatchedUnits.join(', ')}` : null,
  ].filter((n): n is string => n !== null);
  const description = notes.length > 0 ? notes.join('\n').slice(0, TEXT_LIMITS.long) : null;
  // Rows of one incident repeat its counts, so the largest is the incident's, not the sum;
  // the most urgent priority given is kept.
  const most = (pick: (r: ImportRow) => number) => rows.reduce((m, r) => Math.max(m, pick(r)), 0);
  const [trapped, injured, dead] = [most((r) => r.trapped), most((r) => r.injured), most((r) => r.dead)];
  const priority = rows.reduce((p, r) => (r.priority < p ? r.priority : p), first.priority);

  // Each moment the export gave is a call: a repeat call about the same incident keeps its own
  // time and words, while rows that repeat one call (one per unit) are that one call.
  const calls = new Map<string, { receivedAt: number; description: string | null; trapped: number; injured: number; dead: number }>();
  for (const row of rows) {
    const id = JSON.stringify([row.times.received, row.description]);
    const call = calls.get(id);
    if (!call) calls.set(id, { receivedAt: row.times.received, description: row.description, trapped: row.trapped, injured: row.injured, dead: row.dead });
    else [call.trapped, call.injured, call.dead] = [Math.max(call.trapped, row.trapped), Math.max(call.injured, row.injured), Math.max(call.dead, row.dead)];
  }
  const ordered = [...calls.values()].sort((a, b) => a.receivedAt - b.receivedAt);
  const rawOf = (field: TimeField, value: number | null) => rows.find((r) => value !== null && r.times[field] === value)?.raw[field];
  const raw = Object.fromEntries(([['received', receivedAt], ['dispatched', dispatchedAt], ['onScene', onSceneAt], ['cleared', clearedAt], ['closed', closedAt]] as const)
    .map(([field, value]) => [field, rawOf(field, value)]).filter(([, v]) => v !== undefined));

  return {
    key,
    lines: rows.map((r) => r.line),
    unmatchedUnits,
    callKeys: ordered.map((c, k) => (k === 0 ? null : createHash('sha256').update(JSON.stringify([key, 'call', c.receivedAt, c.description])).digest('hex'))),
    raw,
    warnings: rows.flatMap((r) => r.warnings),
    defaulted: rows.flatMap((r) => r.defaulted),
    incident: {
      type: first.type, priority, district: first.district, subdistrict: null,
      locality: first.locality, landmark: first.landmark, lat: first.lat, lon: first.lon,
      description, trapped, injured, dead,
      receivedAt, dispatchedAt, onSceneAt, clearedAt, closedAt, cancelledAt: null, cancelReason: null,
      calls: ordered.map((c) => ({ ...c, source: ctx.callSource, callerName: null, callerPhone: null })),
      assignments,
    },
  };
}
