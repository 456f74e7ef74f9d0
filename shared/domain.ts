// The domain's words (docs/domain.md) as data: both sides and the database use these.

export const CALL_SOURCES = ['phone', 'radio', 'messaging', 'walk_in', 'field_team'] as const;
export type CallSource = (typeof CALL_SOURCES)[number];

export const INCIDENT_TYPES = [
  'building_collapse',
  'explosion',
  'armed_violence',
  'fire',
  'road_accident',
  'medical',
  'sea_rescue',
  'flood',
  'uxo',
  'body_recovery',
  'evacuation',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const PRIORITIES = [1, 2, 3] as const;
export type Priority = (typeof PRIORITIES)[number];

export const INCIDENT_STATUSES = ['received', 'dispatched', 'on_scene', 'cleared', 'closed', 'cancelled'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const OPEN_STATUSES: readonly IncidentStatus[] = ['received', 'dispatched', 'on_scene', 'cleared'];

/** Forward moves of the status machine; `cancelled` is allowed from any open state. */
export const NEXT_STATUS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  received: ['dispatched', 'cancelled'],
  dispatched: ['on_scene', 'cancelled'],
  on_scene: ['cleared', 'cancelled'],
  cleared: ['closed', 'cancelled'],
  closed: [],
  cancelled: [],
};

export function canMoveTo(from: IncidentStatus, to: IncidentStatus): boolean {
  return NEXT_STATUS[from].includes(to);
}

/** The incident column that stamps the moment it entered each status. */
export const STATUS_TIME_FIELD = {
  received: 'receivedAt',
  dispatched: 'dispatchedAt',
  on_scene: 'onSceneAt',
  cleared: 'clearedAt',
  closed: 'closedAt',
  cancelled: 'cancelledAt',
} as const satisfies Record<IncidentStatus, string>;

export const CANCEL_REASONS = ['false_alarm', 'duplicate', 'handled_by_others', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** The three call queues on the main screen. */
export const QUEUES = ['waiting', 'active', 'closure'] as const;
export type QueueName = (typeof QUEUES)[number];
export const QUEUE_STATUSES: Readonly<Record<QueueName, readonly IncidentStatus[]>> = {
  waiting: ['received'],
  active: ['dispatched', 'on_scene'],
  closure: ['cleared'],
};

export const TEAM_KINDS = ['search_rescue', 'ambulance', 'fire', 'diving', 'uxo', 'womens'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export const TEAM_STATUSES = ['available', 'dispatched', 'en_route', 'on_scene', 'returning', 'out_of_service', 'off_duty'] as const;
export type TeamStatus = (typeof TEAM_STATUSES)[number];

export const VOLUNTEER_ROLES = ['team_leader', 'rescuer', 'paramedic', 'driver', 'diver'] as const;
export type VolunteerRole = (typeof VOLUNTEER_ROLES)[number];

export const OPERATOR_ROLES = ['operator', 'supervisor', 'administrator'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export const LANGUAGES = ['ar', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** How the Arabic interface writes numbers: Western (0–9) or Arabic-Indic (٠–٩). A post's
 * choice, so every console, the wall display and the printed summary read alike. */
export const DIGIT_STYLES = ['latn', 'arab'] as const;
export type DigitStyle = (typeof DIGIT_STYLES)[number];

/** Duplicate detection window and radius (issue 2: "last 3 hours", "within 500 m"). */
export const DUPLICATE_WINDOW_MS = 3 * 60 * 60 * 1000;
export const DUPLICATE_RADIUS_M = 500;

/** Limits on free text: generous for a radio log, small enough that nobody pastes a file. */
export const TEXT_LIMITS = { short: 120, medium: 300, long: 4000 } as const;
export const MAX_CASUALTY_COUNT = 10000;

/** Team kinds that fit each incident type, best first: what dispatch suggests. */
export const KINDS_FOR_TYPE: Readonly<Record<IncidentType, readonly TeamKind[]>> = {
  building_collapse: ['search_rescue', 'ambulance', 'fire', 'womens'],
  explosion: ['search_rescue', 'ambulance', 'fire', 'womens'],
  armed_violence: ['ambulance', 'search_rescue', 'womens'],
  fire: ['fire', 'ambulance', 'search_rescue'],
  road_accident: ['ambulance', 'search_rescue', 'fire'],
  medical: ['ambulance', 'womens'],
  sea_rescue: ['diving', 'ambulance'],
  flood: ['search_rescue', 'diving', 'ambulance'],
  uxo: ['uxo'],
  body_recovery: ['search_rescue', 'diving'],
  evacuation: ['search_rescue', 'ambulance', 'womens'],
  other: ['search_rescue', 'ambulance', 'fire', 'womens'],
};

/** A team with one of these statuses is committed to an incident. */
export const COMMITTED_TEAM_STATUSES: readonly TeamStatus[] = ['dispatched', 'en_route', 'on_scene'];
/** Ready to be sent: offered for dispatch (the core's suggestions) and counted ready on the wall. A
 * returning team has cleared its incident and can be turned round on the way back. */
export const READY_TEAM_STATUSES: readonly TeamStatus[] = ['available', 'returning'];

/** The steps of an assignment after dispatch, in order. */
export const ASSIGNMENT_STEPS = ['en_route', 'on_scene', 'cleared'] as const;
export type AssignmentStep = (typeof ASSIGNMENT_STEPS)[number];
