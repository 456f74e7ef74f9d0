// Notes on an incident's timeline: added, or struck through with a reason.
// Each channel's handler and what it changes; its input, output and role: shared/api/timeline.ts.
import { defineChannels } from '../api/channel';
import { incidentDetail } from '../incidents/queries';
import { addNote, strikeNote } from './notes';

export const timelineChannels = defineChannels({
  'timeline.addNote': {
    changes: ['timeline'],
    handler: async (ctx, input) => {
      await addNote(ctx, ctx.operatorId, input.incidentId, input.text);
      return incidentDetail(ctx.store.reader, input.incidentId);
    },
  },
  'timeline.strike': {
    changes: ['timeline'],
    handler: async (ctx, input) => {
      const incidentId = await strikeNote(ctx, ctx.operatorId, input.entryId, input.reason);
      return incidentDetail(ctx.store.reader, incidentId);
    },
  },
});
