// Contract of the post's settings shared by every console: defaults, shifts and the post's key.
import { z } from 'zod';
import { channel } from './channel';
import { digitStyle, keyPassphrase, language } from './common';
import { setupStatus } from './setup';

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


export type PostDefaultsInput = z.output<typeof postDefaultsInput>;
export type ShiftPatternInput = z.output<typeof shiftPatternInput>;

export const postChannels = {
  'post.setDefaults': channel(postDefaultsInput, setupStatus, 'administrator'),
  /** The post's key, sealed with the passphrase, for a laptop joining the post, where the shell's save dialog says; null when cancelled. Whoever holds the post's key can sign bundles for the post. */
  'post.exportKey': channel(exportPostKeyInput, postKeyWritten.nullable(), 'administrator'),
  /** The post's key file read again where the key was lost with the settings file (never replaces a key); null when cancelled. */
  'post.restoreKey': channel(restorePostKeyInput, setupStatus.nullable(), 'administrator'),
  'post.setShifts': channel(shiftPatternInput, setupStatus, 'supervisor'),
} as const;
