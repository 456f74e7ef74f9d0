// The building blocks every feature's contract uses: text that cannot hide or reorder what it
// shows, ids, times, places, the post. Types are inferred from schemas, never written twice.
import { z } from 'zod';
import { CALL_SOURCES, DIGIT_STYLES, INCIDENT_STATUSES, INCIDENT_TYPES, LANGUAGES, MAX_CASUALTY_COUNT, OPERATOR_ROLES, TEXT_LIMITS } from '../domain';

/** Rejects C0/C1 control characters and bidi overrides, which can hide or reorder text on screen and in print. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

export const text = (max: number) =>
  z.string().max(max, { error: 'validation.tooLong' }).refine((s) => !UNSAFE_CHARS.test(s), { error: 'validation.badCharacters' });
export const requiredText = (max: number) => text(max).refine((s) => s.trim().length > 0, { error: 'validation.required' });
export const optionalText = (max: number) => text(max).optional();
/** The same text rule for values that arrive by sync rather than through a channel (electron/core/sync/syncedValues.ts). */
export const syncedText = text;

export const id = z.string().regex(/^[0-9a-f-]{36}$/, { error: 'validation.invalid' });
/** Epoch milliseconds; bounded so a typo cannot put a call in the year 30000. */
export const timestamp = z.number().int().min(946684800000, { error: 'validation.dateRange' }).max(4102444800000, { error: 'validation.dateRange' });
export const count = z.number().int({ error: 'validation.wholeNumber' }).min(0, { error: 'validation.notNegative' }).max(MAX_CASUALTY_COUNT, { error: 'validation.tooLarge' });

export const incidentType = z.enum(INCIDENT_TYPES, { error: 'validation.chooseOne' });
export const priority = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'validation.chooseOne' });
export const incidentStatus = z.enum(INCIDENT_STATUSES, { error: 'validation.chooseOne' });
export const callSource = z.enum(CALL_SOURCES, { error: 'validation.chooseOne' });
export const language = z.enum(LANGUAGES, { error: 'validation.chooseOne' });
export const digitStyle = z.enum(DIGIT_STYLES, { error: 'validation.chooseOne' });
export const operatorRole = z.enum(OPERATOR_ROLES);
export const regionCode = z.string().regex(/^[a-z0-9_-]{1,40}$/, { error: 'validation.chooseOne' });

export const coordinates = z.object({
  lat: z.number().min(-90, { error: 'validation.coordinates' }).max(90, { error: 'validation.coordinates' }),
  lon: z.number().min(-180, { error: 'validation.coordinates' }).max(180, { error: 'validation.coordinates' }),
}).strict();

export const casualties = z.object({ trapped: count, injured: count, dead: count }).strict();

export const location = z.object({
  district: regionCode,
  subdistrict: regionCode.optional(),
  locality: optionalText(TEXT_LIMITS.short),
  landmark: optionalText(TEXT_LIMITS.medium),
  coordinates: coordinates.optional(),
}).strict();

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

export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.date' });

export type PostSettings = z.output<typeof postSettings>;
export type Coordinates = z.output<typeof coordinates>;
