// An incident's timeline, assembled: its status moves (times from the incident, who moved
// it from the operation log), the calls that reported it again, and its notes. Only notes
// are stored as timeline rows; the rest would repeat what the incident and the log hold.
import type { CallView, TimelineEntry } from '../../../shared/api';
import type { IncidentStatus } from '../../../shared/domain';
import type { IncidentRow } from '../incidents/incidentRows';

const STATUS_COLUMN: Record<IncidentStatus, keyof IncidentRow> = {
  received: 'received_at', dispatched: 'dispatched_at', on_scene: 'on_scene_at',
  cleared: 'cleared_at', closed: 'closed_at', cancelled: 'cancelled_at',
};

export interface StatusOperation {
  field: string;
  value: string;
  operator_name: string | null;
}

/** Kinds at the same instant: the move first, then the call, then what was written about it. */
const KIND_ORDER: Record<TimelineEntry['kind'], number> = { status: 0, assignment: 1, call: 2, edit: 3, note: 4 };

export function assembleTimeline(
  incident: IncidentRow,
  creatorName: string,
  statusOperations: readonly StatusOperation[],
  calls: readonly CallView[],
  notes: readonly TimelineEntry[],
): TimelineEntry[] {
  const movedBy = new Map<string, string>();
  for (const op of statusOperations) {
    if (op.field === 'status') movedBy.set(JSON.parse(op.value) as string, op.operator_name ?? '');
  }
  const entries: TimelineEntry[] = [];
  for (const [status, column] of Object.entries(STATUS_COLUMN) as [IncidentStatus, keyof IncidentRow][]) {
    const at = incident[column];
    if (typeof at !== 'number') continue;
    entries.push({
      id: `${incident.id}:${status}`, incidentId: incident.id, at, kind: 'status', text: null, status,
      cancelReason: status === 'cancelled' ? incident.cancel_reason : null,
      operatorName: movedBy.get(status) ?? creatorName, struck: null,
    });
  }
  // The first call opened the incident (its "received" entry); later ones reported it again.
  for (const call of calls.slice(1)) {
    entries.push({
      id: `${call.id}:call`, incidentId: incident.id, at: call.receivedAt, kind: 'call', text: call.description,
      status: null, cancelReason: null, operatorName: call.operatorName, struck: null,
    });
  }
  entries.push(...notes);
  return entries.sort((a, b) => a.at - b.at || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}
