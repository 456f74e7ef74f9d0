// The shell's half of `backup.restore`, shared by Electron's main process and the e2e
// harness: the core that approved the restore is closed, the file restored (restore.ts:
// checked again, the replaced database kept, a new origin), and a core opened again, on the
// restored database or, when anything failed, on the untouched old one.
import type { Output, Result } from '../../../shared/api';
import { DomainError } from '../base/errors';
import { restoreDatabase } from '../db/restore';
import type { Logger } from '../base/logger';
import type { Store } from '../db/store';
import type { InspectorLauncher } from '../db/inspection/inspectApart';
import { asBackupError } from './backups';
import { duplicateIncidentNumbers } from './duplicates';

/** What this needs of a running core (openCore.ts's Core, which sits above backup/). */
interface RunningCore {
  readonly dataDir: string;
  readonly store: Pick<Store, 'origin' | 'reader'>;
  readonly context: { now(): number; inspector?: InspectorLauncher };
  close(): Promise<void>;
}

export async function restoreInPlace<C extends RunningCore>(
  core: C,
  approved: Output<'backup.restore'>,
  reopen: () => Promise<C>,
  log: Logger,
): Promise<{ core: C; result: Result<Output<'backup.restore'>> }> {
  const now = core.context.now();
  await core.close();
  let keptAs: string | null = null;
  let failure: DomainError | null = null;
  try {
    ({ keptAs } = await restoreDatabase(core.dataDir, approved.file, now, { inspector: core.context.inspector }));
  } catch (err) {
    log.error('restore failed', { file: approved.file, error: String(err) });
    const said = asBackupError(err);
    failure = said instanceof DomainError ? said : new DomainError('backup.restoreFailed');
  }
  const next = await reopen();
  if (failure) return { core: next, result: { ok: false, error: failure.toApiError() } };
  log.info('database restored', { file: approved.file, keptAs, origin: next.store.origin });
  // Incidents that came back twice before the backup was taken; later ones are caught by `check` and the screen.
  const duplicates = await duplicateIncidentNumbers(next.store.reader);
  return { core: next, result: { ok: true, value: { file: approved.file, restored: true, keptAs, duplicates } } };
}
