// The built renderer and nothing else, each response with the console's CSP.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, relative, resolve, sep } from 'node:path';
import { CSP } from '../csp';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
  '.ico': 'image/x-icon', '.map': 'application/json',
};

export const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** The file under `root` that `pathname` names, or null (outside it, missing, a folder). */
export function rendererFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = resolve(root, `.${decoded === '/' ? '/index.html' : decoded}`);
  const inside = relative(root, file);
  if (inside.startsWith('..') || inside.startsWith(sep) || inside === '') return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

export function sendFile(res: ServerResponse, file: string, head: boolean): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'cache-control': extname(file) === '.html' ? 'no-store' : 'private, max-age=3600',
  });
  if (head) res.end();
  else createReadStream(file).pipe(res);
}
