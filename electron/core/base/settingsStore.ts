// Settings the console keeps outside the database (the post, this console's letter, the default
// language), as the core is given them; every shell keeps them in a JSON file (settings/fileSettingsStore.ts).
import type { HubTls, PostSettings } from '../../../shared/api';
import type { DigitStyle, Language } from '../../../shared/domain';

export interface ConsoleSettings {
  post: PostSettings | null;
  consoleLetter: string | null;
  /** The language of the sign-in screen and of new operators. */
  language: Language;
  digits: DigitStyle;
  /** Local start times of the shifts, e.g. ['08:00', '20:00']. */
  shiftStarts: string[];
  /** The post's shared secret that authenticates bundles; made at first run, shared when a console joins. */
  postKey: string | null;
  lockAfterMinutes: number;
  /** How many shift-change safety copies of the database are kept (1–365). */
  safetyCopiesKept: number;
  /** PostgreSQL hubs this console syncs with (electron/core/sync/engine.ts). */
  /** Addresses without passwords: those are in the secret store under `hub:<id>`. */
  hubs: { id: string; name: string; url: string; tls: HubTls }[];
}

export interface SettingsStore {
  read(): ConsoleSettings;
  write(settings: ConsoleSettings): void;
  /** Where a damaged settings file was kept aside this run, so the operator can be told. */
  restoredFrom(): string | null;
}
