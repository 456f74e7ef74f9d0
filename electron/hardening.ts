// What the packaged app allows, as pure functions main.ts calls (issue #18 item 8): no Electron
// import here, so they are tested in plain Node. DevTools exist only in development; the window
// may load file: URLs of the app's own renderer folder and nothing else on disk.
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** DevTools only where the app is not packaged (`app.isPackaged`): a packaged console has no way to open them. */
export function devToolsAllowed(isPackaged: boolean): boolean {
  return !isPackaged;
}

/**
 * Whether `url` is a file: URL inside `appRoot` (the renderer's folder). `..` segments, encoded
 * or not, are resolved by the URL parser before the check, so none climbs out; a query or a
 * fragment does not change which file is read.
 */
export function isAllowedFileUrl(url: string, appRoot: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  let path: string;
  try {
    path = fileURLToPath(new URL(`file://${parsed.pathname}`));
  } catch {
    // An encoded slash or NUL: no file of ours is named so.
    return false;
  }
  if (path.includes('\0')) return false;
  const inside = relative(resolve(appRoot), resolve(path));
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

export interface RequestRules {
  /** The renderer's folder: the only place file: requests may read. */
  appRoot: string;
  /** Vite's dev server, in development only. */
  devServer?: string | undefined;
  /** devToolsAllowed(app.isPackaged). */
  devTools: boolean;
}

/** Whether the window may make the request `url` (session.webRequest.onBeforeRequest). */
export function isAllowedRequest(url: string, rules: RequestRules): boolean {
  if (url.startsWith('file:')) return isAllowedFileUrl(url, rules.appRoot);
  // Made in the page itself (chart images, CSV downloads): they never leave the machine.
  if (url.startsWith('blob:') || url.startsWith('data:')) return true;
  if (url.startsWith('devtools:')) return rules.devTools;
  return rules.devServer !== undefined && rules.devServer !== '' && url.startsWith(rules.devServer);
}
