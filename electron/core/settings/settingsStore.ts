// Settings the console keeps outside the database: the post, this console's letter, the
// default language. The app backs this with electron-store; the CLI and tests with a file.
import type { PostSettings } from '../../../shared/api';
import type { Language } from '../../../shared/domain';

export interface ConsoleSettings {
  post: PostSettings | null;
  consoleLetter: string | null;
  language: Language;
}

export const DEFAULT_SETTINGS: ConsoleSettings = { post: null, consoleLetter: null, language: 'ar' };

export interface SettingsStore {
  read(): ConsoleSettings;
  write(settings: ConsoleSettings): void;
}
