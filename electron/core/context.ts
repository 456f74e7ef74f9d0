// What every service is given rather than imports: the database, the time, the settings.
import type { Output } from '../../shared/api';
import type { FileChooserFor } from './base/fileChooser';
import type { SecretStore } from './base/secretStore';
import type { SettingsStore } from './base/settingsStore';
import type { InspectorLauncher } from './db/inspection/inspectApart';
import type { SafetyCopies } from './db/safetyCopies';
import type { Store } from './db/store';
import type { Session } from './session';

/** The background sync engine as services see it (sync/engine.ts; sync sits above the services). */
export interface BackgroundSync {
  syncNow(hubId?: string): Promise<Output<'sync.now'>>;
  status(): Promise<Output<'sync.status'>>;
}

export interface ServiceContext {
  store: Store;
  now(): number;
  settings: SettingsStore;
  /** Hub passwords and the post's key (never in the settings file where a store can protect them). */
  secrets: SecretStore;
  /** The background sync engine, where the core runs one. */
  sync?: BackgroundSync;
  /** The shift-change copies of the database, where the core takes them. */
  safetyCopies?: SafetyCopies;
  /** The shell's file dialogs (Electron's, or the e2e harness's); absent in the command line. */
  files?: FileChooserFor<Session>;
  /** Starts the process a backup is inspected in (the shell's; default, a Node fork). */
  inspector?: InspectorLauncher;
  /** Tells every open view that these entities changed, for work that ends after its call returned. */
  announce?: (entities: string[]) => void;
}
