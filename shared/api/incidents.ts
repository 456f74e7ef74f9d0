// Contract of the incidents feature: logging a call (intake), the queues, an incident and its edits.
import { z } from 'zod';
import { CANCEL_REASONS, QUEUES, TEXT_LIMITS } from '../domain';
import { channel } from './channel';
import { callSource, casualties, coordinatePair, coordinates, id, incidentStatus, incidentType, location, optionalText, priority, regionCode, timestamp } from './common';
import {
  bothOrNeither, EDITABLE_FIELDS, INTAKE_FIELDS, intakeFields, pickFields, QUEUE_FIELDS, storedFields,
} from '../records/incident';
import { teamKind } from './teams';

/** What intake sends: the call, and the incident it opens (ignored when attaching). */
export const logCallInput = z.object({
  receivedAt: timestamp,
  source: callSource,
  callerName: optionalText(TEXT_LIMITS.short),
  callerPhone: z.string().max(40).regex(/^[0-9+()\-\s٠-٩۰-۹]*$/, { error: 'validation.phone' }).optional(),
  ...intakeFields(INTAKE_FIELDS),
  location,
  description: optionalText(TEXT_LIMITS.long),
  reported: casualties,
  /** Attach the call to this open incident instead of opening a new one. */
  attachToIncidentId: id.optional(),
}).strict();

export const duplicateQuery = z.object({
  receivedAt: timestamp,
  district: regionCode,
  locality: optionalText(TEXT_LIMITS.short),
  coordinates: coordinates.optional(),
}).strict();

/** Rows a queue returns when no limit is asked for; the queue screen asks page by page. */
export const QUEUE_PAGE = 100;
export const queueQuery = z.object({
  queue: z.enum(QUEUES),
  district: regionCode.optional(),
  type: incidentType.optional(),
  priority: priority.optional(),
  /** The first row wanted, counted from 0 in the queue's order. */
  offset: z.number().int().min(0).max(10_000_000).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
}).strict();

/** Fields an operator may edit after intake; status moves go through setStatus. */
export const incidentChanges = z.object(pickFields(EDITABLE_FIELDS)).partial().strict().refine(bothOrNeither, coordinatePair);

export const updateIncidentInput = z.object({ id, changes: incidentChanges }).strict();

export const setStatusInput = z.object({
  id,
  status: incidentStatus,
  cancelReason: z.enum(CANCEL_REASONS, { error: 'validation.chooseOne' }).optional(),
  note: optionalText(TEXT_LIMITS.medium),
  /** "Dispatched" by hand: someone not on the post's team list was sent; the note says who. */
  withoutTeam: z.literal(true).optional(),
}).strict();

export const queueRow = z.object({ id, ...pickFields(QUEUE_FIELDS, storedFields), callCount: z.number() });

export const queueResult = z.object({
  /** Rows offset … offset + rows.length − 1 of the queue. */
  rows: z.array(queueRow),
  offset: z.number(),
  /** Rows in this queue under its filters (the length of the whole list). */
  total: z.number(),
  counts: z.object({ waiting: z.number(), active: z.number(), closure: z.number() }),
});

export const duplicateCandidate = z.object({
  id, number: z.string(), type: incidentType, priority, status: incidentStatus,
  district: z.string(), locality: z.string().nullable(), landmark: z.string().nullable(),
  receivedAt: z.number(), distanceM: z.number().nullable(), callCount: z.number(),
});

export const callView = z.object({
  id, incidentId: id, receivedAt: z.number(), source: callSource,
  callerName: z.string().nullable(), callerPhone: z.string().nullable(), description: z.string().nullable(),
  trapped: z.number(), injured: z.number(), dead: z.number(), operatorName: z.string(),
});

/** Status and call entries are derived (their id names their source); notes have their own id. */
export const timelineEntry = z.object({
  id: z.string(), incidentId: id, at: z.number(),
  kind: z.enum(['note', 'status', 'call', 'edit', 'assignment']),
  text: z.string().nullable(),
  /** For status entries: the status entered and, for cancellation, the reason. */
  status: incidentStatus.nullable(),
  cancelReason: z.string().nullable(),
  operatorName: z.string(),
  struck: z.object({ reason: z.string(), at: z.number(), operatorName: z.string() }).nullable(),
  /** For assignment entries: the team, the step it reached, and for a reassignment the other incident. */
  assignment: z.object({
    callSign: z.string(),
    step: z.enum(['dispatched', 'en_route', 'on_scene', 'cleared', 'reassigned', 'cancelled']),
    otherIncident: z.string().nullable(),
  }).nullable().optional(),
});

export const logCallResult = z.object({ incidentId: id, callId: id, number: z.string(), attached: z.boolean() });

export const assignmentView = z.object({
  id, teamId: id, callSign: z.string(), kind: teamKind,
  dispatchedAt: z.number(), enRouteAt: z.number().nullable(), onSceneAt: z.number().nullable(), clearedAt: z.number().nullable(),
  endedReason: z.string().nullable(),
  /** Seconds: dispatch → on scene, on scene → cleared; null until both ends exist. */
  toSceneSec: z.number().nullable(), onSceneSec: z.number().nullable(),
});
export const responseTimes = z.object({
  callToDispatchSec: z.number().nullable(), dispatchToSceneSec: z.number().nullable(), sceneToClearedSec: z.number().nullable(),
});

export const incidentDetail = z.object({
  id, ...storedFields,
  /** The name of the operator who opened it (the row keeps their id). */
  createdBy: z.string(),
  calls: z.array(callView),
  timeline: z.array(timelineEntry),
  assignments: z.array(assignmentView),
  responseTimes,
});


export type QueueRow = z.output<typeof queueRow>;
export type QueueResult = z.output<typeof queueResult>;
export type DuplicateCandidate = z.output<typeof duplicateCandidate>;
export type CallView = z.output<typeof callView>;
export type TimelineEntry = z.output<typeof timelineEntry>;
export type IncidentDetail = z.output<typeof incidentDetail>;
export type LogCallInput = z.output<typeof logCallInput>;
export type IncidentChanges = z.output<typeof incidentChanges>;
export type SetStatusInput = z.output<typeof setStatusInput>;
export type AssignmentView = z.output<typeof assignmentView>;
export type ResponseTimes = z.output<typeof responseTimes>;

export const incidentsChannels = {
  'incidents.findDuplicates': channel(duplicateQuery, z.array(duplicateCandidate), 'operator', ['incident', 'call', 'operator']),
  'incidents.log': channel(logCallInput, logCallResult, 'operator'),
  'incidents.queue': channel(queueQuery, queueResult, 'operator', ['incident', 'call', 'operator']),
  'incidents.get': channel(z.object({ id }).strict(), incidentDetail, 'operator', ['incident', 'call', 'timeline', 'assignment', 'team', 'operator']),
  'incidents.update': channel(updateIncidentInput, incidentDetail, 'operator'),
  /** Closing or cancelling needs a supervisor (requiredRole, roles.ts). */
  'incidents.setStatus': channel(setStatusInput, incidentDetail, 'operator'),
} as const;
