// How incidents, calls and timeline entries come out of SQL and into the contract's shapes.
import type { CallView, IncidentDetail, TimelineEntry } from '../../../shared/api';
import type { CallSource, IncidentStatus } from '../../../shared/domain';
import { fieldsOfRow, INCIDENT_COLUMNS as ROW_COLUMNS, type IncidentRow } from '../../../shared/records/incident';

export type { IncidentRow } from '../../../shared/records/incident';

/** The incident's columns, as a query against `incidents i` selects them. */
export const INCIDENT_COLUMNS = ROW_COLUMNS.map((column) => `i.${column}`).join(', ');

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
    ...fieldsOfRow(row),
    id: row.id, createdBy: row.created_by_name ?? '',
    calls, timeline, assignments, responseTimes,
  };
}
