// The system's Chromium, Chrome or Edge: for the console's app window and for making PDFs.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'];

function candidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  if (platform === 'darwin') {
    return ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge']
      .map((app) => join('/Applications', app));
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    return roots.flatMap((root) => [join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), join(root, 'Chromium', 'Application', 'chrome.exe')]);
  }
  const dirs = (env.PATH ?? '/usr/bin').split(delimiter).filter(Boolean);
  return NAMES.flatMap((name) => dirs.map((dir) => join(dir, name)));
}

/** BEACON_BROWSER when set, else the first one installed; null when there is none. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  if (env.BEACON_BROWSER) return existsSync(env.BEACON_BROWSER) ? env.BEACON_BROWSER : null;
  return candidates(env, platform).find((file) => existsSync(file)) ?? null;
}
