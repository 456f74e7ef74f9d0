// Files between the page and the data folder, the browser's way: what the core writes goes to
// <dataDir>/downloads and is fetched once by the page, then removed; what the operator picks
// is streamed into <dataDir>/uploads, size-capped, under a name the host chose.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

/** Bigger than any backup a post makes in years; anything past it is refused (413). */
export const UPLOAD_CAP = 512 * 1024 * 1024;

const token = () => randomBytes(16).toString('hex');

export interface Transfers {
  readonly downloadsDir: string;
  /** A free path in the downloads folder for a file the core will write under `suggestedName`. */
  savePath(suggestedName: string): string;
  /** A one-time URL for a written file. */
  offer(file: string): string;
  /** A pick the page answers by uploading to the returned URL; resolves with the stored path, or null. */
  pick(extension: string): { pick: string; url: string; chosen: Promise<string | null> };
  cancelPick(pick: string): void;
  /** GET /download/<token>: true when the URL was one of ours. */
  serveDownload(pathname: string, res: ServerResponse): boolean;
  /** POST /upload/<pick>: true when the URL was one of ours. */
  receiveUpload(pathname: string, req: IncomingMessage, res: ServerResponse): boolean;
}

export function createTransfers(dataDir: string, cap = UPLOAD_CAP): Transfers {
  const downloadsDir = join(dataDir, 'downloads');
  const uploadsDir = join(dataDir, 'uploads');
  // What an earlier run received was read then; it is not kept. What it saved for its page was
  // offered by a URL of that run, which no page can fetch any more: a backup of the whole
  // database, a bundle or the post's key is not left lying in the data folder.
  rmSync(uploadsDir, { recursive: true, force: true });
  rmSync(downloadsDir, { recursive: true, force: true });
  const offered = new Map<string, string>();
  const picks = new Map<string, { extension: string; resolve: (path: string | null) => void }>();

  return {
    downloadsDir,
    savePath(suggestedName) {
      mkdirSync(downloadsDir, { recursive: true });
      const safe = basename(suggestedName).replace(/[^\p{L}\p{N}._-]/gu, '_') || 'beacon-file';
      const ext = extname(safe);
      let file = join(downloadsDir, safe);
      for (let n = 2; existsSync(file); n++) file = join(downloadsDir, `${basename(safe, ext)}-${n}${ext}`);
      return file;
    },
    offer(file) {
      const t = token();
      offered.set(t, file);
      return `/download/${t}`;
    },
    pick(extension) {
      const pick = token();
      const chosen = new Promise<string | null>((resolve) => picks.set(pick, { extension, resolve }));
      return { pick, url: `/upload/${pick}`, chosen };
    },
    cancelPick(pick) {
      picks.get(pick)?.resolve(null);
      picks.delete(pick);
    },
    serveDownload(pathname, res) {
      const key = /^\/download\/([0-9a-f]{32})$/.exec(pathname)?.[1] ?? '';
      const file = offered.get(key);
      if (!file) return false;
      offered.delete(key);
      if (!existsSync(file)) return false;
      const name = encodeURIComponent(basename(file));
      res.writeHead(200, {
        'content-type': 'application/octet-stream', 'content-length': String(statSync(file).size),
        'content-disposition': `attachment; filename*=UTF-8''${name}`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff',
      });
      // Fetched once (the URL is spent): the page has it now, and the host keeps no copy, fetched whole or not.
      pipeline(createReadStream(file), res).catch(() => undefined).finally(() => {
        try {
          rmSync(file, { force: true });
        } catch {
          // Left for the next start, which clears the folder.
        }
      });
      return true;
    },
    receiveUpload(pathname, req, res) {
      const key = /^\/upload\/([0-9a-f]{32})$/.exec(pathname)?.[1] ?? '';
      const waiting = picks.get(key);
      if (!waiting) return false;
      picks.delete(key);
      if (Number(req.headers['content-length'] ?? 0) > cap) {
        // Said before a byte is stored: the pick ends as if cancelled.
        res.writeHead(413, { connection: 'close' }).end();
        req.resume();
        waiting.resolve(null);
        return true;
      }
      mkdirSync(uploadsDir, { recursive: true });
      const file = join(uploadsDir, `${token()}${waiting.extension}`);
      let received = 0;
      const capped = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          received += chunk.length;
          done(received > cap ? new Error('too large') : null, chunk);
        },
      });
      pipeline(req, capped, createWriteStream(file, { flags: 'wx', mode: 0o600 })).then(() => {
        res.writeHead(204).end();
        waiting.resolve(file);
      }, () => {
        rmSync(file, { force: true });
        if (!res.headersSent) res.writeHead(received > cap ? 413 : 400, { connection: 'close' }).end();
        waiting.resolve(null);
      });
      return true;
    },
  };
}
