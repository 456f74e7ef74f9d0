// An incident's assignments, its response times, and the timeline entries they make.
import type { z } from 'zod';
import type { TimelineEntry } from '../../../shared/api';
import type * as s from '../../../shared/api/schemas';
import type { TeamKind } from '../../../shared/domain';
import type { Reader } from '../base/handles';

export type AssignmentView = z.output<typeof s.assignmentView>;
export type ResponseTimes = z.output<typeof s.responseTimes>;

interface AssignmentRow {
  id: string; team_id: string; call_sign: string | null; kind: TeamKind;
  dispatched_at: number; en_route_at: number | null; on_scene_at: number | null; cleared_at: number | null;
  ended_reason: string | null; operator_name: string | null;
  /** For a reassignment: the incident the team went to, or came from. */
  moved_to: string | null; came_from: string | null;
}

const seconds = (from: number | null, to: number | null) => (from !== null && to !== null ? Math.round((to - from) / 1000) : null);

export async function incidentAssignments(db: Reader, incidentId: string): Promise<AssignmentRow[]> {
  return db.all<AssignmentRow>(
    `SELECT a.id, a.team_id, t.call_sign, t.kind, a.dispatched_at, a.en_route_at, a.on_scene_at, a.cleared_at, a.ended_reason,
            o.name AS operator_name,
            CASE WHEN a.ended_reason = 'reassigned' THEN
              (SELECT i.number FROM assignments n JOIN incidents i ON i.id = n.incident_id
                WHERE n.team_id = a.team_id AND n.dispatched_at = a.cleared_at AND n.id <> a.id LIMIT 1) END AS moved_to,
            (SELECT i.number FROM assignments p JOIN incidents i ON i.id = p.incident_id
              WHERE p.team_id = a.team_id AND p.ended_reason = 'reassigned' AND p.cleared_at = a.dispatched_at AND p.id <> a.id LIMIT 1) AS came_from
       FROM assignments a LEFT JOIN teams t ON t.id = a.team_id LEFT JOIN operators o ON o.id = a.operator
      WHERE a.incident_id = ? ORDER BY a.dispatched_at, a.rowid`,
    [incidentId],
  );
}

export function toAssignmentView(row: AssignmentRow): AssignmentView {
  return {
    id: row.id, teamId: row.team_id, callSign: row.call_sign ?? '', kind: row.kind,
    dispatchedAt: row.dispatched_at, enRouteAt: row.en_route_at, onSceneAt: row.on_scene_at, clearedAt: row.cleared_at,
    endedReason: row.ended_reason,
    toSceneSec: seconds(row.dispatched_at, row.on_scene_at), onSceneSec: seconds(row.on_scene_at, row.cleared_at),
  };
}

/** Call → first dispatch, first dispatch → first team on scene, on scene → cleared. */
export function responseTimes(incident: { received_at: number; dispatched_at: number | null; on_scene_at: number | null; cleared_at: number | null }): ResponseTimes {
  return {
    callToDispatchSec: seconds(incident.received_at, incident.dispatched_at),
    dispatchToSceneSec: seconds(incident.dispatched_at, incident.on_scene_at),
    sceneToClearedSec: seconds(incident.on_scene_at, incident.cleared_at),
  };
}

export function assignmentTimeline(incidentId: string, rows: readonly AssignmentRow[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const entry = (row: AssignmentRow, at: number, step: NonNullable<TimelineEntry['assignment']>['step'], otherIncident: string | null = null): TimelineEntry => ({
    id: `${row.id}:${step}`, incidentId, at, kind: 'assignment', text: null, status: null, cancelReason: null,
    operatorName: row.operator_name ?? '', struck: null, assignment: { callSign: row.call_sign ?? '', step, otherIncident },
  });
  for (const row of rows) {
    entries.push(entry(row, row.dispatched_at, 'dispatched', row.came_from));
    if (row.en_route_at !== null) entries.push(entry(row, row.en_route_at, 'en_route'));
    if (row.on_scene_at !== null) entries.push(entry(row, row.on_scene_at, 'on_scene'));
    if (row.cleared_at !== null) {
      const step = row.ended_reason === 'reassigned' ? 'reassigned' : row.ended_reason === 'cancelled' ? 'cancelled' : 'cleared';
      entries.push(entry(row, row.cleared_at, step, step === 'reassigned' ? row.moved_to : null));
    }
  }
  return entries;
}
