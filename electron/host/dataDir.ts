// The data folder, the same for every shell: BEACON_DATA_DIR, else <user data>/data where
// <user data> is what Electron's app.getPath('userData') gives for productName "Beacon".
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Beacon';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BEACON_DATA_DIR || join(userDataDir(env), 'data');
}
