// Contract of dispatch: suggesting teams, sending them, and their steps to the scene and back.
import { z } from 'zod';
import { ASSIGNMENT_STEPS } from '../domain';
import { channel } from './channel';
import { id } from './common';
import { incidentDetail } from './incidents';
import { teamKind } from './teams';

export const dispatchInput = z.object({
  incidentId: id,
  teamIds: z.array(id).min(1, { error: 'validation.chooseTeam' }).max(20),
  /** The operator confirmed sending teams already committed elsewhere. */
  confirmReassign: z.boolean().optional(),
}).strict();
export const advanceAssignmentInput = z.object({ assignmentId: id, step: z.enum(ASSIGNMENT_STEPS) }).strict();

export const dispatchSuggestion = z.object({
  teamId: id, callSign: z.string(), kind: teamKind, centreName: z.string(), crewCount: z.number(),
  fitsType: z.boolean(), coversDistrict: z.boolean(),
});

export type DispatchSuggestion = z.output<typeof dispatchSuggestion>;

export const dispatchChannels = {
  'dispatch.suggest': channel(z.object({ incidentId: id }).strict(), z.array(dispatchSuggestion), 'operator', ['team', 'assignment', 'incident', 'rosterEntry', 'volunteer', 'centre']),
  'dispatch.send': channel(dispatchInput, incidentDetail, 'operator'),
  'dispatch.advance': channel(advanceAssignmentInput, incidentDetail, 'operator'),
} as const;
