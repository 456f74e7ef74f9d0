// What the operation log may touch: each entity's table, its fields and their columns.
// An operation naming anything else is refused (locally) or quarantined (from sync).
import { DIGIT_STYLES, LANGUAGES } from '../../../shared/domain';
import { INCIDENT_COLUMN, MUTABLE_FIELDS, STATUS_FIELDS } from '../../../shared/records/incident';
import { normalizeForSearch } from '../../../shared/text/search';
import { canonicalPattern, shiftPatternProblem } from '../../../shared/time/shifts';

export type FieldValue = string | number | null;

export interface EntitySpec {
  table: string;
  /** field name (as in operations) → column */
  fields: Readonly<Record<string, string>>;
  /** Fields that may change after creation; the others are set once. */
  mutable: ReadonlySet<string>;
  /** Columns computed from a field, kept beside it for indexes and search. */
  derived?: Readonly<Record<string, (value: FieldValue) => Record<string, FieldValue>>>;
  /**
   * Rows that exist by their id alone, never created by an operation: every console of a post
   * writes the same row, so one console's create (all fields) would wipe what others had set.
   * Each field is its own last-writer-wins value; the row appears with its first field.
   */
  implicit?: boolean;
  /**
   * Fields that change together and merge as one (issue #21): a change to any of them writes
   * all of them, under one clock, so whichever change wins a merge wins for every field of it
   * (a status never keeps another change's stamps or reason).
   */
  groups?: readonly (readonly string[])[];
  /** Values a field may take, beyond being a scalar: for fields other code trusts as they are. */
  allowed?: Readonly<Record<string, (value: FieldValue) => boolean>>;
}

const oneOf = (list: readonly string[]) => (value: FieldValue) => typeof value === 'string' && list.includes(value);

/** A shift pattern as the post row keeps it, in its one form: sorted start times joined by commas, "08:00,20:00". */
export function isStoredPattern(value: FieldValue): boolean {
  if (typeof value !== 'string' || value.length > 40) return false;
  const starts = value.split(',');
  return shiftPatternProblem(starts) === null && canonicalPattern(starts).join(',') === value;
}

const localityKey = (value: FieldValue) => ({ locality_key: typeof value === 'string' ? normalizeForSearch(value) : null });
const nameKey = (value: FieldValue) => ({ name_key: typeof value === 'string' ? normalizeForSearch(value) : '' });

export const ENTITIES = {
  // Described once in shared/records/incident.ts.
  incident: {
    table: 'incidents',
    fields: INCIDENT_COLUMN,
    mutable: new Set<string>(MUTABLE_FIELDS),
    derived: { locality: localityKey },
    groups: [STATUS_FIELDS],
  },
  call: {
    table: 'calls',
    fields: {
      incidentId: 'incident_id', receivedAt: 'received_at', source: 'source', callerName: 'caller_name',
      callerPhone: 'caller_phone', description: 'description', trapped: 'trapped', injured: 'injured', dead: 'dead',
      operator: 'operator',
    },
    mutable: new Set<string>(),
  },
  timeline: {
    table: 'timeline_entries',
    fields: {
      incidentId: 'incident_id', at: 'at', kind: 'kind', text: 'text', status: 'status', cancelReason: 'cancel_reason',
      operator: 'operator', struckReason: 'struck_reason', struckAt: 'struck_at', struckBy: 'struck_by',
    },
    // Notes are append-only: the only change after writing is striking one through.
    mutable: new Set(['struckReason', 'struckAt', 'struckBy']),
  },
  operator: {
    table: 'operators',
    fields: { name: 'name', pinHash: 'pin_hash', role: 'role', language: 'language', disabled: 'disabled', createdAt: 'created_at' },
    mutable: new Set(['name', 'pinHash', 'role', 'language', 'disabled']),
    derived: { name: nameKey },
  },
  centre: {
    table: 'centres',
    fields: { name: 'name', district: 'district', covers: 'covers' },
    mutable: new Set(['name', 'district', 'covers']),
  },
  team: {
    table: 'teams',
    fields: {
      callSign: 'call_sign', kind: 'kind', centreId: 'centre_id', vehicle: 'vehicle', radioChannel: 'radio_channel',
      status: 'status', statusAt: 'status_at', retired: 'retired',
    },
    mutable: new Set(['callSign', 'kind', 'centreId', 'vehicle', 'radioChannel', 'status', 'statusAt', 'retired']),
    derived: { callSign: (value: FieldValue) => ({ call_sign_key: typeof value === 'string' ? normalizeForSearch(value) : '' }) },
    groups: [['status', 'statusAt']],
  },
  volunteer: {
    table: 'volunteers',
    fields: { name: 'name', role: 'role', phone: 'phone', centreId: 'centre_id', qualifications: 'qualifications', retired: 'retired' },
    mutable: new Set(['name', 'role', 'phone', 'centreId', 'qualifications', 'retired']),
    derived: { name: nameKey },
  },
  rosterEntry: {
    table: 'roster_entries',
    fields: { volunteerId: 'volunteer_id', teamId: 'team_id', checkInAt: 'check_in_at', checkOutAt: 'check_out_at' },
    mutable: new Set(['teamId', 'checkOutAt']),
  },
  assignment: {
    table: 'assignments',
    fields: {
      incidentId: 'incident_id', teamId: 'team_id', dispatchedAt: 'dispatched_at', enRouteAt: 'en_route_at',
      onSceneAt: 'on_scene_at', clearedAt: 'cleared_at', endedReason: 'ended_reason', operator: 'operator',
    },
    mutable: new Set(['enRouteAt', 'onSceneAt', 'clearedAt', 'endedReason']),
  },
  handoverNote: {
    table: 'handover_notes',
    fields: { shiftStart: 'shift_start', text: 'text', operator: 'operator', writtenAt: 'written_at' },
    mutable: new Set<string>(),
  },
  // A CAP message about an incident (electron/core/exchange/alerts.ts): written once, never changed.
  alert: {
    table: 'alerts',
    fields: {
      incidentId: 'incident_id', threadId: 'thread_id', msgType: 'msg_type', identifier: 'identifier', sender: 'sender',
      sent: 'sent', sentText: 'sent_text', references: 'references_text', event: 'event', responseType: 'response_type',
      urgency: 'urgency', severity: 'severity', certainty: 'certainty', instructionAr: 'instruction_ar',
      instructionEn: 'instruction_en', areaKind: 'area_kind', district: 'district', lat: 'lat', lon: 'lon',
      radiusKm: 'radius_km', expires: 'expires', expiresText: 'expires_text', note: 'note', operator: 'operator',
    },
    mutable: new Set<string>(),
  },
  // The settings every console of a post shares (electron/core/post/postSettings.ts).
  post: {
    table: 'post_settings',
    fields: { shiftStarts: 'shift_starts', language: 'language', digits: 'digits' },
    mutable: new Set(['shiftStarts', 'language', 'digits']),
    implicit: true,
    allowed: { shiftStarts: isStoredPattern, language: oneOf(LANGUAGES), digits: oneOf(DIGIT_STYLES) },
  },
} as const satisfies Record<string, EntitySpec>;

export type EntityName = keyof typeof ENTITIES;
export type FieldOf<E extends EntityName> = keyof (typeof ENTITIES)[E]['fields'] & string;

export function isEntityName(name: string): name is EntityName {
  return Object.hasOwn(ENTITIES, name);
}
