// Logging a call: it opens a new incident, or is attached to an open one that it reports again.
import type { z } from 'zod';
import { newRowId } from '../oplog/rowId';
import type { LogCallInput } from '../../../shared/api';
import type { logCallResult } from '../../../shared/api/schemas';
import { OPEN_STATUSES, type IncidentStatus } from '../../../shared/domain';
import { DomainError } from '../base/errors';
import type { ServiceContext } from '../context';
import { checkLocation } from '../reference/districts';
import { requirePost } from '../setup/setup';
import { nextIncidentNumber } from './numbering';
import { INTAKE_FIELDS, PLACE_FIELDS, type IncidentField } from '../../../shared/records/incident';
import type { Values } from '../oplog/opLog';

export type LogCallResult = z.output<typeof logCallResult>;

const blankToNull = (s: string | undefined): string | null => (s && s.trim() ? s.trim() : null);

/** The incident's fields the operator gives, as its description lists them: text trimmed, blank or absent as null. */
function given<F extends IncidentField>(fields: readonly F[], from: Partial<Record<F, string | number>>): Values<'incident'> {
  const values: Values<'incident'> = {};
  for (const field of fields) {
    const value = from[field];
    values[field] = typeof value === 'string' ? blankToNull(value) : value ?? null;
  }
  return values;
}

export async function logCall(ctx: ServiceContext, operatorId: string, input: LogCallInput): Promise<LogCallResult> {
  const settings = requirePost(ctx.settings);
  checkLocation(input.location.district, input.location.subdistrict);
  // Described once in shared/records/incident.ts: what intake gives, at the top and under `location`.
  const intake = { ...given(INTAKE_FIELDS, input), ...given(PLACE_FIELDS, input.location) };
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
    await record([
      {
        entity: 'incident', rowId: incidentId,
        create: {
          number, status: 'received', ...intake,
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
