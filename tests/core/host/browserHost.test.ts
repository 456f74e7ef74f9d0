// The browser host refuses whoever is not the console's own page: no secret or a wrong one,
// another Host (DNS rebinding), another Origin, a WebSocket from another site, an upload past
// the cap, and any address beyond loopback. Real server, real core, real SQLite file.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BindRefused, startBrowserHost, type BrowserHost } from '../../../electron/host/browser/server';
import { CSP } from '../../../electron/host';
import type { HostMessage } from '../../../shared/api/wire';
import { cleanedAfterEach, SETUP } from '../testCore';

const { tempDir } = cleanedAfterEach('beacon-browser-host-');
const running: BrowserHost[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.close();
});

async function start(options: { uploadCap?: number; leftInDownloads?: string } = {}) {
  const { leftInDownloads, ...hostOptions } = options;
  const dataDir = tempDir();
  if (leftInDownloads) {
    mkdirSync(join(dataDir, 'downloads'));
    writeFileSync(join(dataDir, 'downloads', leftInDownloads), 'an earlier run\'s backup');
  }
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Beacon</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dataDir, 'outside.txt'), 'not for the page');
  const host = await startBrowserHost({ dataDir, rendererDir, log: { error: () => undefined, info: () => undefined }, ...hostOptions });
  running.push(host);
  return { host, dataDir };
}

interface Answer { status: number; headers: IncomingHttpHeaders; body: string }

function request(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function cookieFor(host: BrowserHost): Promise<string> {
  const answer = await request(host.port, `/?k=${new URL(host.url).searchParams.get('k')}`);
  return String(answer.headers['set-cookie']?.[0]).split(';')[0]!;
}

function socket(host: BrowserHost, headers: Record<string, string>): Promise<{ ws: WebSocket; messages: HostMessage[] } | { refused: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ops`, { headers });
    const messages: HostMessage[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data)) as HostMessage));
    ws.on('open', () => resolve({ ws, messages }));
    ws.on('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ refused: -1 }));
  });
}

async function until<T>(find: () => T | undefined): Promise<T> {
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the browser host', () => {
  it('exchanges only this start\'s secret for an HttpOnly, SameSite=Strict cookie and a clean address', async () => {
    const { host } = await start();
    expect(new URL(host.url).searchParams.get('k')).toMatch(/^[0-9a-f]{64}$/);
    expect((await request(host.port, '/')).status).toBe(403);
    expect((await request(host.port, '/index.html')).status).toBe(403);
    expect((await request(host.port, `/?k=${'0'.repeat(64)}`)).status).toBe(403);
    expect((await request(host.port, '/?k=')).status).toBe(403);
    const exchanged = await request(host.port, `/?k=${new URL(host.url).searchParams.get('k')}`);
    expect(exchanged.status).toBe(303);
    expect(exchanged.headers.location).toBe('/');
    const cookie = String(exchanged.headers['set-cookie']?.[0]);
    expect(cookie).toMatch(new RegExp(`^beacon-${host.port}=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=/$`));
    const page = await request(host.port, '/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Beacon</title>');
    expect(page.headers['content-security-policy']).toBe(CSP);
    expect((await request(host.port, '/', { headers: { cookie: `beacon-${host.port}=${'1'.repeat(64)}` } })).status).toBe(403);
    // A second start has another secret: the first one's address and cookie are worth nothing.
    const { host: other } = await start();
    expect(other.url).not.toBe(host.url);
    expect((await request(other.port, '/', { headers: { cookie: cookie.split(';')[0]!.replace(String(host.port), String(other.port)) } })).status).toBe(403);
  });

  it('refuses another Host (DNS rebinding) and another Origin, even with the cookie', async () => {
    const { host } = await start();
    const cookie = await cookieFor(host);
    for (const name of [`localhost:${host.port}`, `evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port + 1}`]) {
      expect((await request(host.port, '/', { headers: { cookie, host: name } })).status, name).toBe(403);
    }
    expect((await request(host.port, `/?k=${new URL(host.url).searchParams.get('k')}`, { headers: { host: `evil.example:${host.port}` } })).status).toBe(403);
    for (const origin of ['http://evil.example', `http://localhost:${host.port}`, 'null', `https://127.0.0.1:${host.port}`]) {
      expect((await request(host.port, '/', { headers: { cookie, origin } })).status, origin).toBe(403);
    }
    expect((await request(host.port, '/', { headers: { cookie, origin: host.origin } })).status).toBe(200);
  });

  it('serves the built renderer and nothing else', async () => {
    const { host } = await start();
    const cookie = await cookieFor(host);
    expect((await request(host.port, '/assets/app.js', { headers: { cookie } })).status).toBe(200);
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/%2e%2e%2f%2e%2e%2foutside.txt', '/%00', '/assets', '/download/' + '0'.repeat(32)]) {
      expect((await request(host.port, path, { headers: { cookie } })).status, path).toBe(404);
    }
    expect((await request(host.port, '/', { method: 'PUT', headers: { cookie } })).status).toBe(405);
    expect((await request(host.port, `/upload/${'0'.repeat(32)}`, { method: 'POST', headers: { cookie }, body: Buffer.from('x') })).status).toBe(404);
  });

  it('opens window.ops only to its own origin with the cookie; each socket is its own session', async () => {
    const { host } = await start();
    const cookie = await cookieFor(host);
    expect(await socket(host, { origin: 'http://evil.example', cookie })).toEqual({ refused: 403 });
    expect(await socket(host, { cookie })).toEqual({ refused: 403 });
    expect(await socket(host, { origin: host.origin })).toEqual({ refused: 403 });
    expect(await socket(host, { origin: host.origin, cookie, host: `localhost:${host.port}` })).toEqual({ refused: 403 });
    const good = await socket(host, { origin: host.origin, cookie });
    if (!('ws' in good)) throw new Error('refused');
    good.ws.send(JSON.stringify({ t: 'call', id: 1, channel: 'setup.status', input: {} }));
    good.ws.send('not json');
    good.ws.send(JSON.stringify({ t: 'call', id: 2, channel: 'no.such', input: {} }));
    const first = await until(() => good.messages.find((m) => m.t === 'result' && m.id === 1));
    expect(first).toMatchObject({ result: { ok: true, value: { needsSetup: true } } });
    expect(await until(() => good.messages.find((m) => m.t === 'result' && m.id === 2))).toMatchObject({ result: { ok: false, error: { code: 'error.unknownChannel' } } });
    expect(good.messages[0]).toMatchObject({ t: 'hello' });
    good.ws.close();
  });

  it('keeps a window\'s session across a reload (its resume token), even before the old socket has closed; a new window gets its own', async () => {
    const { host } = await start();
    const cookie = await cookieFor(host);
    const headers = { origin: host.origin, cookie };
    const call = async (page: { ws: WebSocket; messages: HostMessage[] }, id: number, channel: string, input: unknown) => {
      page.ws.send(JSON.stringify({ t: 'call', id, channel, input }));
      return (await until(() => page.messages.find((m): m is Extract<HostMessage, { t: 'result' }> => m.t === 'result' && m.id === id))).result;
    };
    const first = await socket(host, headers);
    if (!('ws' in first)) throw new Error('refused');
    await call(first, 1, 'setup.complete', SETUP);
    const hello = await until(() => first.messages.find((m): m is Extract<HostMessage, { t: 'hello' }> => m.t === 'hello'));
    const reloaded = await socket(host, { ...headers });
    const withToken = await new Promise<{ ws: WebSocket; messages: HostMessage[] }>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ops?resume=${hello.resume}`, { headers });
      const messages: HostMessage[] = [];
      ws.on('message', (data) => messages.push(JSON.parse(String(data)) as HostMessage));
      ws.on('open', () => resolve({ ws, messages }));
    });
    expect(await call(withToken, 1, 'session.current', {})).toMatchObject({ ok: true, value: { name: 'Rania Haddad' } });
    if (!('ws' in reloaded)) throw new Error('refused');
    expect(await call(reloaded, 1, 'session.current', {})).toEqual({ ok: true, value: null });
    first.ws.close();
    expect(await call(withToken, 2, 'session.current', {})).toMatchObject({ ok: true, value: { name: 'Rania Haddad' } });
    withToken.ws.close();
    reloaded.ws.close();
  });

  it('refuses an upload over the cap with 413 and keeps nothing of it; a smaller one reaches the core as the host\'s own path', async () => {
    const { host, dataDir } = await start({ uploadCap: 1024 });
    const cookie = await cookieFor(host);
    const page = await socket(host, { origin: host.origin, cookie });
    if (!('ws' in page)) throw new Error('refused');
    const pick = async (id: number) => {
      page.ws.send(JSON.stringify({ t: 'call', id, channel: 'setup.readPostKeyFile', input: {} }));
      return until(() => page.messages.find((m): m is Extract<HostMessage, { t: 'pick' }> => m.t === 'pick' && !page.messages.some((r) => r.t === 'result' && r.id === id) && !used.has(m.pick)));
    };
    const used = new Set<string>();
    const big = await pick(1);
    used.add(big.pick);
    // Streamed (chunked, no length said): cut off when it passes the cap.
    expect((await request(host.port, big.url, { method: 'POST', headers: { cookie, origin: host.origin }, body: Buffer.alloc(4096, 1) })).status).toBe(413);
    expect(await until(() => page.messages.find((m) => m.t === 'result' && m.id === 1))).toMatchObject({ result: { ok: true, value: null } });
    // Said up front: refused before a byte is stored.
    const declared = await pick(3);
    used.add(declared.pick);
    expect((await request(host.port, declared.url, { method: 'POST', headers: { cookie, 'content-length': '4096' }, body: Buffer.alloc(4096, 1) })).status).toBe(413);
    expect(await until(() => page.messages.find((m) => m.t === 'result' && m.id === 3))).toMatchObject({ result: { ok: true, value: null } });
    expect(existsSync(join(dataDir, 'uploads')) ? readdirSync(join(dataDir, 'uploads')) : []).toEqual([]);
    const small = await pick(2);
    used.add(small.pick);
    expect((await request(host.port, small.url, { method: 'POST', headers: { cookie, origin: host.origin }, body: Buffer.from('shopping list') })).status).toBe(204);
    expect(await until(() => page.messages.find((m) => m.t === 'result' && m.id === 2))).toMatchObject({ result: { ok: false, error: { code: 'postKey.notAKeyFile' } } });
    // A window closed with its picker open: the core's question ends as cancelled, nothing hangs.
    const other = await socket(host, { origin: host.origin, cookie });
    if (!('ws' in other)) throw new Error('refused');
    other.ws.send(JSON.stringify({ t: 'call', id: 1, channel: 'setup.readPostKeyFile', input: {} }));
    const abandoned = await until(() => other.messages.find((m): m is Extract<HostMessage, { t: 'pick' }> => m.t === 'pick'));
    other.ws.close();
    await until(() => (other.ws.readyState === WebSocket.CLOSED ? true : undefined));
    await expect.poll(async () => (await request(host.port, abandoned.url, { method: 'POST', headers: { cookie }, body: Buffer.from('x') })).status).toBe(404);
    // The same pick cannot be answered twice.
    expect((await request(host.port, small.url, { method: 'POST', headers: { cookie }, body: Buffer.from('x') })).status).toBe(404);
    page.ws.close();
  });

  it('offers a saved file (the post\'s key) once, then keeps no copy of it; what an earlier run left to download is gone at start', async () => {
    const { host, dataDir } = await start({ leftInDownloads: 'beacon-LTK-2026-12-01-0800.db' });
    const downloads = join(dataDir, 'downloads');
    expect(existsSync(downloads) ? readdirSync(downloads) : []).toEqual([]);
    const cookie = await cookieFor(host);
    const page = await socket(host, { origin: host.origin, cookie });
    if (!('ws' in page)) throw new Error('refused');
    const call = async (id: number, channel: string, input: unknown) => {
      page.ws.send(JSON.stringify({ t: 'call', id, channel, input }));
      return (await until(() => page.messages.find((m): m is Extract<HostMessage, { t: 'result' }> => m.t === 'result' && m.id === id))).result;
    };
    expect(await call(1, 'setup.complete', SETUP)).toMatchObject({ ok: true });
    expect(await call(2, 'post.exportKey', { passphrase: 'harbour lights at dawn' })).toMatchObject({ ok: true });
    const offer = await until(() => page.messages.find((m): m is Extract<HostMessage, { t: 'download' }> => m.t === 'download'));
    expect(readdirSync(downloads)).toEqual([offer.name]);
    const fetched = await request(host.port, offer.url, { headers: { cookie } });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toContain('LTK');
    await expect.poll(() => readdirSync(downloads)).toEqual([]);
    expect((await request(host.port, offer.url, { headers: { cookie } })).status).toBe(404);
    page.ws.close();
  });

  it('cannot be made to listen beyond loopback', async () => {
    for (const bind of ['0.0.0.0', '::', '192.168.1.10', 'localhost', '127.0.0.2']) {
      await expect(startBrowserHost({ dataDir: tempDir(), rendererDir: tempDir(), bind })).rejects.toBeInstanceOf(BindRefused);
    }
    const { host } = await start();
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
  });

  it('says so when its port is taken, with the database it opened closed again', async () => {
    const { host } = await start();
    const dataDir = tempDir();
    await expect(startBrowserHost({ dataDir, rendererDir: tempDir(), port: host.port, log: { error: () => undefined, info: () => undefined } })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(existsSync(join(dataDir, 'beacon.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'beacon.db-wal'))).toBe(false);
  });
});
