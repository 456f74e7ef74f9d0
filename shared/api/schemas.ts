// Runtime schemas of everything that crosses the IPC boundary. Types are inferred from
// these, never written twice (STYLE.md).
import { z } from 'zod';
import {
  ASSIGNMENT_STEPS, CALL_SOURCES, CANCEL_REASONS, DIGIT_STYLES, LANGUAGES,
  OPERATOR_ROLES, QUEUES, TEAM_KINDS, TEAM_STATUSES, TEXT_LIMITS, VOLUNTEER_ROLES,
} from '../domain';
import {
  count, id, incidentStatus, incidentType, latitude, longitude, priority, regionCode, text, timestamp, UNSAFE_CHARS,
} from '../records/values';
import {
  bothOrNeither, EDITABLE_FIELDS, INTAKE_FIELDS, intakeFields, PLACE_FIELDS, pickFields, QUEUE_FIELDS, storedFields,
} from '../records/incident';

export { id, incidentStatus, incidentType, priority, regionCode, text, timestamp };
const requiredText = (max: number) => text(max).refine((s) => s.trim().length > 0, { error: 'validation.required' });
const optionalText = (max: number) => text(max).optional();
/** The same text rule for values that arrive by sync rather than through a channel (electron/core/sync/syncedValues.ts). */
export const syncedText = text;

export const callSource = z.enum(CALL_SOURCES, { error: 'validation.chooseOne' });
export const language = z.enum(LANGUAGES, { error: 'validation.chooseOne' });
export const digitStyle = z.enum(DIGIT_STYLES, { error: 'validation.chooseOne' });
export const operatorRole = z.enum(OPERATOR_ROLES);

export const coordinates = z.object({ lat: latitude, lon: longitude }).strict();

export const casualties = z.object({ trapped: count, injured: count, dead: count }).strict();

/** Coordinates are lat and lon together, or neither (shared/records/incident.ts). */
const coordinatePair = { error: 'validation.coordinates', path: ['lat'] };

/** Where the incident is: the place fields of the incident's description, as intake gives them. */
export const location = z.object(intakeFields(PLACE_FIELDS)).strict().refine(bothOrNeither, coordinatePair);

export const pin = z.string().regex(/^[0-9]{4,12}$/, { error: 'validation.pin' });
export const operatorName = requiredText(60);

export const postSettings = z.object({
  name: requiredText(80),
  code: z.string().regex(/^[A-Z]{2,5}$/, { error: 'validation.postCode' }),
  timeZone: z.string().min(1).max(64).refine(isTimeZone, { error: 'validation.timeZone' }),
}).strict();

/**
 * Seals the post's key file on a USB stick. Trimmed (a passphrase file's newline, a stray space);
 * 8 characters at least, counted as the operator sees them; 200 at most, a bound on the work.
 */
export const keyPassphrase = z.string().trim()
  .max(200, { error: 'validation.tooLong' })
  .refine((s) => [...s].length >= 8, { error: 'validation.passphraseShort' })
  .refine((s) => !UNSAFE_CHARS.test(s), { error: 'validation.badCharacters' });

export const consoleLetter = z.string().regex(/^[A-Z]$/, { error: 'validation.consoleLetter' });

/** An IANA zone this runtime knows (Intl refuses the rest). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

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

export const addNoteInput = z.object({ incidentId: id, text: requiredText(TEXT_LIMITS.long) }).strict();
export const strikeNoteInput = z.object({ entryId: id, reason: requiredText(TEXT_LIMITS.medium) }).strict();

export const setupInput = z.object({
  post: postSettings,
  consoleLetter,
  operator: z.object({ name: operatorName, pin }).strict(),
  language,
  /** Absent: Western digits, as before this setting existed. */
  digits: digitStyle.optional(),
  loadDemo: z.boolean(),
  /** Join the post whose key file `setup.readPostKeyFile` read: its post replaces `post`, its key is kept. */
  join: z.boolean().optional(),
  /** With `join`: the passphrase the key file was sealed with (a file of an older Beacon needs none). */
  passphrase: keyPassphrase.optional(),
}).strict();
/** The post a key file names, to show and lock on the first-run form; `sealed`: joining needs its passphrase. */
export const postOfKeyFile = z.object({ post: postSettings, sealed: z.boolean() });
export const exportPostKeyInput = z.object({ passphrase: keyPassphrase }).strict();
export const postKeyWritten = z.object({ file: z.string() });
/** A console whose key was lost with its settings file reads its post's key file again (no passphrase for an older, unsealed file). */
export const restorePostKeyInput = z.object({ passphrase: keyPassphrase.optional() }).strict();

/** What the post sets for every console: the language a new operator starts in, and digits. */
export const postDefaultsInput = z.object({ language, digits: digitStyle }).strict();
/** The local times shifts start, e.g. 08:00 and 20:00, or 06:00, 14:00 and 22:00. */
export const shiftPatternInput = z.object({
  starts: z.array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'validation.time' })).min(1, { error: 'validation.required' }).max(6, { error: 'validation.tooLarge' }),
}).strict();

export const signInInput = z.object({ name: operatorName, pin }).strict();

// ---- outputs ----

export const operatorView = z.object({ id, name: z.string(), role: operatorRole, language });

export const district = z.object({
  code: z.string(),
  name: z.object({ en: z.string(), ar: z.string() }),
  center: z.object({ lat: z.number(), lon: z.number() }),
  subdistricts: z.array(z.object({ code: z.string(), name: z.object({ en: z.string(), ar: z.string() }) })),
});

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

export const setupStatus = z.object({
  needsSetup: z.boolean(),
  /**
   * With `needsSetup`: the console has its post but every operator is disabled. First run then
   * only makes a new administrator; the post, letter and key are kept and joining is refused.
   */
  recovery: z.boolean(),
  /** In recovery, and no operator with a PIN was ever made here (a folder the command line prepared): no one was disabled. */
  noOperatorYet: z.boolean(),
  post: postSettings.nullable(),
  consoleLetter: z.string().nullable(),
  language,
  digits: digitStyle,
  defaultTimeZone: z.string(),
  /** Minutes without a key or mouse before the console locks. */
  lockAfterMinutes: z.number(),
  /** Local times shifts start (HH:mm), for the shift shown in the header. */
  shiftStarts: z.array(z.string()),
  /** A damaged settings file was set aside at start (its new name); defaults are in use. */
  settingsRestoredFrom: z.string().nullable(),
  /** The post is set up but its key was lost with the settings file: the post key file must be read again. */
  postKeyMissing: z.boolean(),
});

export const logCallResult = z.object({ incidentId: id, callId: id, number: z.string(), attached: z.boolean() });

// ---- teams, roster, dispatch ----

export const teamKind = z.enum(TEAM_KINDS, { error: 'validation.chooseOne' });
export const teamStatus = z.enum(TEAM_STATUSES, { error: 'validation.chooseOne' });
export const volunteerRole = z.enum(VOLUNTEER_ROLES, { error: 'validation.chooseOne' });
const phone = z.string().max(40).regex(/^[0-9+()\-\s٠-٩۰-۹]*$/, { error: 'validation.phone' });

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

export const checkInInput = z.object({ volunteerId: id, teamId: id }).strict();
export const checkOutInput = z.object({ entryId: id }).strict();
export const walkUpInput = z.object({
  name: requiredText(TEXT_LIMITS.short), role: volunteerRole, phone: phone.optional(), teamId: id,
}).strict();
export const attendanceQuery = z.object({ from: timestamp, to: timestamp, volunteerId: id.optional() }).strict();

export const dispatchInput = z.object({
  incidentId: id,
  teamIds: z.array(id).min(1, { error: 'validation.chooseTeam' }).max(20),
  /** The operator confirmed sending teams already committed elsewhere. */
  confirmReassign: z.boolean().optional(),
}).strict();
export const advanceAssignmentInput = z.object({ assignmentId: id, step: z.enum(ASSIGNMENT_STEPS) }).strict();

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
export const rosterView = z.object({
  shift: z.object({ start: z.number(), end: z.number() }),
  entries: z.array(z.object({
    entryId: id, volunteerId: id, name: z.string(), role: volunteerRole, teamId: id, callSign: z.string(),
    checkInAt: z.number(), checkOutAt: z.number().nullable(),
  })),
});
export const attendanceRow = z.object({ volunteerId: id, name: z.string(), shifts: z.number(), hours: z.number() });
export const dispatchSuggestion = z.object({
  teamId: id, callSign: z.string(), kind: teamKind, centreName: z.string(), crewCount: z.number(),
  fitsType: z.boolean(), coversDistrict: z.boolean(),
});
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
export const teamConflict = z.object({
  teamId: id, callSign: z.string(),
  incidents: z.array(z.object({ id, number: z.string(), assignmentId: id, dispatchedAt: z.number() })),
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


// ---- operator accounts ----

export const createOperatorInput = z.object({ name: operatorName, pin, role: operatorRole, language }).strict();
export const setOperatorDisabledInput = z.object({ id, disabled: z.boolean() }).strict();
export const operatorAccount = z.object({ id, name: z.string(), role: operatorRole, language, disabled: z.boolean(), createdAt: z.number() });

// ── Statistics (issue 4) ─────────────────────────────────────────────────────
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.date' });
export const statsPeriod = z.union([
  z.object({ from: localDate, to: localDate }).strict(),
  z.object({ lastHours: z.number().int().min(1).max(24 * 31) }).strict(),
], { error: 'validation.invalid' });
export const statsFilters = z.object({
  district: regionCode.optional(), type: incidentType.optional(), priority: priority.optional(),
}).strict();
export const statsQuery = z.object({ period: statsPeriod, filters: statsFilters.default({}) }).strict();

const seconds = z.number().nullable();
export const statsTotals = z.object({
  incidents: z.number(), calls: z.number(),
  dispatchMedianSec: seconds, dispatchP90Sec: seconds, sceneMedianSec: seconds, sceneP90Sec: seconds,
  trapped: z.number(), injured: z.number(), dead: z.number(),
  closed: z.number(), cancelled: z.number(), open: z.number(), teamHours: z.number(),
});
export const statsBucket = z.enum(['hour', 'day', 'month']);
export const statsReport = z.object({
  start: z.number(), end: z.number(), previousStart: z.number(), bucket: statsBucket,
  /** Every bucket of the period in order, so that empty ones show as zero. */
  buckets: z.array(z.string()),
  totals: statsTotals, previous: statsTotals,
  byBucketType: z.array(z.object({ bucket: z.string(), type: incidentType, count: z.number() })),
  heat: z.array(z.object({ weekday: z.number(), hour: z.number(), count: z.number() })),
  byDistrict: z.array(z.object({ district: z.string(), count: z.number(), previous: z.number() })),
  responseByBucket: z.array(z.object({
    bucket: z.string(), dispatchMedianSec: seconds, dispatchP90Sec: seconds, sceneMedianSec: seconds, sceneP90Sec: seconds,
  })),
  casualtiesByBucket: z.array(z.object({
    bucket: z.string(), trapped: z.number(), injured: z.number(), dead: z.number(), closed: z.number(), cancelled: z.number(),
  })),
  teamHours: z.array(z.object({ teamId: z.string(), callSign: z.string(), hours: z.number() })),
});

// ── CSV import of other systems' call logs (issue 4) ─────────────────────────
/** An export as text (the renderer decodes the file in the encoding chosen); 64 MB at most. */
const csvText = z.string().min(1, { error: 'validation.required' }).max(64 * 1024 * 1024, { error: 'validation.tooLarge' });
export const importInspectInput = z.object({ text: csvText }).strict();
export const importInspection = z.object({
  columns: z.array(z.string()), delimiter: z.string(), sample: z.array(z.array(z.string())), rows: z.number(),
});
/** The mapping is checked whole by the core's own schema (electron/core/import/mapping.ts). */
export const importRunInput = z.object({ text: csvText, mapping: z.record(z.string(), z.unknown()) }).strict();
export const importRejection = z.object({ line: z.number(), reason: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
export const importPreview = z.object({
  columns: z.array(z.string()),
  incidents: z.array(z.object({
    lines: z.array(z.number()), alreadyImported: z.boolean(), receivedAt: z.number(), type: incidentType, priority: z.number(),
    district: z.string(), locality: z.string().nullable(), dispatchedAt: z.number().nullable(), onSceneAt: z.number().nullable(),
    clearedAt: z.number().nullable(), closedAt: z.number().nullable(), trapped: z.number(), injured: z.number(), dead: z.number(),
    teams: z.number(), unmatchedUnits: z.array(z.string()),
    /** The time cells as the export wrote them, shown beside the parsed times (issue #20). */
    raw: z.record(z.string(), z.string()),
  })),
  warnings: z.array(importRejection),
  rejected: z.array(importRejection),
});
export const importJob = z.object({ jobId: id });
export const importStatus = z.object({
  state: z.enum(['running', 'done', 'failed']), rows: z.number(), read: z.number(), imported: z.number(), skipped: z.number(),
  rejected: z.array(importRejection), rejectedCount: z.number(),
  callsAdded: z.number(), warnings: z.array(importRejection), warningsCount: z.number(), error: z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }).optional(),
});

// ── Shift summary and handover (issue 5) ─────────────────────────────────────
export const summaryPeriod = z.union([
  z.object({ shift: timestamp }).strict(),
  z.object({ day: localDate }).strict(),
  z.object({ from: localDate, to: localDate }).strict(),
], { error: 'validation.invalid' });
export const summaryQuery = z.object({ period: summaryPeriod }).strict();
const responseFigures = z.object({
  incidents: z.number(), dispatchMedianSec: z.number().nullable(), dispatchP90Sec: z.number().nullable(),
  sceneMedianSec: z.number().nullable(), sceneP90Sec: z.number().nullable(),
});
export const summaryTimelineEntry = z.object({
  at: z.number(), kind: z.enum(['call', 'status', 'assignment', 'note']), status: incidentStatus.nullable(), cancelReason: z.string().nullable(),
  text: z.string().nullable(), callSign: z.string().nullable(), step: z.string().nullable(), operatorName: z.string(),
  /** A note struck through before the period's end: printed marked as struck, with why and by whom. */
  struck: z.object({ reason: z.string(), at: z.number(), operatorName: z.string() }).nullable(),
});
export const shiftSummary = z.object({
  kind: z.enum(['shift', 'day', 'range']),
  post: z.object({ name: z.string(), code: z.string() }), timeZone: z.string(),
  start: z.number(), end: z.number(), printedAt: z.number(),
  calls: z.number(), incidents: z.number(),
  byType: z.array(z.object({ type: incidentType, count: z.number() })),
  byPriority: z.array(z.object({ priority: z.number(), count: z.number() })),
  byDistrict: z.array(z.object({ district: z.string(), count: z.number() })),
  responseTimes: z.object({ current: responseFigures, previous: responseFigures, last7Days: responseFigures }),
  casualties: z.object({ trapped: z.number(), injured: z.number(), dead: z.number() }),
  outcomes: z.object({ closed: z.number(), cancelled: z.number(), open: z.number(), cancelledByReason: z.array(z.object({ reason: z.string(), count: z.number() })) }),
  teams: z.array(z.object({ callSign: z.string(), assignments: z.number(), hours: z.number() })),
  volunteersOnDuty: z.array(z.object({ name: z.string(), team: z.string().nullable(), hours: z.number() })),
  openIncidents: z.array(z.object({
    number: z.string(), type: incidentType, priority: z.number(), status: incidentStatus, district: z.string(), locality: z.string().nullable(),
    receivedAt: z.number(), teams: z.array(z.string()), lastNote: z.object({ text: z.string(), at: z.number() }).nullable(),
  })),
  priorityOne: z.array(z.object({
    number: z.string(), type: incidentType, status: incidentStatus, district: z.string(), locality: z.string().nullable(),
    receivedAt: z.number(), timeline: z.array(summaryTimelineEntry),
  })),
  handoverNotes: z.array(z.object({ id, text: z.string(), at: z.number(), operatorName: z.string() })),
  operators: z.array(z.string()),
});
export const handoverNoteInput = z.object({ shiftStart: timestamp, text: requiredText(TEXT_LIMITS.long) }).strict();
export const summaryPrintInput = z.object({ period: summaryPeriod, pdf: z.boolean() }).strict();
export const summaryPrintResult = z.object({ period: summaryPeriod, pdf: z.boolean(), file: z.string().nullable() });

// ── Audit trail (issue 8) ────────────────────────────────────────────────────
/** The kinds of record the operation log holds (electron/core/oplog/entities.ts). */
export const AUDIT_ENTITIES = ['incident', 'call', 'timeline', 'operator', 'centre', 'team', 'volunteer', 'rosterEntry', 'assignment', 'handoverNote', 'alert', 'post'] as const;
const fieldValue = z.union([z.string(), z.number(), z.null()]);
const auditCursor = z.object({ hlc: z.string().max(64), origin: z.string().regex(/^[0-9a-f]{16}$/), seq: z.number().int().positive() }).strict();
export const auditQuery = z.object({
  from: timestamp.optional(), to: timestamp.optional(), entity: z.enum(AUDIT_ENTITIES, { error: 'validation.chooseOne' }).optional(),
  rowId: id.optional(), operatorId: id.optional(), field: z.string().max(40).optional(),
  limit: z.number().int().min(1).max(1000).optional(), before: auditCursor.optional(),
}).strict();
export const auditEntry = z.object({
  at: z.number(), hlc: z.string(), entity: z.enum(AUDIT_ENTITIES), rowId: z.string(), label: z.string(), field: z.string(),
  before: fieldValue.optional(), after: z.union([fieldValue, z.record(z.string(), fieldValue)]),
  operatorId: z.string().nullable(), operatorName: z.string().nullable(), origin: z.string(), seq: z.number(), superseded: z.boolean(),
});
export const auditPage = z.object({ entries: z.array(auditEntry), next: auditCursor.nullable() });

// ── Sync with hubs (issue 6) ─────────────────────────────────────────────────
export const hubStatus = z.object({
  id: z.string(), name: z.string(), state: z.enum(['waiting', 'syncing', 'ok', 'error']),
  lastSuccessAt: z.number().nullable(), lastAttemptAt: z.number().nullable(), lastError: z.string().nullable(),
  waiting: z.number().nullable(), nextAttemptAt: z.number().nullable(), failures: z.number(),
  lastMoved: z.object({ pushed: z.number(), pulled: z.number(), applied: z.number(), quarantined: z.number() }).nullable(),
});
// Issue #21: what is still held back, apart from the history of what was held and applied since.
export const syncHealth = z.object({
  quarantine: z.object({
    held: z.number(), heldByReason: z.record(z.string(), z.number()),
    released: z.number(), releasedByReason: z.record(z.string(), z.number()),
  }),
  /** This folder was found to be a copy of another console's and took a new origin. */
  copied: z.object({ from: z.string(), at: z.number() }).nullable(),
  /** This laptop's clock against the hub's and against what it receives; warn: off by more than a minute. */
  clock: z.object({
    hubOffsetMs: z.number().nullable(), hubAt: z.number().nullable(), receivedAheadMs: z.number().nullable(), receivedAt: z.number().nullable(), warn: z.boolean(),
  }),
});
const hubUrl = z.string().max(500).regex(/^postgres(ql)?:\/\/[^\s]+$/, { error: 'validation.hubUrl' });
/** disable: plain; require: encrypted, certificate not checked; verify: certificate and host name checked. */
export const HUB_TLS_MODES = ['disable', 'require', 'verify'] as const;
export const hubTls = z.object({
  mode: z.enum(HUB_TLS_MODES),
  /** A PEM file of the certificate authority, for verify (none: the system's own). */
  caFile: text(1000).nullable(),
}).strict();
/** The hub's address and how to reach it; the password goes to the secret store, never the settings. */
export const hubConnection = z.object({
  url: hubUrl,
  password: z.string().max(200).optional(),
  tls: hubTls,
}).strict();
export const hubInput = hubConnection.extend({ name: requiredText(60) }).strict();
export const hubView = z.object({
  id: z.string(), name: z.string(), address: z.string(), tls: z.enum(HUB_TLS_MODES), caFile: z.string().nullable(),
  /** A password is stored for it (never the password itself). */
  password: z.boolean(),
});

// ── Backup and restore from the app (issue 8) ────────────────────────────────
// Paths never come from the renderer: the main process asks the administrator (a file
// dialog) or the core names the file (a safety copy); the screen only shows them.
export const safetyCopyName = z.string().regex(/^beacon-\d{4}-\d{2}-\d{2}-\d{4}\.db$/, { error: 'validation.invalid' });
export const duplicateNumber = z.object({ number: z.string(), count: z.number() });
export const safetyCopyView = z.object({ name: z.string(), bytes: z.number(), shiftStart: z.number().nullable() });
export const backupStatus = z.object({
  folder: z.string(), safetyCopies: z.array(safetyCopyView), duplicates: z.array(duplicateNumber),
  /** False where no file dialog exists (the command line's core); the screen says so. */
  canChooseFiles: z.boolean(),
});
/** Why this console's database could not be opened, and the safety copies there are to restore (db/damagedConsole.ts). */
export const databaseHealth = z.object({
  code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])), safetyCopies: z.array(safetyCopyView),
  /** The post's language, from the settings file (the database cannot be read). */
  language,
});
export const restoreSafetyCopyInput = z.object({ name: safetyCopyName }).strict();
export const restoreSafetyCopyResult = z.object({ keptAs: z.string().nullable() });
export const backupWritten = z.object({ file: z.string(), bytes: z.number(), incidents: z.number() });
export const backupInspectInput = z.object({ safetyCopy: safetyCopyName.optional() }).strict();
export const backupInspection = z.object({
  /** Names this inspection; restoring needs it, so what is restored is what the screen showed. */
  token: z.string().uuid(),
  file: z.string(), bytes: z.number(), modifiedAt: z.number(), schemaVersion: z.number(),
  incidents: z.number(), newestIncidentAt: z.number().nullable(),
  /** The post code its incident numbers carry (null when it holds no incident). */
  postCode: z.string().nullable(), thisPostCode: z.string().nullable(),
  duplicates: z.array(duplicateNumber),
  /** This console's database, which a restore keeps beside itself as `<file>.before-restore-<time>`. */
  databaseFile: z.string(),
});
export const backupRestoreInput = z.object({ token: z.string().uuid({ error: 'validation.invalid' }) }).strict();
export const backupRestoreResult = z.object({
  file: z.string(),
  /** False in the core's answer (approved, not yet done); the shell closes the core, restores and reopens it. */
  restored: z.boolean(),
  keptAs: z.string().nullable(),
  duplicates: z.array(duplicateNumber),
});

// ── Bundles from the app, and what sync overrode (issue 6, point 8) ──────────
/** Everything (no date), or the operations made since the start of a local day. */
export const bundleExportInput = z.object({ since: localDate.optional() }).strict();
export const bundleWritten = z.object({ file: z.string(), operations: z.number(), bytes: z.number() });
export const bundleExportProgress = z.object({ file: z.string(), written: z.number(), total: z.number() });
/** A bundle checked whole (post key, length) and being applied in batches: its job, and what it holds. */
export const bundleImportStarted = z.object({
  jobId: id, file: z.string(), createdAt: z.number(), fromOrigin: z.string(), operations: z.number(),
});
export const bundleQuarantineCount = z.object({ reason: z.string(), count: z.number() });
export const bundleImportStatus = z.object({
  state: z.enum(['running', 'done', 'failed']), total: z.number(), processed: z.number(),
  applied: z.number(), known: z.number(), quarantined: z.number(), reasons: z.array(bundleQuarantineCount),
  error: z.object({ code: z.string() }).optional(),
});
export const conflictsQuery = z.object({
  from: timestamp.optional(), to: timestamp.optional(),
  /** Two edits of one field further apart than this are a correction, not a conflict. */
  withinMinutes: z.number().int().min(1).max(24 * 60).optional(),
  limit: z.number().int().min(1).max(500).optional(), before: auditCursor.optional(),
}).strict();
const conflictSide = z.object({
  value: fieldValue, at: z.number(), hlc: z.string(), origin: z.string(), seq: z.number(),
  operatorId: z.string().nullable(), operatorName: z.string().nullable(),
});
export const fieldConflict = z.object({
  entity: z.enum(AUDIT_ENTITIES), rowId: z.string(), label: z.string(), field: z.string(),
  /** The earlier edit, which last-writer-wins set aside (it stays in the log). */
  overridden: conflictSide,
  /** The later edit, from another console, which the field took. */
  kept: conflictSide,
});
export const conflictsPage = z.object({ conflicts: z.array(fieldConflict), next: auditCursor.nullable() });
