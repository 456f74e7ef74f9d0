// The shift roster: checking volunteers in and out, and attendance.
// Each channel's handler and what it changes; its input, output and role: shared/api/roster.ts.
import { defineChannels } from '../api/channel';
import { TEAM_WORLD } from '../teams/channels';
import { attendance, checkIn, checkOut, copyPreviousRoster, rosterFor, shiftFor, walkUp } from './roster';

export const rosterChannels = defineChannels({
  'roster.current': {
    handler: (ctx, input) => rosterFor(ctx.store.reader, shiftFor(ctx, input.at ?? ctx.now())),
  },
  'roster.checkIn': {
    changes: TEAM_WORLD,
    handler: async (ctx, input) => ({ entryId: await checkIn(ctx, ctx.operatorId, input.volunteerId, input.teamId) }),
  },
  'roster.checkOut': {
    changes: TEAM_WORLD,
    handler: async (ctx, input) => {
      await checkOut(ctx, ctx.operatorId, input.entryId);
      return { ok: true as const };
    },
  },
  'roster.walkUp': {
    changes: TEAM_WORLD,
    handler: async (ctx, input) => ({ volunteerId: await walkUp(ctx, ctx.operatorId, input) }),
  },
  'roster.copyPrevious': {
    changes: TEAM_WORLD,
    handler: async (ctx) => ({ count: await copyPreviousRoster(ctx, ctx.operatorId) }),
  },
  'roster.attendance': {
    handler: (ctx, input) => attendance(ctx, input),
  },
});
