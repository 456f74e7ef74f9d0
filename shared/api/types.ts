import type { z } from 'zod';
import type * as s from './schemas';

export type OperatorView = z.output<typeof s.operatorView>;
export type District = z.output<typeof s.district>;
export type QueueRow = z.output<typeof s.queueRow>;
export type QueueResult = z.output<typeof s.queueResult>;
export type DuplicateCandidate = z.output<typeof s.duplicateCandidate>;
export type CallView = z.output<typeof s.callView>;
export type TimelineEntry = z.output<typeof s.timelineEntry>;
export type IncidentDetail = z.output<typeof s.incidentDetail>;
export type SetupStatus = z.output<typeof s.setupStatus>;
export type LogCallInput = z.output<typeof s.logCallInput>;
export type IncidentChanges = z.output<typeof s.incidentChanges>;
export type SetStatusInput = z.output<typeof s.setStatusInput>;
export type SetupInput = z.output<typeof s.setupInput>;
export type PostSettings = z.output<typeof s.postSettings>;
export type Coordinates = z.output<typeof s.coordinates>;
