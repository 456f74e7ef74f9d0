// Contract of the teams feature: centres, teams, volunteers and the team board.
import { z } from 'zod';
import { TEAM_KINDS, TEAM_STATUSES, TEXT_LIMITS, VOLUNTEER_ROLES } from '../domain';
import { channel, empty, ok, savedId } from './channel';
import { id, optionalText, regionCode, requiredText } from './common';

export const teamKind = z.enum(TEAM_KINDS, { error: 'validation.chooseOne' });
export const teamStatus = z.enum(TEAM_STATUSES, { error: 'validation.chooseOne' });
export const volunteerRole = z.enum(VOLUNTEER_ROLES, { error: 'validation.chooseOne' });
export const phone = z.string().max(40).regex(/^[0-9+()\-\s٠-٩۰-۹]*$/, { error: 'validation.phone' });

export const saveCentreInput = z.object({
  id: id.optional(),
  name: requiredText(TEXT_LIMITS.short),
  district: regionCode,
  covers: z.array(regionCode).max(50),
}).strict();

export const saveTeamInput = z.object({
  id: id.optional(),
  callSign: requiredText(60),
  kind: teamKind,
  centreId: id,
  vehicle: optionalText(TEXT_LIMITS.short),
  radioChannel: optionalText(40),
}).strict();

export const saveVolunteerInput = z.object({
  id: id.optional(),
  name: requiredText(TEXT_LIMITS.short),
  role: volunteerRole,
  phone: phone.optional(),
  centreId: id,
  qualifications: optionalText(TEXT_LIMITS.medium),
}).strict();

export const boardQuery = z.object({ centreId: id.optional(), kind: teamKind.optional() }).strict();
export const setTeamStatusInput = z.object({ teamId: id, status: teamStatus }).strict();

export const centreView = z.object({ id, name: z.string(), district: z.string(), covers: z.array(z.string()) });
export const crewMember = z.object({ volunteerId: id, entryId: id, name: z.string(), role: volunteerRole, checkInAt: z.number() });
export const teamView = z.object({
  id, callSign: z.string(), kind: teamKind, centreId: id, centreName: z.string(),
  vehicle: z.string().nullable(), radioChannel: z.string().nullable(),
  /** Shown status: a team with nobody checked in is off duty whatever was last set. */
  status: teamStatus, statusAt: z.number(),
  incident: z.object({ id, number: z.string(), assignmentId: id }).nullable(),
  crew: z.array(crewMember),
  /** Committed to more than one incident at once: only offline consoles can cause it. */
  conflict: z.boolean(),
});
export const volunteerView = z.object({
  id, name: z.string(), role: volunteerRole, phone: z.string().nullable(), centreId: id,
  qualifications: z.string().nullable(), onDuty: z.object({ entryId: id, teamId: id, checkInAt: z.number() }).nullable(),
});

export const teamConflict = z.object({
  teamId: id, callSign: z.string(),
  incidents: z.array(z.object({ id, number: z.string(), assignmentId: id, dispatchedAt: z.number() })),
});

export type CentreView = z.output<typeof centreView>;
export type TeamView = z.output<typeof teamView>;
export type VolunteerView = z.output<typeof volunteerView>;
export type TeamConflict = z.output<typeof teamConflict>;

export const teamsChannels = {
  'teams.centres': channel(empty, z.array(centreView), 'operator', ['centre']),
  'teams.saveCentre': channel(saveCentreInput, savedId, 'supervisor'),
  'teams.board': channel(boardQuery, z.array(teamView), 'operator', ['team', 'assignment', 'incident', 'rosterEntry', 'volunteer', 'centre']),
  'teams.save': channel(saveTeamInput, savedId, 'supervisor'),
  'teams.setStatus': channel(setTeamStatusInput, ok, 'operator'),
  'teams.conflicts': channel(empty, z.array(teamConflict), 'operator', ['team', 'assignment', 'incident', 'rosterEntry', 'volunteer']),
  'teams.volunteers': channel(z.object({ centreId: id.optional() }).strict(), z.array(volunteerView), 'operator', ['volunteer', 'centre', 'rosterEntry']),
  'teams.saveVolunteer': channel(saveVolunteerInput, savedId, 'supervisor'),
} as const;
