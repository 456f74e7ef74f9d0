// Contract of the audit trail: who changed what, from the operation log.
import { z } from 'zod';
import { channel } from './channel';
import { id, timestamp } from './common';

// ── Audit trail (issue 8) ────────────────────────────────────────────────────
/** The kinds of record the operation log holds (electron/core/oplog/entities.ts). */
export const AUDIT_ENTITIES = ['incident', 'call', 'timeline', 'operator', 'centre', 'team', 'volunteer', 'rosterEntry', 'assignment', 'handoverNote', 'alert', 'post'] as const;
export const fieldValue = z.union([z.string(), z.number(), z.null()]);
export const auditCursor = z.object({ hlc: z.string().max(64), origin: z.string().regex(/^[0-9a-f]{16}$/), seq: z.number().int().positive() }).strict();
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

export type AuditEntryView = z.output<typeof auditEntry>;
export type AuditQueryInput = z.output<typeof auditQuery>;

// Who changed what: the duty officer's and the administrator's to read.
export const auditChannels = {
  'audit.list': channel(auditQuery, auditPage, 'supervisor', 'any'),
} as const;
