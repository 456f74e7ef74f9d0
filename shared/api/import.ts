// Contract of importing another system's call log (CSV).
import { z } from 'zod';
import { channel } from './channel';
import { id, incidentType } from './common';

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

export type ImportInspection = z.output<typeof importInspection>;
export type ImportPreviewView = z.output<typeof importPreview>;
export type ImportStatus = z.output<typeof importStatus>;
export type ImportRejection = z.output<typeof importRejection>;

// Bringing in another system's history adds many incidents at once: the duty officer's call.
export const importChannels = {
  'import.inspect': channel(importInspectInput, importInspection, 'supervisor'),
  'import.preview': channel(importRunInput, importPreview, 'supervisor'),
  'import.start': channel(importRunInput, importJob, 'supervisor'),
  'import.status': channel(importJob.strict(), importStatus, 'supervisor'),
} as const;
