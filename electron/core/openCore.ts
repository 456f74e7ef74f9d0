// Opens the core on a data folder: the database (migrated), the services and the router.
import type { ChangeEvent, ChannelName, Output, Result } from '../../shared/api';
import { channels } from './api/channels';
import { createRouter } from './api/router';
import { createSession, type Session } from './session';
import type { FileChooser } from './backup/backups';
import type { InspectorLauncher } from './db/inspection/inspectApart';
import type { ServiceContext } from './context';
import { createSafetyCopies, type SafetyCopies } from './db/safetyCopies';
import { createSyncEngine } from './sync/engine';
import { applyOperations } from './sync/applyOperations';
import { renewOrigin } from './sync/renewOrigin';
import { configuredHubs, moveClearPasswords } from './sync/hubs';
import { clearStaleBundleCopies } from './sync/bundles';
import { memorySecretStore, type SecretStore } from './secrets/secretStore';
import { moveClearPostKey } from './post/postKey';
import { mirrorPostSettings } from './post/postSettings';
import { reconcilePostIdentity } from './post/postIdentity';
import { ENTITIES } from './oplog/entities';

/** After operations arrive from a hub any view may be stale. */
const ALL_ENTITIES = Object.keys(ENTITIES);
import { openStore, type Store } from './db/store';
import { DatabaseOpenError } from './db/migrations';
import { offeredCopies } from './db/recovery';
import { ensureRollup } from './stats/rollup';
import type { SettingsStore } from './settings/settingsStore';
import type { Clock } from './base/clock';
import type { Logger } from './base/logger';

export type { Clock, Logger };

export interface CoreOptions {
  /** Folder holding beacon.db (created if missing). */
  dataDir: string;
  settings: SettingsStore;
  clock?: Clock;
  log?: Logger;
  /** Validate outputs against the contract too; tests turn this on. */
  checkOutputs?: boolean;
  /** Take safety copies at open and at every shift change (default on); the CLI, a short-lived process, turns this off. */
  safetyCopies?: boolean;
  /** Sync with the configured hubs in the background (default on; off for the CLI, which syncs on command). */
  sync?: boolean;
  /**
   * Where hub passwords and the post's key are kept: the app gives one sealed by the OS
   * (electron/secrets.ts); default, in memory (tests). A caller whose values must outlive the
   * process but has no such store gives an unavailable one, so nothing is moved out of the file.
   */
  secrets?: SecretStore;
  /** The shell's file dialogs, for backup and restore from the app (Electron's main, the e2e harness). */
  files?: FileChooser;
  /** Only looking (the CLI's `check`): the settings are not rebuilt from the database, nor the post's identity recorded. */
  readOnly?: boolean;
  /** Starts the process a backup is inspected in: Electron's utilityProcess (main.ts); default, a Node fork. */
  inspector?: InspectorLauncher;
  /** How long quick_check at open may take (db/store.ts QUICK_CHECK_MS). */
  quickCheckMs?: number;
}

export interface Core {
  readonly dataDir: string;
  /** For the CLI, tests and benchmarks, which call services directly. */
  readonly context: ServiceContext;
  readonly store: Store;
  /** The database copied at every shift change, into `<dataDir>/safety-copies`. */
  readonly safetyCopies: SafetyCopies;
  createSession(): Session;
  /** Validates `input` against the channel's schema; never throws. */
  invoke<C extends ChannelName>(session: Session, channel: C, input: unknown): Promise<Result<Output<C>>>;
  onChange(listener: (event: ChangeEvent) => void): () => void;
  close(): Promise<void>;
}

export const consoleLogger: Logger = {
  error: (message, context) => console.error(message, context ?? ''),
  info: () => undefined,
};

export async function openCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? { now: () => Date.now() };
  const log = options.log ?? consoleLogger;
  // The post's shared settings arrive as operations; this console's settings follow them. A
  // failure here leaves the operations applied: the mirror at the next open catches up.
  const followPost = async () => {
    try {
      if (await mirrorPostSettings(options.settings, store.reader)) emit({ entities: ['settings'] });
    } catch (err) {
      log.error('could not copy the post\'s settings into this console\'s', { error: String(err) });
    }
  };
  const store = await openStore(options.dataDir, () => clock.now(), { remote: { apply: applyOperations, renew: renewOrigin }, afterRemote: followPost, ...(options.quickCheckMs !== undefined ? { quickCheckMs: options.quickCheckMs } : {}) })
    .catch((err: unknown) => {
      // A shell that cannot open the database offers what it can be restored from (db/recovery.ts).
      if (err instanceof DatabaseOpenError) err.safetyCopies = offeredCopies(options.dataDir, options.settings, log);
      throw err;
    });
  // Before anything reads the post: a lost settings file must not reopen first run on live data.
  if (!options.readOnly) await reconcilePostIdentity(options.settings, store, log);
  // Statistics read the daily rollup only where it was built for the post's zone.
  const post = options.settings.read().post;
  // A rebuild that fails (disk full) leaves the statistics on the incidents themselves: slower, still right.
  if (post) await ensureRollup(store, post.timeZone).catch((err: unknown) => log.error('daily rollup not rebuilt', { error: String(err) }));
  clearStaleBundleCopies(store.file, clock.now());
  const secrets = options.secrets ?? memorySecretStore();
  moveClearPasswords(options.settings, secrets, log);
  moveClearPostKey(options.settings, secrets, log);
  const context: ServiceContext = { store, now: () => clock.now(), settings: options.settings, secrets, ...(options.files ? { files: options.files } : {}), ...(options.inspector ? { inspector: options.inspector } : {}) };
  const listeners = new Set<(event: ChangeEvent) => void>();
  const emit = (event: ChangeEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (err) {
        log.error('change listener failed', { error: String(err) });
      }
    }
  };
  context.announce = (entities) => emit({ entities });
  await followPost(); // what arrived before a crash between the commit and the settings write
  const safetyCopies = createSafetyCopies({ databaseFile: store.file, dataDir: options.dataDir, settings: options.settings, now: context.now, log });
  // Until a post is set up there is nothing to copy; the ten-minute re-check picks it up after first run.
  if (options.safetyCopies ?? true) safetyCopies.start();
  context.safetyCopies = safetyCopies;
  const sync = createSyncEngine({
    store, now: context.now, log, hubs: () => configuredHubs(options.settings, secrets),
    onApplied: () => emit({ entities: ALL_ENTITIES }),
  });
  context.sync = sync;
  if (options.sync ?? true) sync.start();
  const invoke = createRouter({ ctx: context, channels, log, emit, checkOutputs: options.checkOutputs ?? false });
  return {
    dataDir: options.dataDir,
    context,
    store,
    safetyCopies,
    createSession,
    invoke,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await sync.stop();
      await safetyCopies.stop();
      listeners.clear();
      await store.close();
    },
  };
}
