// The building blocks every feature's contract uses: text that cannot hide or reorder what it
// shows, ids, times, places, the post. Types are inferred from schemas, never written twice.
import { z } from 'zod';
import { CALL_SOURCES, DIGIT_STYLES, LANGUAGES, OPERATOR_ROLES } from '../domain';
import {
  count, id, incidentStatus, incidentType, latitude, longitude, priority, regionCode, text, timestamp, UNSAFE_CHARS,
} from '../records/values';
import { bothOrNeither, intakeFields, PLACE_FIELDS } from '../records/incident';

export { count, id, incidentStatus, incidentType, priority, regionCode, text, timestamp, UNSAFE_CHARS };
export const requiredText = (max: number) => text(max).refine((s) => s.trim().length > 0, { error: 'validation.required' });
export const optionalText = (max: number) => text(max).optional();
/** The same text rule for values that arrive by sync rather than through a channel (electron/core/sync/syncedValues.ts). */
export const syncedText = text;

export const callSource = z.enum(CALL_SOURCES, { error: 'validation.chooseOne' });
export const language = z.enum(LANGUAGES, { error: 'validation.chooseOne' });
export const digitStyle = z.enum(DIGIT_STYLES, { error: 'validation.chooseOne' });
export const operatorRole = z.enum(OPERATOR_ROLES);

export const coordinates = z.object({ lat: latitude, lon: longitude }).strict();

export const casualties = z.object({ trapped: count, injured: count, dead: count }).strict();

/** Coordinates are lat and lon together, or neither (shared/records/incident.ts). */
export const coordinatePair = { error: 'validation.coordinates', path: ['lat'] };

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

export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.date' });

export type PostSettings = z.output<typeof postSettings>;
export type Coordinates = z.output<typeof coordinates>;
