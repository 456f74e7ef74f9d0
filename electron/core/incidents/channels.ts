// Logging a call, the queues, an incident and its edits.
// Each channel's handler and what it changes; its input, output and role: shared/api/incidents.ts.
import { DUPLICATE_RADIUS_M, DUPLICATE_WINDOW_MS } from '../../../shared/domain';
import { defineChannels } from '../api/channel';
import { setStatus, updateIncident } from './incidentChanges';
import { logCall } from './intake';
import { findDuplicates, incidentDetail, queue } from './queries';

export const incidentsChannels = defineChannels({
  'incidents.findDuplicates': {
    handler: (ctx, input) => findDuplicates(ctx.store.reader, input, DUPLICATE_WINDOW_MS, DUPLICATE_RADIUS_M),
  },
  'incidents.log': {
    changes: ['incident', 'call', 'timeline'],
    handler: (ctx, input) => logCall(ctx, ctx.operatorId, input),
  },
  'incidents.queue': {
    handler: (ctx, input) => queue(ctx.store.reader, input, ctx.store.untilChanged),
  },
  'incidents.get': {
    handler: (ctx, input) => incidentDetail(ctx.store.reader, input.id),
  },
  'incidents.update': {
    changes: ['incident'],
    handler: async (ctx, input) => {
      await updateIncident(ctx, ctx.operatorId, input.id, input.changes);
      return incidentDetail(ctx.store.reader, input.id);
    },
  },
  'incidents.setStatus': {
    changes: ['incident', 'timeline', 'assignment', 'team'],
    handler: async (ctx, input) => {
      await setStatus(ctx, ctx.operatorId, input);
      return incidentDetail(ctx.store.reader, input.id);
    },
  },
});
