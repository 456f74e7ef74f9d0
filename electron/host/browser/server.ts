// The browser host: the host (../host.ts) served on 127.0.0.1 to the system's browser. Every
// request must name 127.0.0.1:<port>, come from there when it says where from, and hold this
// start's cookie (got by opening the address with the secret); window.ops runs over one
// WebSocket per window (ws), each its own session. See docs/host.md for the security model.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { pageMessage, WIRE_PATH, type HostMessage } from '../../../shared/api/wire';
import { openCore, type Core, type FileChooser } from '../../core';
import type { Logger } from '../../core/openCore';
import { memorySecretStore } from '../../core/secrets/secretStore';
import { createFileSettingsStore } from '../../core/settings/fileSettingsStore';
import { createFileLog } from '../fileLog';
import { createHost, type ClientId, type Host, type Printer } from '../host';
import { damagedConsole } from '../../core/damagedConsole';
import { printHash, summaryPdfName } from '../printRoute';
import { createBrowserFiles } from './browserFiles';
import { createGuard, LOOPBACK, type Guard } from './guard';
import { rendererFile, SECURITY_HEADERS, sendFile } from './staticFiles';
import { createTransfers, UPLOAD_CAP, type Transfers } from './transfers';

export interface BrowserHostOptions {
  dataDir: string;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 (default): a free port chosen by the system. */
  port?: number;
  /** Only 127.0.0.1 is accepted; anything else is refused before listening. */
  bind?: string;
  /** Where the settings are (default: the data folder's settings.json, as the CLI keeps them). */
  /** Opens the core; default: with those settings and no secret store (no OS keyring here). */
  open?: (files: FileChooser, log: Logger) => Promise<Core>;
  /** Tests answer file dialogs themselves; default: downloads and the page's file picker. */
  files?: FileChooser;
  /** Makes the PDF of the print route (see pdf.ts); default: none (error.printFailed). */
  makePdf?: (url: string, cookie: { name: string; value: string }) => Promise<Buffer>;
  log?: Logger;
  uploadCap?: number;
  /** The core could not reopen after a restore. Default: log it; the host answers nothing more. */
  onFatal?: (error: unknown) => void;
}

export interface BrowserHost {
  readonly host: Host;
  readonly port: number;
  readonly origin: string;
  /** The address to open: carries the secret, exchanged at once for the cookie. */
  readonly url: string;
  readonly transfers: Transfers;
  close(): Promise<void>;
}

export class BindRefused extends Error {}

/** Same as what a user's own browser window gets on opening `url`: the cookie the secret is exchanged for. */
export function cookieOf(guard: Guard): { name: string; value: string } {
  return { name: guard.cookieName, value: (guard.setCookie.split(';')[0] ?? '').slice(guard.cookieName.length + 1) };
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const bind = options.bind ?? LOOPBACK;
  if (bind !== LOOPBACK) throw new BindRefused(`The browser host listens on ${LOOPBACK} only, not on ${bind}.`);
  const log = options.log ?? createFileLog(options.dataDir);
  const transfers = createTransfers(options.dataDir, options.uploadCap ?? UPLOAD_CAP);
  const sockets = new Map<ClientId, WebSocket>();
  /** A window's session outlives its socket for a reload: the page comes back with its resume token. */
  const resumable = new Map<string, ClientId>();
  /** One-time tokens that let a new window (print, wall display) share an existing window's session. */
  const joins = new Map<string, ClientId>();
  let nextId = 1;
  let guard: Guard | null = null;

  const send = (id: ClientId, message: HostMessage) => {
    const socket = sockets.get(id);
    if (socket && socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const joinToken = (id: ClientId) => {
    const token = randomBytes(16).toString('hex');
    joins.set(token, id);
    return token;
  };

  const browserFiles = createBrowserFiles(transfers, (session) => host.clientOf(session), send);
  const files = options.files ?? browserFiles.files;
  const printer: Printer = {
    async print(id, approved) {
      const url = `/?join=${joinToken(id)}${approved.pdf ? '' : '&print=1'}${printHash(approved.period)}`;
      if (!approved.pdf) {
        // The print route in its own window on this session; the page calls window.print().
        send(id, { t: 'open', url });
        return null;
      }
      if (!options.makePdf || !guard) throw new Error('no PDF maker');
      const pdf = await options.makePdf(`${guard.origin}${url}`, cookieOf(guard));
      const file = transfers.savePath(summaryPdfName());
      writeFileSync(file, pdf);
      send(id, { t: 'download', url: transfers.offer(file), name: basename(file) });
      return file;
    },
  };
  // Like the command line's: settings in the data folder; no keyring to seal hub passwords with,
  // so the secret store says it is unavailable and nothing is moved out of the settings.
  const damaged = (keptAs: string) => log.error('settings file damaged; defaults restored', { keptAs });
  const settings = createFileSettingsStore(join(options.dataDir, 'settings.json'), damaged);
  const secrets = memorySecretStore(false);
  const open = options.open ?? ((chooser, logger) => openCore({ dataDir: options.dataDir, settings, log: logger, files: chooser, secrets }));
  const host = createHost({
    log,
    open: () => open(files, log),
    isOwnFrame: (url) => guard !== null && url === guard.origin,
    printer,
    onFatal: options.onFatal ?? ((error) => log.error('the core did not reopen after a restore', { error: String(error) })),
    whenDamaged: (error) => damagedConsole({ dataDir: options.dataDir, settings, error, now: () => Date.now(), log }),
  });
  await host.start();

  function refuse(res: ServerResponse, status: number): void {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(status === 403 ? 'Forbidden' : '');
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    try {
      answer(req, res);
    } catch (err) {
      // A malformed request must not take the console down.
      log.error('request refused', { error: String(err) });
      if (!res.headersSent) refuse(res, 400);
      else res.destroy();
    }
  }

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const g = guard!;
    if (!g.sameSite(req)) return refuse(res, 403);
    const url = new URL(req.url ?? '/', g.origin);
    if (req.method === 'GET' && url.searchParams.has('k')) {
      if (!g.isSecret(url.searchParams.get('k'))) return refuse(res, 403);
      // The secret leaves the address bar and the history at once: a clean URL, the cookie instead.
      url.searchParams.delete('k');
      res.writeHead(303, { 'set-cookie': g.setCookie, location: `${url.pathname}${url.search}`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).end();
      return;
    }
    if (!g.hasCookie(req)) return refuse(res, 403);
    if (req.method === 'POST') {
      if (!transfers.receiveUpload(url.pathname, req, res)) refuse(res, 404);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405);
    if (url.pathname.startsWith('/download/')) {
      if (!transfers.serveDownload(url.pathname, res)) refuse(res, 404);
      return;
    }
    const file = rendererFile(options.rendererDir, url.pathname);
    if (!file) return refuse(res, 404);
    sendFile(res, file, req.method === 'HEAD');
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });

  function connect(socket: WebSocket, url: URL): void {
    // No core (it did not reopen after a restore): nothing to talk to. A damaged database still
    // answers, with its safety copies.
    if (!host.core && !host.damaged) return socket.close(1011);
    const id = nextId++;
    const resumeOf = url.searchParams.get('resume') ?? '';
    const joinOf = url.searchParams.get('join') ?? '';
    const joined = joins.get(joinOf);
    joins.delete(joinOf);
    // A reload comes back to its window's session (its old socket may not have closed yet); a
    // window opened to share one (print, wall) joins it with a one-time token.
    const previous = joined === undefined ? resumable.get(resumeOf) : undefined;
    const resume = previous !== undefined ? resumeOf : randomBytes(16).toString('hex');
    sockets.set(id, socket);
    host.attach(id, { send: (event) => send(id, { t: 'change', event }), reload: () => send(id, { t: 'reload' }) }, joined ?? previous);
    if (previous !== undefined && !sockets.has(previous)) host.detach(previous);
    resumable.set(resume, id);
    send(id, { t: 'hello', resume });
    socket.on('message', (data, isBinary) => {
      let raw: unknown;
      try {
        raw = isBinary ? undefined : JSON.parse(String(data));
      } catch {
        raw = undefined;
      }
      const message = pageMessage.safeParse(raw);
      if (!message.success) return;
      if (message.data.t === 'cancelPick') return transfers.cancelPick(message.data.pick);
      if (message.data.t === 'openWall') return send(id, { t: 'open', url: `/?join=${joinToken(id)}#/wall` });
      const { id: call, channel, input } = message.data;
      void host.invoke(id, guard!.origin, channel, input).then((result) => {
        send(id, { t: 'result', id: call, result });
        browserFiles.flush(id);
      });
    });
    socket.on('close', () => {
      sockets.delete(id);
      browserFiles.forget(id);
      // Another window took this one's token (its reload): nothing to keep.
      if (resumable.get(resume) !== id) return host.detach(id);
      // Kept a minute for a reload to come back to; then the session goes.
      setTimeout(() => {
        if (!sockets.has(id) && resumable.get(resume) === id) {
          resumable.delete(resume);
          host.detach(id);
        }
      }, 60_000).unref();
    });
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const g = guard!;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', g.origin);
    } catch {
      socket.destroy();
      return;
    }
    if (url.pathname !== WIRE_PATH || !g.sameSite(req, true) || !g.hasCookie(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws, url));
  }

  const server = createServer(handle);
  server.on('upgrade', upgrade);
  server.on('clientError', (_err, socket) => socket.destroy());
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bind, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  }).catch(async (err: unknown) => {
    // The port is taken: the database, already open, is closed before saying so.
    await host.close();
    throw err;
  });
  guard = createGuard(port);
  const g = guard;
  log.info('browser host listening', { origin: g.origin });
  return {
    host,
    port,
    origin: g.origin,
    url: `${g.origin}/?k=${g.secret}`,
    transfers,
    async close() {
      for (const socket of sockets.values()) socket.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await host.close();
    },
  };
}
