// Settings in a JSON file, for every shell, the CLI and tests (<data folder>/settings.json). A damaged
// file never stops the console: it is kept aside and the defaults are used.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { makePrivate, PRIVATE_FILE } from '../files/privateFiles';
import { consoleLetter, digitStyle, hubTls, language, postSettings } from '../../../shared/api/schemas';
import { DEFAULT_SHIFT_STARTS } from '../../../shared/time/shifts';
import { DEFAULT_SAFETY_COPIES_KEPT, DEFAULT_SETTINGS, MAX_SAFETY_COPIES_KEPT, type ConsoleSettings, type SettingsStore } from './settingsStore';

export const consoleSettingsSchema = z.object({
  post: postSettings.nullable(),
  consoleLetter: consoleLetter.nullable(),
  language,
  digits: digitStyle.default('latn'),
  lockAfterMinutes: z.number().int().min(1).max(240).default(10),
  postKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/).nullable().default(null),
  shiftStarts: z.array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)).min(1).max(6).default([...DEFAULT_SHIFT_STARTS]),
  safetyCopiesKept: z.number().int().min(1).max(MAX_SAFETY_COPIES_KEPT).default(DEFAULT_SAFETY_COPIES_KEPT),
  hubs: z.array(z.object({
    id: z.string().uuid(), name: z.string().min(1).max(60), url: z.string().regex(/^postgres(ql)?:\/\//).max(500),
    // Hubs added before TLS was a setting connected in plain text; they keep doing so until changed.
    tls: hubTls.default({ mode: 'disable', caFile: null }),
  })).max(10).default([]),
});

/** Reads stored settings; anything unreadable or invalid yields null (the caller decides). */
export function parseSettings(raw: unknown): ConsoleSettings | null {
  const parsed = consoleSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * `readOnly` (the CLI's `check`): a damaged file is read as defaults but left where it is, and
 * writes are dropped, so looking at a data folder never changes it.
 */
export function createFileSettingsStore(file: string, onDamaged?: (keptAs: string) => void, options: { readOnly?: boolean } = {}): SettingsStore {
  let keptAside: string | null = null;
  return {
    restoredFrom: () => keptAside,
    read() {
      if (!existsSync(file)) return { ...DEFAULT_SETTINGS };
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        raw = undefined;
      }
      const settings = parseSettings(raw);
      if (settings) return settings;
      if (options.readOnly) return { ...DEFAULT_SETTINGS };
      const keptAs = `${file}.damaged-${Date.now()}`;
      renameSync(file, keptAs);
      keptAside = keptAs;
      onDamaged?.(keptAs);
      return { ...DEFAULT_SETTINGS };
    },
    write(settings) {
      if (options.readOnly) return;
      // Write then rename, so a power cut leaves either the old file or the new one.
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(settings, null, 2), { mode: PRIVATE_FILE });
      makePrivate(tmp);
      renameSync(tmp, file);
    },
  };
}
