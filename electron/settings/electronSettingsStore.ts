// Settings in electron-store for the app. What is read is validated like any outside input:
// a damaged or hand-edited file falls back to the defaults, kept aside for IT to look at.
import { copyFileSync } from 'node:fs';
import Store from 'electron-store';
import { DEFAULT_SETTINGS, type ConsoleSettings, type SettingsStore } from '../core/settings/settingsStore';
import { parseSettings } from '../core/settings/fileSettingsStore';

export function createElectronSettingsStore(onDamaged: (keptAs: string) => void): SettingsStore {
  let keptAside: string | null = null;
  const damaged = (keptAs: string) => {
    keptAside = keptAs;
    onDamaged(keptAs);
  };
  let store: Store<{ console: ConsoleSettings }>;
  try {
    store = new Store<{ console: ConsoleSettings }>({ name: 'settings', clearInvalidConfig: false });
  } catch {
    // Unparseable JSON: keep the damaged file, start from defaults.
    const probe = new Store<{ console: ConsoleSettings }>({ name: 'settings-recovered', clearInvalidConfig: true });
    damaged(probe.path);
    store = probe;
  }
  return {
    restoredFrom: () => keptAside,
    read() {
      const settings = parseSettings(store.get('console'));
      if (settings) return settings;
      if (store.has('console')) {
        const keptAs = `${store.path}.damaged-${Date.now()}`;
        copyFileSync(store.path, keptAs);
        damaged(keptAs);
      }
      return { ...DEFAULT_SETTINGS };
    },
    write(settings) {
      store.set('console', settings);
    },
  };
}
