// Contract of sync: hubs, bundles on a USB stick, and what sync set aside or held back.
import { z } from 'zod';
import { channel, empty, ok, savedId } from './channel';
import { AUDIT_ENTITIES, auditCursor, fieldValue } from './audit';
import { id, localDate, requiredText, text, timestamp } from './common';
import { importJob } from './import';

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

/** A hub's TLS setting (see hubTls in schemas). */
export type HubTls = z.output<typeof hubTls>;
export type HubView = z.output<typeof hubView>;
export type BundleImportStarted = z.output<typeof bundleImportStarted>;
export type BundleImportStatus = z.output<typeof bundleImportStatus>;
export type BundleExportProgress = z.output<typeof bundleExportProgress>;
export type FieldConflictView = z.output<typeof fieldConflict>;
export type ConflictsQuery = z.output<typeof conflictsQuery>;

// Everyone sees whether changes are getting out; only an administrator configures hubs.
// A post without a link passes its stick at handover: the duty officer carries bundles. Safe
// below the administrator: a bundle only carries operations signed with this post's key and
// applied like a hub's, never settings or a whole database.
export const syncChannels = {
  'sync.status': channel(empty, z.array(hubStatus), 'operator', 'any'),
  'sync.now': channel(z.object({ hubId: z.string().uuid().optional() }).strict(), z.array(hubStatus), 'operator'),
  'sync.hubs': channel(empty, z.array(hubView), 'administrator', 'any'),
  'sync.testHub': channel(hubConnection, ok, 'administrator'),
  'sync.addHub': channel(hubInput, savedId, 'administrator'),
  'sync.removeHub': channel(z.object({ id: z.string().uuid() }).strict(), ok, 'administrator'),
  /** The core asks the shell's save dialog where to write; null when cancelled. */
  'sync.exportBundle': channel(bundleExportInput, bundleWritten.nullable(), 'supervisor'),
  /** The shell's open dialog picks the file; the core checks it whole, then applies it in the background. */
  'sync.importBundle': channel(empty, bundleImportStarted.nullable(), 'supervisor'),
  'sync.bundleStatus': channel(importJob.strict(), bundleImportStatus, 'supervisor'),
  /** How far the export running on this console has got (null: none), for its progress bar. */
  'sync.exportProgress': channel(empty, bundleExportProgress.nullable(), 'supervisor'),
  /** What last-writer-wins set aside: two consoles' edits of one field close together in time. Resolving it is the duty officer's. */
  'sync.conflicts': channel(conflictsQuery, conflictsPage, 'supervisor', 'any'),
  /** What is still held back (quarantined) and what was held and applied since (issue #21). */
  'sync.health': channel(empty, syncHealth, 'operator', 'any'),
} as const;
