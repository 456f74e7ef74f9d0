// Centres, teams, volunteers and the team board.
// Each channel's handler and what it changes; its input, output and role: shared/api/teams.ts.
import { defineChannels } from '../api/channel';
import { setTeamStatus } from '../dispatch/dispatch';
import { teamBoard, teamConflicts } from './board';
import { listCentres, listVolunteers, saveCentre, saveTeam, saveVolunteer } from './teams';

/** What a team's shown status depends on: a change to any of them redraws the board. */
export const TEAM_WORLD = ['team', 'assignment', 'incident', 'rosterEntry', 'volunteer'] as const;

export const teamsChannels = defineChannels({
  'teams.centres': {
    handler: (ctx) => listCentres(ctx.store.reader),
  },
  'teams.saveCentre': {
    changes: ['centre'],
    handler: async (ctx, input) => ({ id: await saveCentre(ctx, ctx.operatorId, input) }),
  },
  'teams.board': {
    handler: (ctx, input) => teamBoard(ctx.store.reader, input),
  },
  'teams.save': {
    changes: ['team'],
    handler: async (ctx, input) => ({ id: await saveTeam(ctx, ctx.operatorId, input) }),
  },
  'teams.setStatus': {
    changes: TEAM_WORLD,
    handler: async (ctx, input) => {
      await setTeamStatus(ctx, ctx.operatorId, input.teamId, input.status);
      return { ok: true as const };
    },
  },
  'teams.conflicts': {
    handler: (ctx) => teamConflicts(ctx.store.reader),
  },
  'teams.volunteers': {
    handler: (ctx, input) => listVolunteers(ctx.store.reader, input.centreId),
  },
  'teams.saveVolunteer': {
    changes: ['volunteer'],
    handler: async (ctx, input) => ({ id: await saveVolunteer(ctx, ctx.operatorId, input) }),
  },
});
