// The handover report: what a shift (or a day, or chosen dates) held, what is still open as
// it ends, and what the outgoing duty officer wants the incoming one to know. The same
// numbers feed the printed pages and the `summary` command. Its figures are the statistics
// screen's, from the same figure modules (stats/keyFigures.ts, incidentCounts.ts, teamHours.ts);
// only what the screen does not show is counted here: outcomes as they stood at the period's
// end, the handover list, the priority-1 chronologies, who was on duty. Counts only: no caller
// names, and never names of the dead (Beacon records none).
import { OPEN_STATUSES, type IncidentStatus, type IncidentType } from '../../../shared/domain';
import type { ShiftSummary, SummaryQuery, SummaryTimelineEntry } from '../../../shared/api/types';
import { previousShift, shiftAt } from '../../../shared/time/shifts';
import type { ServiceContext } from '../context';
import { DomainError } from '../base/errors';
import { incidentDetail } from '../incidents/queries';
import { requirePost } from '../setup/setup';
import { localDatesToRange } from '../stats/localTime';
import { countedSql } from '../stats/duplicateRule';
import { incidentCounts } from '../stats/incidentCounts';
import { keyFigures, responseFigures } from '../stats/keyFigures';
import { rollupZone } from '../stats/rollup';
import { planRollup } from '../stats/rollupSql';
import { incidentsIn, type StatsScope } from '../stats/scope';
import { teamHours } from '../stats/teamHours';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Roster entries longer than this are not looked for before a period starts. */
const LONGEST_DUTY = 3 * DAY;

/** The period a summary covers, and the period its response times are compared with. */
export function summaryPeriod(query: SummaryQuery, starts: readonly string[], timeZone: string): { kind: ShiftSummary['kind']; start: number; end: number; previous: { start: number; end: number } } {
  const p = query.period;
  if ('shift' in p) {
    const shift = shiftAt(p.shift, starts, timeZone);
    const before = previousShift(shift, starts, timeZone);
    return { kind: 'shift', start: shift.start, end: shift.end, previous: { start: before.start, end: before.end } };
  }
  let range: { start: number; end: number };
  try {
    range = 'day' in p ? localDatesToRange(p.day, p.day, timeZone) : localDatesToRange(p.from, p.to, timeZone);
  } catch {
    throw new DomainError('error.invalidInput', undefined, { period: 'validation.date' });
  }
  if (range.end <= range.start) throw new DomainError('error.invalidInput', undefined, { 'period.to': 'validation.periodOrder' });
  if (range.end - range.start > 92 * DAY) throw new DomainError('error.invalidInput', undefined, { 'period.to': 'validation.periodTooLong' });
  const length = range.end - range.start;
  return { kind: 'day' in p ? 'day' : 'range', ...range, previous: { start: range.start - length, end: range.start } };
}

/** An incident's status as it stood at `at`, from the times of its moves. */
function statusAt(row: { dispatched_at: number | null; on_scene_at: number | null; cleared_at: number | null }, at: number): IncidentStatus {
  if (row.cleared_at !== null && row.cleared_at < at) return 'cleared';
  if (row.on_scene_at !== null && row.on_scene_at < at) return 'on_scene';
  if (row.dispatched_at !== null && row.dispatched_at < at) return 'dispatched';
  return 'received';
}

export async function shiftSummary(ctx: ServiceContext, query: SummaryQuery): Promise<ShiftSummary> {
  const settings = requirePost(ctx.settings);
  const timeZone = settings.post.timeZone;
  const now = ctx.now();
  const period = summaryPeriod(query, settings.shiftStarts, timeZone);
  const { start, end } = period;
  // A shift still running is reported as it stands now.
  const asOf = Math.min(end, now);
  const db = ctx.store.reader;
  const scope: StatsScope = { timeZone, range: { start, end }, filters: {} };
  const builtFor = await rollupZone(db);
  const plan = planRollup(scope.range, timeZone, builtFor);
  const hours = await teamHours(db, scope, asOf, 'summary', builtFor);
  // Closed and cancelled as they stood at the period's end (the screen shows them as they stand now).
  const { from, params } = incidentsIn(scope);

  const [key, byType, byPriority, byDistrict, outcomes, cancelledByReason, previous, last7Days, assignmentCounts] = await Promise.all([
    keyFigures(db, scope, asOf, { hours, builtFor, chart: 'summary' }),
    incidentCounts(db, scope, 'type', plan, 'summary'),
    incidentCounts(db, scope, 'priority', plan, 'summary'),
    incidentCounts(db, scope, 'district', plan, 'summary'),
    db.get<{ closed: number; cancelled: number }>(
      `SELECT count(*) FILTER (WHERE closed_at < ?) AS closed, count(*) FILTER (WHERE cancelled_at < ?) AS cancelled ${from}`, [asOf, asOf, ...params]),
    db.all<{ reason: string; n: number }>(`SELECT cancel_reason AS reason, count(*) AS n ${from} AND cancelled_at < ? GROUP BY cancel_reason ORDER BY n DESC`, [...params, asOf]),
    responseFigures(db, { ...scope, range: period.previous }, 'summary', builtFor),
    responseFigures(db, { ...scope, range: { start: end - 7 * DAY, end } }, 'summary', builtFor),
    db.all<{ team_id: string; call_sign: string; n: number }>(
      `SELECT a.team_id, t.call_sign, count(*) AS n FROM assignments a JOIN teams t ON t.id = a.team_id
        WHERE a.dispatched_at >= ? AND a.dispatched_at < ? GROUP BY a.team_id`, [start, end]),
  ]);
  const current = { incidents: key.incidents, dispatchMedianSec: key.dispatchMedianSec, dispatchP90Sec: key.dispatchP90Sec, sceneMedianSec: key.sceneMedianSec, sceneP90Sec: key.sceneP90Sec };

  // Teams with hours in the period, and teams sent in it (a dispatch in its last minute may have no hours yet).
  const counts = new Map(assignmentCounts.map((a) => [a.team_id, a.n]));
  const teamsDeployed = new Map(hours.map((t) => [t.teamId, { callSign: t.callSign, assignments: counts.get(t.teamId) ?? 0, hours: t.hours }]));
  for (const a of assignmentCounts) if (!teamsDeployed.has(a.team_id)) teamsDeployed.set(a.team_id, { callSign: a.call_sign, assignments: a.n, hours: 0 });

  return {
    kind: period.kind,
    post: { name: settings.post.name, code: settings.post.code }, timeZone,
    start, end, printedAt: now,
    calls: key.calls, incidents: key.incidents,
    byType: byType.map((r) => ({ type: r.key, count: r.count })),
    byPriority: byPriority.map((r) => ({ priority: r.key, count: r.count })).sort((a, b) => a.priority - b.priority),
    byDistrict: byDistrict.map((r) => ({ district: r.key, count: r.count })),
    responseTimes: { current, previous, last7Days },
    casualties: { trapped: key.trapped, injured: key.injured, dead: key.dead },
    outcomes: {
      closed: outcomes?.closed ?? 0, cancelled: outcomes?.cancelled ?? 0,
      open: key.incidents - (outcomes?.closed ?? 0) - (outcomes?.cancelled ?? 0),
      cancelledByReason: cancelledByReason.map((r) => ({ reason: r.reason, count: r.n })),
    },
    teams: [...teamsDeployed.values()].sort((a, b) => b.hours - a.hours || a.callSign.localeCompare(b.callSign)),
    volunteersOnDuty: await volunteersOnDuty(ctx, start, end, asOf),
    openIncidents: await openAt(ctx, asOf),
    priorityOne: await priorityOneTimelines(ctx, start, end, asOf),
    handoverNotes: await handoverNotesOf(ctx, start),
    operators: await operatorsOnDuty(ctx, start, end),
  };
}

/** The handover list: incidents received before `at` and neither closed nor cancelled by then. */
async function openAt(ctx: ServiceContext, at: number): Promise<ShiftSummary['openIncidents']> {
  const db = ctx.store.reader;
  const open = OPEN_STATUSES.map((s) => `'${s}'`).join(',');
  // Open now, or closed or cancelled only after `at` (indexed both ways).
  const rows = await db.all<{
    id: string; number: string; type: IncidentType; priority: number; district: string; locality: string | null; received_at: number;
    dispatched_at: number | null; on_scene_at: number | null; cleared_at: number | null;
  }>(
    `SELECT id, number, type, priority, district, locality, received_at, dispatched_at, on_scene_at, cleared_at FROM incidents
      WHERE id IN (SELECT id FROM incidents WHERE status IN (${open})
                   UNION SELECT id FROM incidents WHERE closed_at >= ?
                   UNION SELECT id FROM incidents WHERE cancelled_at >= ?)
        AND received_at < ? AND ${countedSql()}
      ORDER BY priority, received_at`, [at, at, at]);
  const out: ShiftSummary['openIncidents'] = [];
  for (const r of rows) {
    const [teams, note] = await Promise.all([
      db.all<{ call_sign: string }>(
        `SELECT t.call_sign FROM assignments a JOIN teams t ON t.id = a.team_id
          WHERE a.incident_id = ? AND a.dispatched_at < ? AND (a.cleared_at IS NULL OR a.cleared_at >= ?) ORDER BY a.dispatched_at`, [r.id, at, at]),
      db.get<{ text: string; at: number }>(
        `SELECT text, at FROM timeline_entries WHERE incident_id = ? AND kind = 'note' AND at < ? AND (struck_at IS NULL OR struck_at >= ?)
          ORDER BY at DESC LIMIT 1`, [r.id, at, at]),
    ]);
    out.push({
      number: r.number, type: r.type, priority: r.priority, status: statusAt(r, at), district: r.district, locality: r.locality,
      receivedAt: r.received_at, teams: teams.map((t) => t.call_sign), lastNote: note ? { text: note.text, at: note.at } : null,
    });
  }
  return out;
}

/** Every priority-1 incident received in the period, with its timeline up to the period's end. */
async function priorityOneTimelines(ctx: ServiceContext, start: number, end: number, asOf: number): Promise<ShiftSummary['priorityOne']> {
  const ids = await ctx.store.reader.all<{ id: string; dispatched_at: number | null; on_scene_at: number | null; cleared_at: number | null; closed_at: number | null; cancelled_at: number | null }>(
    `SELECT id, dispatched_at, on_scene_at, cleared_at, closed_at, cancelled_at FROM incidents
      WHERE received_at >= ? AND received_at < ? AND priority = 1 AND ${countedSql()} ORDER BY received_at`, [start, end]);
  const out: ShiftSummary['priorityOne'] = [];
  for (const row of ids) {
    const detail = await incidentDetail(ctx.store.reader, row.id);
    const timeline: SummaryTimelineEntry[] = detail.timeline
      .filter((e) => e.at < asOf && e.kind !== 'edit')
      .map((e) => ({
        at: e.at, kind: e.kind as SummaryTimelineEntry['kind'], status: e.status, cancelReason: e.cancelReason,
        // Calls are counted, never quoted: what a caller said may name people.
        text: e.kind === 'note' ? e.text : null,
        callSign: e.assignment?.callSign ?? null, step: e.assignment?.step ?? null, operatorName: e.operatorName,
        // A struck note stays on the record, marked; a strike after the period was not yet made then.
        struck: e.struck && e.struck.at < asOf ? e.struck : null,
      }));
    const status: IncidentStatus = row.closed_at !== null && row.closed_at < asOf ? 'closed'
      : row.cancelled_at !== null && row.cancelled_at < asOf ? 'cancelled' : statusAt(row, asOf);
    out.push({ number: detail.number, type: detail.type, status, district: detail.district, locality: detail.locality, receivedAt: detail.receivedAt, timeline });
  }
  return out;
}

async function volunteersOnDuty(ctx: ServiceContext, start: number, end: number, asOf: number): Promise<ShiftSummary['volunteersOnDuty']> {
  const rows = await ctx.store.reader.all<{ volunteer_id: string; name: string; call_sign: string | null; check_in_at: number; check_out_at: number | null }>(
    `SELECT r.volunteer_id, v.name, t.call_sign, r.check_in_at, r.check_out_at FROM roster_entries r
       JOIN volunteers v ON v.id = r.volunteer_id LEFT JOIN teams t ON t.id = r.team_id
      WHERE r.id IN (SELECT id FROM roster_entries WHERE check_in_at >= ? AND check_in_at < ?
                     UNION SELECT id FROM roster_entries WHERE check_out_at IS NULL AND check_in_at < ?)
        AND (r.check_out_at IS NULL OR r.check_out_at > ?)
      ORDER BY t.call_sign, v.name`, [start - LONGEST_DUTY, end, end, start]);
  const byName = new Map<string, { name: string; team: string | null; ms: number }>();
  for (const r of rows) {
    const ms = Math.min(r.check_out_at ?? asOf, end) - Math.max(r.check_in_at, start);
    if (ms <= 0) continue;
    // Per person and team: two volunteers may share a name.
    const key = `${r.volunteer_id}\u0000${r.call_sign ?? ''}`;
    const entry = byName.get(key) ?? { name: r.name, team: r.call_sign, ms: 0 };
    entry.ms += ms;
    byName.set(key, entry);
  }
  return [...byName.values()].map((v) => ({ name: v.name, team: v.team, hours: Math.round((v.ms / HOUR) * 10) / 10 }));
}

async function handoverNotesOf(ctx: ServiceContext, shiftStart: number): Promise<ShiftSummary['handoverNotes']> {
  const rows = await ctx.store.reader.all<{ id: string; text: string; written_at: number; name: string | null }>(
    `SELECT h.id, h.text, h.written_at, o.name FROM handover_notes h LEFT JOIN operators o ON o.id = h.operator
      WHERE h.shift_start = ? ORDER BY h.written_at`, [shiftStart]);
  return rows.map((r) => ({ id: r.id, text: r.text, at: r.written_at, operatorName: r.name ?? '?' }));
}

/** Who worked the period: anyone who logged a call, wrote to a timeline or sent a team in it. */
async function operatorsOnDuty(ctx: ServiceContext, start: number, end: number): Promise<string[]> {
  const rows = await ctx.store.reader.all<{ name: string }>(
    `SELECT DISTINCT o.name FROM operators o WHERE o.pin_hash <> '!' AND o.id IN (
        SELECT operator FROM calls WHERE received_at >= ?1 AND received_at < ?2
        UNION SELECT operator FROM timeline_entries WHERE at >= ?1 AND at < ?2
        UNION SELECT operator FROM assignments WHERE dispatched_at >= ?1 AND dispatched_at < ?2
        UNION SELECT operator FROM handover_notes WHERE written_at >= ?1 AND written_at < ?2)
      ORDER BY o.name`, [start, end]);
  return rows.map((r) => r.name);
}
