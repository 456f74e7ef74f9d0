// What the console and the inspector process say to each other. The inspector reads a file
// from outside, so what it answers is input like any other: checked against these schemas
// before anything of it is used. A message that does not fit is a refusal, never a crash.
import { z } from 'zod';
import { en } from '../../../../shared/i18n/en';
import { lookup, type MessageKey } from '../../../../shared/i18n';

/** What the inspector is asked to do with a file from outside. */
export const inspectionRequest = z.discriminatedUnion('kind', [
  /** Is it a whole Beacon database with the schema its version claims? */
  z.object({ kind: z.literal('check'), file: z.string().min(1) }),
  /** The check, then what the backup screen shows of it. */
  z.object({ kind: z.literal('describe'), file: z.string().min(1) }),
  /** Its data, as of the version a check found, copied into a database this build makes at `staging` (restore.ts). */
  z.object({
    kind: z.literal('copy'), file: z.string().min(1), staging: z.string().min(1),
    version: z.number().int().nonnegative(), origin: z.string().regex(/^[0-9a-f]{16}$/),
  }),
]);
export type InspectionRequest = z.infer<typeof inspectionRequest>;

const count = z.number().int().nonnegative();

/** What each kind of request answers when the file passes. */
export const inspectionValues = {
  check: z.object({ version: z.number().int().nonnegative() }),
  describe: z.object({
    schemaVersion: z.number().int().nonnegative(),
    incidents: count,
    newestIncidentAt: z.number().int().nullable(),
    postCode: z.string().max(100).nullable(),
    duplicates: z.array(z.object({ number: z.string().max(100), count })).max(100),
  }),
  copy: z.object({ previousOrigin: z.string().max(100).nullable() }),
} as const;
export type InspectionValue<K extends InspectionRequest['kind']> = z.infer<(typeof inspectionValues)[K]>;

/** Every message the inspector may send; the value is checked against its request's kind afterwards. */
export const inspectionReply = z.discriminatedUnion('type', [
  /** The file is open and being read: said once, before the long part. */
  z.object({ type: z.literal('reading') }),
  z.object({ type: z.literal('done'), value: z.unknown() }),
  /** Refused with a reason the operator reads: a message this build has, of the restore, backup, integrity, error or inspect sections. */
  z.object({
    type: z.literal('refused'),
    code: z.string().regex(/^(restore|backup|integrity|error|inspect)\.[A-Za-z]{1,60}$/).refine((code): code is MessageKey => lookup(en, code) !== undefined),
    params: z.record(z.string(), z.union([z.string().max(500), z.number()])).optional(),
  }),
]);
export type InspectionReply = z.infer<typeof inspectionReply>;
