// Settings the console keeps outside the database: the post, this console's letter, the
// default language. Every shell, the CLI and tests keep it in a JSON file (fileSettingsStore.ts).
import type { ConsoleSettings, SettingsStore } from '../base/settingsStore';
import { DEFAULT_SHIFT_STARTS } from '../../../shared/time/shifts';

export type { ConsoleSettings, SettingsStore };

/** Safety copies kept by default: a week of two-shift days. */
export const DEFAULT_SAFETY_COPIES_KEPT = 14;
export const MAX_SAFETY_COPIES_KEPT = 365;

export const DEFAULT_SETTINGS: ConsoleSettings = { post: null, consoleLetter: null, language: 'ar', digits: 'latn', shiftStarts: [...DEFAULT_SHIFT_STARTS], postKey: null, lockAfterMinutes: 10, safetyCopiesKept: DEFAULT_SAFETY_COPIES_KEPT, hubs: [] };
