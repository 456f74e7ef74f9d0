// Suggesting and sending teams, and their steps to the scene and back.
// Each channel's handler and what it changes; its input, output and role: shared/api/dispatch.ts.
import { defineChannels } from '../api/channel';
import { incidentDetail } from '../incidents/queries';
import { TEAM_WORLD } from '../teams/channels';
import { advanceAssignment, dispatchTeams, suggestTeams } from './dispatch';

export const dispatchChannels = defineChannels({
  'dispatch.suggest': {
    handler: (ctx, input) => suggestTeams(ctx.store.reader, input.incidentId),
  },
  'dispatch.send': {
    changes: TEAM_WORLD,
    handler: async (ctx, input) => {
      await dispatchTeams(ctx, ctx.operatorId, input);
      return incidentDetail(ctx.store.reader, input.incidentId);
    },
  },
  'dispatch.advance': {
    changes: TEAM_WORLD,
    handler: async (ctx, input) => {
      const now = ctx.now();
      const incidentId = await ctx.store.write(ctx.operatorId, async (writer) => {
        await advanceAssignment(writer, input.assignmentId, input.step, now);
        return (await writer.tx.get<{ incident_id: string }>('SELECT incident_id FROM assignments WHERE id = ?', [input.assignmentId]))!.incident_id;
      });
      return incidentDetail(ctx.store.reader, incidentId);
    },
  },
});
