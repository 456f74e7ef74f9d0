// What every service is given rather than imports: the database, the time, the settings.
import type { Store } from './db/store';
import type { SettingsStore } from './settings/settingsStore';

export interface ServiceContext {
  store: Store;
  now(): number;
  settings: SettingsStore;
}
