// Editing an incident and moving it through its statuses. Closed and cancelled incidents
// are history: they no longer change.
import { newRowId } from '../oplog/rowId';
import type { IncidentChanges, SetStatusInput } from '../../../shared/api';
import { EDITABLE_FIELDS } from '../../../shared/records/incident';
import { canMoveTo, OPEN_STATUSES, STATUS_TIME_FIELD, type IncidentStatus } from '../../../shared/domain';
import { DomainError, fieldError } from '../base/errors';
import type { ServiceContext } from '../context';
import type { Values } from '../oplog/opLog';
import { checkLocation } from '../reference/districts';
import { releaseTeams } from '../dispatch/dispatch';
import type { WriteTx } from '../base/handles';

interface CurrentState {
  status: IncidentStatus;
  district: string;
  subdistrict: string | null;
}

async function openIncident(tx: WriteTx, id: string): Promise<CurrentState> {
  const row = await tx.get<CurrentState>('SELECT status, district, subdistrict FROM incidents WHERE id = ?', [id]);
  if (!row) throw new DomainError('error.incidentNotFound');
  if (!OPEN_STATUSES.includes(row.status)) throw new DomainError('error.incidentClosed');
  return row;
}

export async function updateIncident(ctx: ServiceContext, operatorId: string, id: string, changes: IncidentChanges): Promise<void> {
  await ctx.store.write(operatorId, async ({ tx, record }) => {
    const current = await openIncident(tx, id);
    const district = changes.district ?? current.district;
    const subdistrict = changes.subdistrict !== undefined ? changes.subdistrict : current.subdistrict;
    // A new district invalidates the old sub-district unless a matching one comes with it.
    checkLocation(district, subdistrict, 'changes');
    const set: Values<'incident'> = {};
    // Every editable field of the description, so none is dropped on the way (test: incidentRecord).
    for (const key of EDITABLE_FIELDS) {
      const value = changes[key];
      if (value !== undefined) set[key] = typeof value === 'string' && value.trim() === '' ? null : value;
    }
    if (Object.keys(set).length > 0) await record([{ entity: 'incident', rowId: id, set }]);
  });
}

export async function setStatus(ctx: ServiceContext, operatorId: string, input: SetStatusInput): Promise<void> {
  const now = ctx.now();
  await ctx.store.write(operatorId, async ({ tx, record }) => {
    const current = await openIncident(tx, input.id);
    if (!canMoveTo(current.status, input.status)) {
      throw new DomainError('error.statusTransition', { from: current.status, to: input.status });
    }
    if (input.status === 'cancelled' && !input.cancelReason) throw fieldError('cancelReason', 'error.cancelReasonRequired');
    // "Dispatched" is reached by sending a team; by hand only when the record says who went instead.
    if (input.status === 'dispatched' && !(input.withoutTeam && input.note?.trim())) throw fieldError('note', 'keys.withoutTeamRequired');
    const set: Values<'incident'> = { status: input.status, statusAt: now, [STATUS_TIME_FIELD[input.status]]: now };
    if (input.status === 'cancelled') set.cancelReason = input.cancelReason ?? null;
    // The status entry of the timeline is read from the incident and the operation log; a
    // note given with the move is kept as an ordinary note beside it.
    // Clearing, closing or cancelling by hand releases every team still committed here.
    if (input.status === 'cleared' || input.status === 'cancelled') {
      await releaseTeams({ tx, record }, input.id, input.status, now);
    }
    const note = input.note?.trim();
    await record([
      { entity: 'incident', rowId: input.id, set },
      ...(note
        ? [{ entity: 'timeline' as const, rowId: newRowId(), create: { incidentId: input.id, at: now, kind: 'note', text: note, operator: operatorId } }]
        : []),
    ]);
  });
}
