// Logging a call: it opens a new incident, or is attached to an open one that it reports again.
import { newRowId } from '../oplog/rowId';
import type { LogCallInput } from '../../../shared/api';
import { OPEN_STATUSES, type IncidentStatus } from '../../../shared/domain';
import { DomainError } from '../base/errors';
import type { ServiceContext } from '../context';
import { checkLocation } from '../reference/districts';
import { requirePost } from '../setup/setup';
import { nextIncidentNumber } from './numbering';

export interface LogCallResult {
  incidentId: string;
  callId: string;
  number: string;
  attached: boolean;
}

const blankToNull = (s: string | undefined): string | null => (s && s.trim() ? s.trim() : null);

export async function logCall(ctx: ServiceContext, operatorId: string, input: LogCallInput): Promise<LogCallResult> {
  const settings = requirePost(ctx.settings);
  checkLocation(input.location.district, input.location.subdistrict);
  return ctx.store.write(operatorId, async ({ tx, record }) => {
    const callId = newRowId();
    const call = {
      receivedAt: input.receivedAt, source: input.source,
      callerName: blankToNull(input.callerName), callerPhone: blankToNull(input.callerPhone),
      description: blankToNull(input.description),
      trapped: input.reported.trapped, injured: input.reported.injured, dead: input.reported.dead,
      operator: operatorId,
    };

    if (input.attachToIncidentId) {
      const incidentId = input.attachToIncidentId;
      const target = await tx.get<{ number: string; status: IncidentStatus }>('SELECT number, status FROM incidents WHERE id = ?', [incidentId]);
      if (!target) throw new DomainError('error.incidentNotFound');
      if (!OPEN_STATUSES.includes(target.status)) throw new DomainError('error.attachToClosed');
      await record([{ entity: 'call', rowId: callId, create: { ...call, incidentId } }]);
      return { incidentId, callId, number: target.number, attached: true };
    }

    const incidentId = newRowId();
    const number = await nextIncidentNumber(tx, settings.post, settings.consoleLetter, input.receivedAt);
    const { location } = input;
    await record([
      {
        entity: 'incident', rowId: incidentId,
        create: {
          number, type: input.type, priority: input.priority, status: 'received',
          district: location.district, subdistrict: location.subdistrict ?? null,
          locality: blankToNull(location.locality), landmark: blankToNull(location.landmark),
          lat: location.coordinates?.lat ?? null, lon: location.coordinates?.lon ?? null,
          description: call.description,
          trapped: call.trapped, injured: call.injured, dead: call.dead,
          receivedAt: input.receivedAt, statusAt: input.receivedAt,
          dispatchedAt: null, onSceneAt: null, clearedAt: null, closedAt: null, cancelledAt: null, cancelReason: null,
          createdBy: operatorId,
        },
      },
      { entity: 'call', rowId: callId, create: { ...call, incidentId } },
    ]);
    return { incidentId, callId, number, attached: false };
  });
}
