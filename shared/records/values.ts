// The rules single values follow, wherever they arrive: a channel's input (shared/api/schemas.ts)
// or a record's description (shared/records/). Here, below both, so neither imports the other.
import { z } from 'zod';
import { INCIDENT_STATUSES, INCIDENT_TYPES, MAX_CASUALTY_COUNT } from '../domain';

/** Rejects C0/C1 control characters and bidi overrides, which can hide or reorder text on screen and in print. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

export const text = (max: number) =>
  z.string().max(max, { error: 'validation.tooLong' }).refine((s) => !UNSAFE_CHARS.test(s), { error: 'validation.badCharacters' });

export const id = z.string().regex(/^[0-9a-f-]{36}$/, { error: 'validation.invalid' });
/** Epoch milliseconds; bounded so a typo cannot put a call in the year 30000. */
export const timestamp = z.number().int().min(946684800000, { error: 'validation.dateRange' }).max(4102444800000, { error: 'validation.dateRange' });
export const count = z.number().int({ error: 'validation.wholeNumber' }).min(0, { error: 'validation.notNegative' }).max(MAX_CASUALTY_COUNT, { error: 'validation.tooLarge' });

export const incidentType = z.enum(INCIDENT_TYPES, { error: 'validation.chooseOne' });
export const priority = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'validation.chooseOne' });
export const incidentStatus = z.enum(INCIDENT_STATUSES, { error: 'validation.chooseOne' });
export const regionCode = z.string().regex(/^[a-z0-9_-]{1,40}$/, { error: 'validation.chooseOne' });

export const latitude = z.number().min(-90, { error: 'validation.coordinates' }).max(90, { error: 'validation.coordinates' });
export const longitude = z.number().min(-180, { error: 'validation.coordinates' }).max(180, { error: 'validation.coordinates' });
