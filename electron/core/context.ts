// What every service is given rather than imports: the database, the time, the settings.
import type { SecretStore } from './secrets/secretStore';
import type { FileChooser } from './backup/backups';
import type { InspectorLauncher } from './db/inspection/inspectApart';
import type { SafetyCopies } from './db/safetyCopies';
import type { Store } from './db/store';
import type { SettingsStore } from './settings/settingsStore';
import type { SyncEngine } from './sync/engine';

export interface ServiceContext {
  store: Store;
  now(): number;
  settings: SettingsStore;
  /** Hub passwords and the post's key (never in the settings file where a store can protect them). */
  secrets: SecretStore;
  /** The background sync engine, where the core runs one. */
  sync?: SyncEngine;
  /** The shift-change copies of the database, where the core takes them. */
  safetyCopies?: SafetyCopies;
  /** The shell's file dialogs (Electron's, or the e2e harness's); absent in the command line. */
  files?: FileChooser;
  /** Starts the process a backup is inspected in (the shell's; default, a Node fork). */
  inspector?: InspectorLauncher;
  /** Tells every open view that these entities changed, for work that ends after its call returned. */
  announce?: (entities: string[]) => void;
}
