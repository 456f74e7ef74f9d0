// Sending teams to incidents. Team and incident move together: the first team on scene puts
// the incident on scene; when the last team clears, the incident is cleared.
import { newRowId } from '../oplog/rowId';
import type { z } from 'zod';
import type * as s from '../../../shared/api/schemas';
import { COMMITTED_TEAM_STATUSES, KINDS_FOR_TYPE, OPEN_STATUSES, type AssignmentStep, type IncidentStatus, type IncidentType, type TeamKind, type TeamStatus } from '../../../shared/domain';
import { DomainError } from '../base/errors';
import type { ServiceContext } from '../context';
import type { Writer } from '../db/store';
import type { Reader, WriteTx } from '../base/handles';

export type DispatchSuggestion = z.output<typeof s.dispatchSuggestion>;

interface ActiveAssignment {
  id: string;
  incident_id: string;
  team_id: string;
  on_scene_at: number | null;
}

/** Available teams with crew, those whose kind fits the incident type and whose centre covers its district first. */
export async function suggestTeams(db: Reader, incidentId: string): Promise<DispatchSuggestion[]> {
  const incident = await db.get<{ type: IncidentType; district: string }>('SELECT type, district FROM incidents WHERE id = ?', [incidentId]);
  if (!incident) throw new DomainError('error.incidentNotFound');
  const teams = await db.all<{ id: string; call_sign: string; kind: TeamKind; centre_name: string | null; covers: string | null; crew: number }>(
    `SELECT t.id, t.call_sign, t.kind, c.name AS centre_name, c.covers,
            (SELECT count(*) FROM roster_entries r WHERE r.team_id = t.id AND r.check_out_at IS NULL) AS crew
       FROM teams t LEFT JOIN centres c ON c.id = t.centre_id
      WHERE t.retired = 0 AND t.status IN ('available', 'returning')
        AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.team_id = t.id AND a.cleared_at IS NULL)`,
  );
  const kinds = KINDS_FOR_TYPE[incident.type];
  return teams
    .filter((t) => t.crew > 0)
    .map((t) => ({
      teamId: t.id, callSign: t.call_sign, kind: t.kind, centreName: t.centre_name ?? '', crewCount: t.crew,
      fitsType: kinds.includes(t.kind),
      coversDistrict: t.covers ? (JSON.parse(t.covers) as string[]).includes(incident.district) : false,
      rank: (kinds.includes(t.kind) ? kinds.indexOf(t.kind) : 10) + (t.covers?.includes(`"${incident.district}"`) ? 0 : 20),
    }))
    .sort((a, b) => a.rank - b.rank || a.callSign.localeCompare(b.callSign))
    .map(({ rank: _rank, ...rest }) => rest);
}

async function setIncidentStatus(writer: Writer, incidentId: string, status: IncidentStatus, at: number): Promise<void> {
  const field = { dispatched: 'dispatchedAt', on_scene: 'onSceneAt', cleared: 'clearedAt' } as const;
  const key = field[status as keyof typeof field];
  await writer.record([{ entity: 'incident', rowId: incidentId, set: { status, statusAt: at, ...(key ? { [key]: at } : {}) } }]);
}

async function setTeam(writer: Writer, teamId: string, status: TeamStatus, at: number): Promise<void> {
  await writer.record([{ entity: 'team', rowId: teamId, set: { status, statusAt: at } }]);
}

export async function dispatchTeams(
  ctx: ServiceContext,
  operatorId: string,
  input: { incidentId: string; teamIds: readonly string[]; confirmReassign?: boolean | undefined },
): Promise<void> {
  const now = ctx.now();
  await ctx.store.write(operatorId, async (writer) => {
    const { tx, record } = writer;
    const incident = await tx.get<{ status: IncidentStatus }>('SELECT status FROM incidents WHERE id = ?', [input.incidentId]);
    if (!incident) throw new DomainError('error.incidentNotFound');
    if (!OPEN_STATUSES.includes(incident.status) || incident.status === 'cleared') throw new DomainError('error.incidentClosed');
    const committed: { callSign: string; number: string }[] = [];
    for (const teamId of new Set(input.teamIds)) {
      const team = await tx.get<{ call_sign: string; retired: number }>('SELECT call_sign, retired FROM teams WHERE id = ?', [teamId]);
      if (!team || team.retired) throw new DomainError('error.teamNotFound');
      const current = await activeAssignments(tx, teamId);
      if (current.some((a) => a.incident_id === input.incidentId)) continue; // already on this incident
      if (current.length > 0 && !input.confirmReassign) {
        const numbers = await tx.all<{ number: string }>(`SELECT number FROM incidents WHERE id IN (${current.map(() => '?').join(',')})`, current.map((a) => a.incident_id));
        committed.push({ callSign: team.call_sign, number: numbers.map((n) => n.number).join(', ') });
        continue;
      }
      // Reassignment: the team leaves its other incidents; both timelines show it.
      for (const old of current) {
        await record([{ entity: 'assignment', rowId: old.id, set: { clearedAt: now, endedReason: 'reassigned' } }]);
        await clearIncidentIfLast(writer, old.incident_id, now);
      }
      await record([{
        entity: 'assignment', rowId: newRowId(),
        create: { incidentId: input.incidentId, teamId, dispatchedAt: now, enRouteAt: null, onSceneAt: null, clearedAt: null, endedReason: null, operator: operatorId },
      }]);
      await setTeam(writer, teamId, 'dispatched', now);
    }
    if (committed.length > 0) {
      // Nothing is written: the operator confirms, then sends again with confirmReassign.
      throw new DomainError('error.teamCommitted', { teams: committed.map((c) => `${c.callSign} (${c.number})`).join('; ') });
    }
    if (incident.status === 'received') await setIncidentStatus(writer, input.incidentId, 'dispatched', now);
  });
}

async function activeAssignments(tx: WriteTx, teamId: string): Promise<ActiveAssignment[]> {
  return tx.all<ActiveAssignment>('SELECT id, incident_id, team_id, on_scene_at FROM assignments WHERE team_id = ? AND cleared_at IS NULL ORDER BY dispatched_at', [teamId]);
}

/** When the incident's last committed team leaves, an incident on scene is cleared. */
async function clearIncidentIfLast(writer: Writer, incidentId: string, at: number): Promise<void> {
  const remaining = await writer.tx.get('SELECT 1 FROM assignments WHERE incident_id = ? AND cleared_at IS NULL', [incidentId]);
  if (remaining) return;
  const incident = await writer.tx.get<{ status: IncidentStatus }>('SELECT status FROM incidents WHERE id = ?', [incidentId]);
  if (incident?.status === 'on_scene') await setIncidentStatus(writer, incidentId, 'cleared', at);
}

/** Moves one assignment a step on: en route, on scene, cleared. */
export async function advanceAssignment(writer: Writer, assignmentId: string, step: AssignmentStep, now: number): Promise<void> {
  const a = await writer.tx.get<{ incident_id: string; team_id: string; en_route_at: number | null; on_scene_at: number | null; cleared_at: number | null }>(
    'SELECT incident_id, team_id, en_route_at, on_scene_at, cleared_at FROM assignments WHERE id = ?', [assignmentId]);
  if (!a) throw new DomainError('error.assignmentNotFound');
  if (a.cleared_at !== null) throw new DomainError('error.assignmentEnded');
  const order: AssignmentStep[] = ['en_route', 'on_scene', 'cleared'];
  const reached = a.on_scene_at !== null ? 1 : a.en_route_at !== null ? 0 : -1;
  if (order.indexOf(step) <= reached) throw new DomainError('error.assignmentStep');
  if (step === 'en_route') {
    await writer.record([{ entity: 'assignment', rowId: assignmentId, set: { enRouteAt: now } }]);
    await setTeam(writer, a.team_id, 'en_route', now);
  } else if (step === 'on_scene') {
    await writer.record([{ entity: 'assignment', rowId: assignmentId, set: { onSceneAt: now } }]);
    await setTeam(writer, a.team_id, 'on_scene', now);
    const incident = await writer.tx.get<{ status: IncidentStatus }>('SELECT status FROM incidents WHERE id = ?', [a.incident_id]);
    if (incident?.status === 'dispatched' || incident?.status === 'received') await setIncidentStatus(writer, a.incident_id, 'on_scene', now);
  } else {
    await writer.record([{ entity: 'assignment', rowId: assignmentId, set: { clearedAt: now, endedReason: 'cleared' } }]);
    await setTeam(writer, a.team_id, 'returning', now);
    await clearIncidentIfLast(writer, a.incident_id, now);
  }
}

/** A status set from the board: steps of the current assignment, or a plain status. */
export async function setTeamStatus(ctx: ServiceContext, operatorId: string, teamId: string, status: TeamStatus): Promise<void> {
  const now = ctx.now();
  await ctx.store.write(operatorId, async (writer) => {
    const team = await writer.tx.get('SELECT 1 FROM teams WHERE id = ? AND retired = 0', [teamId]);
    if (!team) throw new DomainError('error.teamNotFound');
    const [current] = (await activeAssignments(writer.tx, teamId)).slice(-1);
    if (status === 'dispatched') throw new DomainError('error.dispatchFromIncident');
    if (status === 'en_route' || status === 'on_scene') {
      if (!current) throw new DomainError('error.teamNotAssigned');
      await advanceAssignment(writer, current.id, status, now);
      return;
    }
    if (current) {
      if (status === 'out_of_service' || status === 'off_duty') throw new DomainError('error.teamCommittedNow');
      await advanceAssignment(writer, current.id, 'cleared', now);
    }
    if (status === 'off_duty' || status === 'out_of_service' || status === 'available' || status === 'returning') {
      await setTeam(writer, teamId, status, now);
    }
  });
}

/** A closed, cleared or cancelled incident releases every team still on it. */
export async function releaseTeams(writer: Writer, incidentId: string, reason: 'cleared' | 'cancelled', now: number): Promise<void> {
  const active = await writer.tx.all<{ id: string; team_id: string }>('SELECT id, team_id FROM assignments WHERE incident_id = ? AND cleared_at IS NULL', [incidentId]);
  for (const a of active) {
    await writer.record([{ entity: 'assignment', rowId: a.id, set: { clearedAt: now, endedReason: reason } }]);
    const stillCommitted = await writer.tx.get('SELECT 1 FROM assignments WHERE team_id = ? AND cleared_at IS NULL', [a.team_id]);
    const team = await writer.tx.get<{ status: TeamStatus }>('SELECT status FROM teams WHERE id = ?', [a.team_id]);
    if (!stillCommitted && team && COMMITTED_TEAM_STATUSES.includes(team.status)) await setTeam(writer, a.team_id, 'returning', now);
  }
}
