// The app keeps its settings where the CLI and the browser host do: <data folder>/settings.json,
// the core's plain JSON store. Before, electron-store (which asks for Node 22) kept them in the
// user-data folder as { "console": {...} }; a console set up that way is carried over once.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../../shared/domain';
import { parseSettings } from '../core/settings/fileSettingsStore';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Copies electron-store's settings to `target` when there are none there yet and the data
 * folder already holds a database (the console it set up): a fresh BEACON_DATA_DIR folder
 * must not inherit another console's post. The old file is left for an older Beacon.
 */
export function adoptElectronStoreSettings(legacyFile: string, target: string, dataDir: string): void {
  if (existsSync(target) || !existsSync(legacyFile) || !existsSync(join(dataDir, 'beacon.db'))) return;
  const raw = readJson(legacyFile);
  const content = raw && typeof raw === 'object' && 'console' in raw ? (raw as { console: unknown }).console : undefined;
  // Anything unreadable stays where it is: the console starts from first run, as it would have.
  if (parseSettings(content) === null) return;
  writeFileSync(`${target}.tmp`, JSON.stringify(content, null, 2));
  renameSync(`${target}.tmp`, target);
}

/** The post's default language, read before the app is ready; damage is left for the store to report. */
export function storedLanguage(file: string): Language {
  return parseSettings(readJson(file))?.language ?? 'ar';
}
