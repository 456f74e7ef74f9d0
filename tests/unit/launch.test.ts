// How `npm start` chooses its shell, its port and its folders, before anything is started.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseShell, electronBinary, hasDisplay, portFrom } from '../../electron/host/launch';
import { defaultDataDir, userDataDir } from '../../electron/host/dataDir';
import { findBrowser } from '../../electron/host/browser/findBrowser';

describe('the launcher', () => {
  it('takes Electron where its binary is and there is a display, else the browser host, and says why', () => {
    expect(chooseShell({}, '/x/electron', true)).toEqual({ shell: 'electron', because: 'becauseElectronPresent' });
    expect(chooseShell({}, null, true)).toEqual({ shell: 'browser', because: 'becauseNoElectron' });
    expect(chooseShell({}, '/x/electron', false)).toEqual({ shell: 'browser', because: 'becauseNoDisplay' });
    expect(chooseShell({ BEACON_SHELL: 'browser' }, '/x/electron', true)).toMatchObject({ shell: 'browser', because: 'becauseChosen' });
    expect(chooseShell({ BEACON_SHELL: 'electron' }, '/x/electron', false)).toMatchObject({ shell: 'electron', because: 'becauseChosen' });
    expect(chooseShell({ BEACON_SHELL: 'electron' }, null, true)).toEqual({ error: 'noElectron' });
    expect(chooseShell({ BEACON_SHELL: 'chrome' }, null, true)).toEqual({ error: 'badShell', params: { shell: 'chrome' } });
  });

  it('reads a display from DISPLAY or WAYLAND_DISPLAY on Linux only', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'win32')).toBe(true);
  });

  it('takes BEACON_PORT when it is a port, a free one when unset, and refuses anything else', () => {
    expect(portFrom({})).toBe(0);
    expect(portFrom({ BEACON_PORT: '8417' })).toBe(8417);
    for (const bad of ['0', '65536', '80a', '-1', '1e3', ' 80']) expect(portFrom({ BEACON_PORT: bad }), bad).toBeUndefined();
  });

  it('finds Electron\'s binary from the package\'s path.txt without asking it to download', () => {
    const root = mkdtempSync(join(tmpdir(), 'beacon-launch-'));
    expect(electronBinary(root, {})).toBeNull();
    mkdirSync(join(root, 'node_modules', 'electron', 'dist'), { recursive: true });
    expect(electronBinary(root, {})).toBeNull();
    writeFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(electronBinary(root, {})).toBeNull();
    writeFileSync(join(root, 'node_modules', 'electron', 'dist', 'electron'), '');
    expect(electronBinary(root, {})).toBe(join(root, 'node_modules', 'electron', 'dist', 'electron'));
    expect(electronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'nowhere') })).toBeNull();
  });

  it('uses the data folder Electron would: BEACON_DATA_DIR, else the platform\'s user-data folder for Beacon', () => {
    expect(defaultDataDir({ BEACON_DATA_DIR: '/srv/beacon' })).toBe('/srv/beacon');
    expect(userDataDir({}, 'linux', '/home/rania')).toBe('/home/rania/.config/Beacon');
    expect(userDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/rania')).toBe('/cfg/Beacon');
    expect(userDataDir({}, 'darwin', '/Users/rania')).toBe('/Users/rania/Library/Application Support/Beacon');
    expect(userDataDir({ APPDATA: 'C:\\Users\\rania\\AppData\\Roaming' }, 'win32', 'C:\\Users\\rania')).toContain('Beacon');
  });

  it('finds the system browser, or the one BEACON_BROWSER names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-path-'));
    expect(findBrowser({ PATH: dir }, 'linux')).toBeNull();
    writeFileSync(join(dir, 'google-chrome'), '');
    expect(findBrowser({ PATH: dir }, 'linux')).toBe(join(dir, 'google-chrome'));
    expect(findBrowser({ PATH: dir, BEACON_BROWSER: join(dir, 'missing') }, 'linux')).toBeNull();
  });
});
