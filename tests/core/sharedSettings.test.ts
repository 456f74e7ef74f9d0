// The browser host on Electron's data folder reads and writes the settings where Electron's
// shell keeps them (electron-store's settings.json, under "console"): a post set up in one
// shell is the same post in the other, not a first run over its data.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { createSharedSettingsStore } from '../../electron/host/sharedSettings';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settingsStore';
import { cleanedAfterEach, SETUP } from './testCore';

const { tempDir } = cleanedAfterEach('beacon-shared-settings-');

describe('settings shared with the Electron shell', () => {
  it('reads and writes electron-store\'s file, keeping its other keys', async () => {
    const userData = tempDir();
    const file = join(userData, 'settings.json');
    const store = createSharedSettingsStore(file);
    expect(store.read()).toEqual(DEFAULT_SETTINGS);
    writeFileSync(file, JSON.stringify({ windowBounds: { width: 1400 } }));
    // A console set up by one shell, seen by the other.
    const core = await openCore({ dataDir: join(userData, 'data'), settings: store, safetyCopies: false, log: { error: () => undefined, info: () => undefined } });
    expect((await core.invoke(core.createSession(), 'setup.complete', SETUP)).ok).toBe(true);
    await core.close();
    const whole = JSON.parse(readFileSync(file, 'utf8')) as { windowBounds: unknown; console: { post: unknown } };
    expect(whole.windowBounds).toEqual({ width: 1400 });
    expect(whole.console.post).toEqual(SETUP.post);
    const again = await openCore({ dataDir: join(userData, 'data'), settings: createSharedSettingsStore(file), safetyCopies: false, log: { error: () => undefined, info: () => undefined } });
    expect(await again.invoke(again.createSession(), 'setup.status', {})).toMatchObject({ ok: true, value: { needsSetup: false, recovery: false } });
    await again.close();
  });

  it('keeps a damaged file aside and starts from the defaults', () => {
    for (const damaged of ['{ not json', JSON.stringify({ console: { language: 'fr' } })]) {
      const userData = tempDir();
      const file = join(userData, 'settings.json');
      writeFileSync(file, damaged);
      const kept: string[] = [];
      const store = createSharedSettingsStore(file, (keptAs) => kept.push(keptAs));
      expect(store.read()).toEqual(DEFAULT_SETTINGS);
      expect(kept).toHaveLength(1);
      expect(readFileSync(kept[0]!, 'utf8')).toBe(damaged);
      expect(store.restoredFrom()).toBe(kept[0]);
      expect(readdirSync(userData).filter((f) => f.includes('.damaged-'))).toHaveLength(1);
      expect(existsSync(file)).toBe(true);
    }
  });
});
