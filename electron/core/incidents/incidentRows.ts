// How incidents, calls and timeline entries come out of SQL and into the contract's shapes.
import type { CallView, IncidentDetail, TimelineEntry } from '../../../shared/api';
import type { CallSource, IncidentStatus, IncidentType, Priority } from '../../../shared/domain';

export interface IncidentRow {
  id: string;
  number: string;
  type: IncidentType;
  priority: Priority;
  status: IncidentStatus;
  district: string;
  subdistrict: string | null;
  locality: string | null;
  landmark: string | null;
  lat: number | null;
  lon: number | null;
  description: string | null;
  trapped: number;
  injured: number;
  dead: number;
  received_at: number;
  status_at: number;
  dispatched_at: number | null;
  on_scene_at: number | null;
  cleared_at: number | null;
  closed_at: number | null;
  cancelled_at: number | null;
  cancel_reason: string | null;
  created_by: string;
}

export const INCIDENT_COLUMNS = `i.id, i.number, i.type, i.priority, i.status, i.district, i.subdistrict, i.locality, i.landmark,
  i.lat, i.lon, i.description, i.trapped, i.injured, i.dead, i.received_at, i.status_at, i.dispatched_at, i.on_scene_at,
  i.cleared_at, i.closed_at, i.cancelled_at, i.cancel_reason, i.created_by`;

export interface CallRow {
  id: string;
  incident_id: string;
  received_at: number;
  source: CallSource;
  caller_name: string | null;
  caller_phone: string | null;
  description: string | null;
  trapped: number;
  injured: number;
  dead: number;
  operator_name: string | null;
}

export function toCallView(row: CallRow): CallView {
  return {
    id: row.id, incidentId: row.incident_id, receivedAt: row.received_at, source: row.source,
    callerName: row.caller_name, callerPhone: row.caller_phone, description: row.description,
    trapped: row.trapped, injured: row.injured, dead: row.dead, operatorName: row.operator_name ?? '',
  };
}

export interface TimelineRow {
  id: string;
  incident_id: string;
  at: number;
  kind: TimelineEntry['kind'];
  text: string | null;
  status: IncidentStatus | null;
  cancel_reason: string | null;
  operator_name: string | null;
  struck_reason: string | null;
  struck_at: number | null;
  struck_by_name: string | null;
}

export function toTimelineEntry(row: TimelineRow): TimelineEntry {
  return {
    id: row.id, incidentId: row.incident_id, at: row.at, kind: row.kind, text: row.text,
    status: row.status, cancelReason: row.cancel_reason, operatorName: row.operator_name ?? '',
    struck: row.struck_reason !== null
      ? { reason: row.struck_reason, at: row.struck_at ?? row.at, operatorName: row.struck_by_name ?? '' }
      : null,
  };
}

export function toIncidentDetail(
  row: IncidentRow & { created_by_name: string | null },
  calls: CallView[],
  timeline: TimelineEntry[],
  assignments: IncidentDetail['assignments'],
  responseTimes: IncidentDetail['responseTimes'],
): IncidentDetail {
  return {
    id: row.id, number: row.number, type: row.type, priority: row.priority, status: row.status,
    district: row.district, subdistrict: row.subdistrict, locality: row.locality, landmark: row.landmark,
    coordinates: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : null,
    description: row.description, trapped: row.trapped, injured: row.injured, dead: row.dead,
    receivedAt: row.received_at, dispatchedAt: row.dispatched_at, onSceneAt: row.on_scene_at,
    clearedAt: row.cleared_at, closedAt: row.closed_at, cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason, createdBy: row.created_by_name ?? '',
    calls, timeline, assignments, responseTimes,
  };
}
