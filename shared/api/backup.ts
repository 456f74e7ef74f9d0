// Contract of backup and restore from the app, and of a console whose database is damaged.
import { z } from 'zod';
import { channel, empty } from './channel';
import { language } from './common';

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

export type BackupStatus = z.output<typeof backupStatus>;
export type BackupInspection = z.output<typeof backupInspection>;
export type BackupRestoreResult = z.output<typeof backupRestoreResult>;
export type DuplicateNumber = z.output<typeof duplicateNumber>;

// The whole database leaves or replaces this console's: the administrator's alone.
export const backupChannels = {
  'backup.status': channel(empty, backupStatus, 'administrator', 'any'),
  /** The core asks the shell's file dialog where to write; null when the administrator cancelled. */
  'backup.create': channel(empty, backupWritten.nullable(), 'administrator'),
  /** A file the administrator picks (shell's dialog) or a safety copy; null when cancelled. */
  'backup.inspect': channel(backupInspectInput, backupInspection.nullable(), 'administrator'),
  /** The core approves; the shell closes the core, restores (electron/core/backup/restoreInPlace.ts) and reopens it. */
  'backup.restore': channel(backupRestoreInput, backupRestoreResult, 'administrator'),
  /** Null when the database opened; a shell that could not open it answers from electron/core/damagedConsole.ts. Public: with a damaged database no one can sign in. */
  'backup.health': channel(empty, databaseHealth.nullable(), 'public'),
  /** Only while the database cannot be opened (damagedConsole.ts): a safety copy by name; the shell then opens the core again. */
  'backup.restoreSafetyCopy': channel(restoreSafetyCopyInput, restoreSafetyCopyResult, 'public'),
} as const;
