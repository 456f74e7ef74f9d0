// Writing incidents that already happened, whole: the seeder, the demo data and the CSV
// import of historical call logs all come through here, as ordinary operations.
import { newRowId } from '../oplog/rowId';
import { type CallSource, type IncidentStatus } from '../../../shared/domain';
import type { CoreField, IncidentField, IncidentValue, NullableField } from '../../../shared/records/incident';
import type { Writer } from '../db/store';
import type { Change, Values } from '../oplog/opLog';
import { nextIncidentNumber } from './numbering';

export interface HistoricalCall {
  receivedAt: number;
  source: CallSource;
  callerName: string | null;
  callerPhone: string | null;
  description: string | null;
  trapped: number;
  injured: number;
  dead: number;
}

export interface HistoricalAssignment {
  teamId: string;
  dispatchedAt: number;
  enRouteAt: number | null;
  onSceneAt: number | null;
  clearedAt: number | null;
  endedReason: string | null;
}

/**
 * An incident that already happened, as the seeder and the import give it: its fields as the
 * description lists them (shared/records/incident.ts), a field that may be null left out or
 * null, status and number set here.
 */
export type HistoricalIncident =
  & { [F in Exclude<IncidentField, NullableField | HistoricalCoreField>]: IncidentValue<F> }
  & { [F in Exclude<NullableField, HistoricalCoreField>]?: IncidentValue<F> }
  & { calls: readonly HistoricalCall[]; assignments?: readonly HistoricalAssignment[] };
/** What the core sets itself; the times a history gives stay (received, dispatched, …). */
type HistoricalCoreField = Exclude<CoreField, 'receivedAt' | 'dispatchedAt' | 'onSceneAt' | 'clearedAt' | 'closedAt' | 'cancelledAt' | 'cancelReason'>;

/** The status an incident's timestamps say it has reached. */
export function statusFromTimes(i: Pick<HistoricalIncident, 'dispatchedAt' | 'onSceneAt' | 'clearedAt' | 'closedAt' | 'cancelledAt'>): IncidentStatus {
  if (i.cancelledAt != null) return 'cancelled';
  if (i.closedAt != null) return 'closed';
  if (i.clearedAt != null) return 'cleared';
  if (i.onSceneAt != null) return 'on_scene';
  if (i.dispatchedAt != null) return 'dispatched';
  return 'received';
}

export async function importIncidents(
  writer: Writer,
  operatorId: string,
  numbering: { post: { code: string; timeZone: string }; letter: string },
  incidents: readonly HistoricalIncident[],
): Promise<string[]> {
  const ids: string[] = [];
  const changes: Change[] = [];
  for (const incident of incidents) {
    const id = newRowId();
    ids.push(id);
    const status = statusFromTimes(incident);
    const times: Record<IncidentStatus, number | null> = {
      received: incident.receivedAt, dispatched: incident.dispatchedAt ?? null, on_scene: incident.onSceneAt ?? null,
      cleared: incident.clearedAt ?? null, closed: incident.closedAt ?? null, cancelled: incident.cancelledAt ?? null,
    };
    const number = await nextIncidentNumber(writer.tx, numbering.post, numbering.letter, incident.receivedAt);
    const { calls: _calls, assignments: _assignments, ...fields } = incident;
    const create: Values<'incident'> = {
      ...fields, number, status, statusAt: times[status] ?? incident.receivedAt, createdBy: operatorId,
    };
    changes.push({ entity: 'incident', rowId: id, create });
    for (const call of incident.calls) {
      changes.push({ entity: 'call', rowId: newRowId(), create: { ...call, incidentId: id, operator: operatorId } });
    }
    for (const assignment of incident.assignments ?? []) {
      changes.push({ entity: 'assignment', rowId: newRowId(), create: { ...assignment, incidentId: id, operator: operatorId } });
    }
  }
  await writer.record(changes);
  return ids;
}

/** Later calls about an incident already stored (a repeat call in a grown export); returns their ids. */
export async function importCalls(writer: Writer, operatorId: string, incidentId: string, calls: readonly HistoricalCall[]): Promise<string[]> {
  const changes: Change[] = calls.map((call) => ({ entity: 'call', rowId: newRowId(), create: { ...call, incidentId, operator: operatorId } }));
  await writer.record(changes);
  return changes.map((c) => c.rowId);
}
