// The app's settings: the same JSON file store as the CLI and the browser host, in Electron's
// user-data folder. electron-store (which asks for Node 22) wrote this file as
// { "console": {...} }; such a file is unwrapped once, so an installed console keeps its post.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Language } from '../../shared/domain';
import type { SettingsStore } from '../core/settings/settingsStore';
import { createFileSettingsStore, parseSettings } from '../core/settings/fileSettingsStore';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** What electron-store kept under its `console` key, if the file is one of its. */
function electronStoreContent(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && 'console' in raw && !('language' in raw)) return (raw as { console: unknown }).console;
  return undefined;
}

function unwrapElectronStoreFile(file: string): void {
  if (!existsSync(file)) return;
  const content = electronStoreContent(readJson(file));
  // Anything unreadable is left as it is, for the store to keep aside and report.
  if (parseSettings(content) === null) return;
  writeFileSync(`${file}.tmp`, JSON.stringify(content, null, 2));
  renameSync(`${file}.tmp`, file);
}

export function createElectronSettingsStore(file: string, onDamaged: (keptAs: string) => void): SettingsStore {
  unwrapElectronStoreFile(file);
  return createFileSettingsStore(file, onDamaged);
}

/** The post's default language, read before the app is ready; damage is left for the store to report. */
export function storedLanguage(file: string): Language {
  const raw = readJson(file);
  return parseSettings(electronStoreContent(raw) ?? raw)?.language ?? 'ar';
}
