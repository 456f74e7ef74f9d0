// The packaged app locked down (issue #18 item 8): the fuses electron-builder flips, read from
// electron-builder.yml as it does, and the pure rules main.ts applies to DevTools and requests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { devToolsAllowed, isAllowedFileUrl, isAllowedRequest } from '../../electron/hardening';

// electron-builder's own YAML reader (a dependency of it): the file is read as packaging reads it.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

describe('the packaged app', () => {
  it('is built with the fuses that lock it down', () => {
    const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses?: Record<string, unknown> };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('has no DevTools when packaged', () => {
    expect(devToolsAllowed(true)).toBe(false);
    expect(devToolsAllowed(false)).toBe(true);
  });

  const root = '/opt/Beacon/resources/app.asar/dist/renderer';
  const own = pathToFileURL(join(root, 'index.html')).href;

  it('loads file: URLs of its own renderer folder only', () => {
    expect(isAllowedFileUrl(own, root)).toBe(true);
    expect(isAllowedFileUrl(`${own}#/wall`, root)).toBe(true);
    expect(isAllowedFileUrl(pathToFileURL(join(root, 'assets/index-abc.js')).href, root)).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      `file://${root}/../../../../../../etc/passwd`,
      `file://${root}/%2e%2e/%2e%2e/secret`,
      `file://${root}/assets%2f..%2f..%2fx`,
      `file://${root}`,
      `file://${root}-evil/index.html`,
      'file://attacker.example/share/index.html',
      `file://${root}/a%00.js`,
      'not a url',
    ]) expect([url, isAllowedFileUrl(url, root)]).toEqual([url, false]);
  });

  it('lets the window request nothing else: devtools only unpackaged, the dev server only in development', () => {
    const packaged = { appRoot: root, devTools: devToolsAllowed(true) };
    expect(isAllowedRequest(own, packaged)).toBe(true);
    expect(isAllowedRequest('blob:file:///1234', packaged)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', packaged)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', packaged)).toBe(false);
    expect(isAllowedRequest('file:///home/operator/.ssh/id_ed25519', packaged)).toBe(false);
    expect(isAllowedRequest('https://example.org/', packaged)).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/', packaged)).toBe(false);
    const development = { appRoot: root, devTools: devToolsAllowed(false), devServer: 'http://localhost:5173/' };
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', development)).toBe(true);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', development)).toBe(true);
  });
});
