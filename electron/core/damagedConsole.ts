// What a shell runs when the console's database cannot be opened (damaged, as quick_check at
// open finds; issue #18 item 6): instead of a blank window or a bare error box, the windows
// get a console that answers two channels — why (`backup.health`, with the safety copies
// there are) and `backup.restoreSafetyCopy` — and refuses every other with the reason. No
// one can sign in to a database that cannot be read, so the restore asks for no role; it only
// takes one of the console's own copies, by name, and keeps the damaged file beside it. On
// success the shell opens the core again (openCore) and reloads its windows.
import { api, type ChannelName, type Output, type Result } from '../../shared/api';
import { DomainError } from './base/errors';
import type { DatabaseOpenError } from './db/migrations';
import type { InspectorLauncher } from './db/inspection/inspectApart';
import { offeredCopies, restoreSafetyCopy } from './db/recovery';
import type { Logger } from './base/logger';
import type { SettingsStore } from './settings/settingsStore';

export interface DamagedConsoleOptions {
  dataDir: string;
  settings: SettingsStore;
  /** What openCore threw. */
  error: DatabaseOpenError;
  now(): number;
  log: Logger;
  /** Starts the process the safety copy is read in (the shell's; default, a Node fork). */
  inspector?: InspectorLauncher;
}

export interface DamagedConsole {
  readonly error: DatabaseOpenError;
  invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
}

export function damagedConsole(options: DamagedConsoleOptions): DamagedConsole {
  const { dataDir, settings, error, log } = options;
  const refused = { ok: false as const, error: { code: error.code, params: error.params } };
  const health = (): Output<'backup.health'> => ({
    code: error.code,
    params: error.params,
    safetyCopies: offeredCopies(dataDir, settings, log).map(({ name, bytes, shiftStart }) => ({ name, bytes, shiftStart })),
    language: settings.read().language,
  });
  let restoring = false;
  return {
    error,
    async invoke(channel, input) {
      if (channel === 'backup.health') return { ok: true, value: health() };
      if (channel !== 'backup.restoreSafetyCopy') return refused;
      const parsed = api['backup.restoreSafetyCopy'].input.safeParse(input);
      if (!parsed.success) return { ok: false, error: { code: 'error.invalidInput' } };
      // One at a time: two windows pressing at once must not restore twice.
      if (restoring) return { ok: false, error: { code: 'error.busy' } };
      restoring = true;
      try {
        const { keptAs } = await restoreSafetyCopy(dataDir, settings, parsed.data.name, options.now(), log, options.inspector);
        log.info('safety copy restored over a damaged database', { name: parsed.data.name, keptAs });
        return { ok: true, value: { keptAs } };
      } catch (err) {
        log.error('safety copy not restored', { name: parsed.data.name, error: String(err) });
        const said = err instanceof DomainError ? err : new DomainError('backup.restoreFailed');
        return { ok: false, error: said.toApiError() };
      } finally {
        restoring = false;
      }
    },
  };
}
