// When the console's database cannot be opened (damaged, as quick_check at open finds), the
// shell shows why and offers the safety copies taken at shift changes: openCore attaches them
// to the DatabaseOpenError it throws, and restoreSafetyCopy puts the chosen one in place by the
// same checked, data-only restore as a backup (restore.ts). The damaged file is kept beside it.
import { DomainError } from '../base/errors';
import type { Logger } from '../base/logger';
import type { SettingsStore } from '../settings/settingsStore';
import type { InspectorLauncher } from './inspection/inspectApart';
import type { OfferedCopy } from './migrations';
import { restoreDatabase, type RestoreResult } from './restore';
import { createSafetyCopies } from './safetyCopies';
import { DATABASE_FILE } from './store';
import { join } from 'node:path';

/** The safety copies of `dataDir`, newest first; none when the folder cannot be read. */
export function offeredCopies(dataDir: string, settings: SettingsStore, log: Logger): OfferedCopy[] {
  try {
    const copies = createSafetyCopies({ databaseFile: join(dataDir, DATABASE_FILE), dataDir, settings, now: () => Date.now(), log });
    return copies.list();
  } catch (err) {
    log.error('safety copies could not be listed', { error: String(err) });
    return [];
  }
}

/**
 * Restores the safety copy named `name` (only one of those listed: the name is matched, never
 * joined to a path as given) as the database of `dataDir`. The core must be closed (it is, when
 * it could not open).
 */
export async function restoreSafetyCopy(dataDir: string, settings: SettingsStore, name: string, now: number, log: Logger, inspector?: InspectorLauncher): Promise<RestoreResult> {
  const copy = offeredCopies(dataDir, settings, log).find((c) => c.name === name);
  if (!copy) throw new DomainError('restore.notFound');
  return restoreDatabase(dataDir, copy.path, now, { inspector });
}
