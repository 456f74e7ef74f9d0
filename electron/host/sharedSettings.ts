// The console's settings where Electron's shell keeps them: electron-store's file
// (<user data>/settings.json, the settings under "console"), read and written without Electron,
// so the browser host on Electron's data folder sees the same post, letter and language.
// A damaged file never stops the console: it is kept aside and the defaults are used.
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseSettings } from '../core/settings/fileSettingsStore';
import { DEFAULT_SETTINGS, type SettingsStore } from '../core/settings/settingsStore';

function readObject(file: string): Record<string, unknown> | null {
  if (!existsSync(file)) return {};
  try {
    const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function createSharedSettingsStore(file: string, onDamaged?: (keptAs: string) => void): SettingsStore {
  let keptAside: string | null = null;
  const keepAside = () => {
    const keptAs = `${file}.damaged-${Date.now()}`;
    copyFileSync(file, keptAs);
    keptAside = keptAs;
    onDamaged?.(keptAs);
  };
  return {
    restoredFrom: () => keptAside,
    read() {
      const whole = readObject(file);
      if (whole === null) {
        keepAside();
        return { ...DEFAULT_SETTINGS };
      }
      if (!('console' in whole)) return { ...DEFAULT_SETTINGS };
      const settings = parseSettings(whole.console);
      if (settings) return settings;
      keepAside();
      return { ...DEFAULT_SETTINGS };
    },
    write(settings) {
      // electron-store's other keys (if any) are kept; write then rename, so a power cut leaves the old file or the new.
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify({ ...(readObject(file) ?? {}), console: settings }, null, '\t'));
      renameSync(tmp, file);
    },
  };
}
