// The one contract between renderer and main process: every channel, its input and its
// output. A renamed channel breaks the build on both sides, not the user.
import { z } from 'zod';
import * as s from './schemas';
import * as x from './exchangeSchemas';

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });
const savedId = z.object({ id: s.id });

function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const api = {
  'setup.status': channel(empty, s.setupStatus),
  /** First run, joining a post: the shell's open dialog picks the post's key file; the post it names, or null when cancelled. */
  'setup.readPostKeyFile': channel(empty, s.postOfKeyFile.nullable()),
  'setup.complete': channel(s.setupInput, s.operatorView),
  'session.signIn': channel(s.signInInput, s.operatorView),
  'session.signOut': channel(empty, ok),
  'session.current': channel(empty, s.operatorView.nullable()),
  'session.setLanguage': channel(z.object({ language: s.language }).strict(), s.operatorView),
  'post.setDefaults': channel(s.postDefaultsInput, s.setupStatus),
  /** The post's key, sealed with the passphrase, for a laptop joining the post, where the shell's save dialog says; null when cancelled. */
  'post.exportKey': channel(s.exportPostKeyInput, s.postKeyWritten.nullable()),
  /** The post's key file read again where the key was lost with the settings file (never replaces a key); null when cancelled. */
  'post.restoreKey': channel(s.restorePostKeyInput, s.setupStatus.nullable()),
  'shifts.set': channel(s.shiftPatternInput, s.setupStatus),
  'reference.districts': channel(empty, z.array(s.district)),
  'calls.findDuplicates': channel(s.duplicateQuery, z.array(s.duplicateCandidate)),
  'calls.log': channel(s.logCallInput, s.logCallResult),
  'incidents.queue': channel(s.queueQuery, s.queueResult),
  'incidents.get': channel(z.object({ id: s.id }).strict(), s.incidentDetail),
  'incidents.update': channel(s.updateIncidentInput, s.incidentDetail),
  'incidents.setStatus': channel(s.setStatusInput, s.incidentDetail),
  'timeline.addNote': channel(s.addNoteInput, s.incidentDetail),
  'timeline.strike': channel(s.strikeNoteInput, s.incidentDetail),
  'centres.list': channel(empty, z.array(s.centreView)),
  'centres.save': channel(s.saveCentreInput, savedId),
  'teams.board': channel(s.boardQuery, z.array(s.teamView)),
  'teams.save': channel(s.saveTeamInput, savedId),
  'teams.setStatus': channel(s.setTeamStatusInput, ok),
  'teams.conflicts': channel(empty, z.array(s.teamConflict)),
  'volunteers.list': channel(z.object({ centreId: s.id.optional() }).strict(), z.array(s.volunteerView)),
  'volunteers.save': channel(s.saveVolunteerInput, savedId),
  'roster.current': channel(z.object({ at: s.timestamp.optional() }).strict(), s.rosterView),
  'roster.checkIn': channel(s.checkInInput, z.object({ entryId: s.id })),
  'roster.checkOut': channel(s.checkOutInput, ok),
  'roster.walkUp': channel(s.walkUpInput, z.object({ volunteerId: s.id })),
  'roster.copyPrevious': channel(empty, z.object({ count: z.number() })),
  'roster.attendance': channel(s.attendanceQuery, z.array(s.attendanceRow)),
  'dispatch.suggest': channel(z.object({ incidentId: s.id }).strict(), z.array(s.dispatchSuggestion)),
  'dispatch.send': channel(s.dispatchInput, s.incidentDetail),
  'dispatch.advance': channel(s.advanceAssignmentInput, s.incidentDetail),
  'session.lock': channel(empty, ok),
  'session.unlock': channel(z.object({ pin: s.pin }).strict(), s.operatorView),
  'operators.list': channel(empty, z.array(s.operatorAccount)),
  'operators.create': channel(s.createOperatorInput, s.operatorAccount),
  'operators.setDisabled': channel(s.setOperatorDisabledInput, s.operatorAccount),
  'stats.report': channel(s.statsQuery, s.statsReport),
  'import.inspect': channel(s.importInspectInput, s.importInspection),
  'import.preview': channel(s.importRunInput, s.importPreview),
  'import.start': channel(s.importRunInput, s.importJob),
  'import.status': channel(s.importJob.strict(), s.importStatus),
  'summary.get': channel(s.summaryQuery, s.shiftSummary),
  'handover.add': channel(s.handoverNoteInput, ok),
  /** The core checks who may print what; the Electron shell then prints (electron/printing.ts). */
  'summary.print': channel(s.summaryPrintInput, s.summaryPrintResult),
  'audit.list': channel(s.auditQuery, s.auditPage),
  'sync.status': channel(empty, z.array(s.hubStatus)),
  'sync.now': channel(z.object({ hubId: z.string().uuid().optional() }).strict(), z.array(s.hubStatus)),
  'hubs.list': channel(empty, z.array(s.hubView)),
  'hubs.test': channel(s.hubConnection, ok),
  'hubs.add': channel(s.hubInput, savedId),
  'hubs.remove': channel(z.object({ id: z.string().uuid() }).strict(), ok),
  'backup.status': channel(empty, s.backupStatus),
  /** The core asks the shell's file dialog where to write; null when the administrator cancelled. */
  'backup.create': channel(empty, s.backupWritten.nullable()),
  /** A file the administrator picks (shell's dialog) or a safety copy; null when cancelled. */
  'backup.inspect': channel(s.backupInspectInput, s.backupInspection.nullable()),
  /** The core approves; the shell closes the core, restores (electron/core/backup/restoreInPlace.ts) and reopens it. */
  'backup.restore': channel(s.backupRestoreInput, s.backupRestoreResult),
  /** Null when the database opened; a shell that could not open it answers from electron/core/damagedConsole.ts. */
  'database.health': channel(empty, s.databaseHealth.nullable()),
  /** Only while the database cannot be opened (damagedConsole.ts): a safety copy by name; the shell then opens the core again. */
  'database.restoreSafetyCopy': channel(s.restoreSafetyCopyInput, s.restoreSafetyCopyResult),
  /** The core asks the shell's save dialog where to write; null when cancelled. */
  'bundles.export': channel(s.bundleExportInput, s.bundleWritten.nullable()),
  /** The shell's open dialog picks the file; the core checks it whole, then applies it in the background. */
  'bundles.import': channel(empty, s.bundleImportStarted.nullable()),
  'bundles.status': channel(s.importJob.strict(), s.bundleImportStatus),
  /** How far the export running on this console has got (null: none), for its progress bar. */
  'bundles.exportProgress': channel(empty, s.bundleExportProgress.nullable()),
  /** What last-writer-wins set aside: two consoles' edits of one field close together in time. */
  'sync.conflicts': channel(s.conflictsQuery, s.conflictsPage),
  /** Public alerts (CAP 1.2) of an incident, newest first; issue, update and cancel answer the new list. */
  'alerts.list': channel(z.object({ incidentId: s.id }).strict(), z.array(x.alertView)),
  'alerts.issue': channel(x.issueAlertInput, z.array(x.alertView)),
  'alerts.update': channel(x.updateAlertInput, z.array(x.alertView)),
  'alerts.cancel': channel(x.cancelAlertInput, z.array(x.alertView)),
  /** One CAP message as an .xml file, where the shell's save dialog says; null when cancelled. */
  'alerts.save': channel(x.alertFileInput, z.object({ file: z.string() }).nullable()),
  /** A period's incidents (or, in HXL, a statistics table) for partners, where the save dialog says; null when cancelled. */
  'exchange.exportHxl': channel(x.hxlExportInput, x.exportWritten.nullable()),
  'exchange.exportGeojson': channel(x.reportPeriod, x.exportWritten.nullable()),
  /** What is still held back (quarantined) and what was held and applied since (issue #21). */
  'sync.health': channel(empty, s.syncHealth),
} as const;

export type Api = typeof api;
export type ChannelName = keyof Api;
export const CHANNEL_NAMES = Object.keys(api) as ChannelName[];
export type Input<C extends ChannelName> = z.input<Api[C]['input']>;
export type Output<C extends ChannelName> = z.output<Api[C]['output']>;

export { CHANNEL_ROLE, mayCall, requiredRole, type Requirement } from './roles';
import { CHANNEL_ROLE, type RoledChannel } from './roles';

/** Compiles only when roles.ts names every channel, and only channels. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _rolesNameEveryChannel: Same<RoledChannel, ChannelName> = true;

/** Channels callable before anyone has signed in. Everything else needs an operator. */
export const PUBLIC_CHANNELS: ReadonlySet<ChannelName> = new Set(
  (Object.keys(CHANNEL_ROLE) as ChannelName[]).filter((c) => CHANNEL_ROLE[c] === 'public'),
);

/**
 * An error the operator can read: `code` is an i18n key, `params` fill it in, and
 * `fields` names the form fields at fault (dotted path → i18n key).
 */
export interface ApiError {
  code: string;
  params?: Record<string, string | number>;
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the main process announces after a change, so every open view re-asks. */
export interface ChangeEvent {
  entities: string[];
}

/** `window.ops`: the only bridge between the renderer and the main process. */
export interface OpsBridge {
  invoke<C extends ChannelName>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  onChange(listener: (event: ChangeEvent) => void): () => void;
}

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(api, name);
}

export type * from './types';
