// A bundle: the operations a place with no link may lack, in one file carried on a USB
// stick. Authenticated with the post's key (HMAC-SHA256 over everything before the last
// line), so a tampered, truncated or foreign bundle is refused before anything is applied.
import { createHmac, timingSafeEqual, type Hmac } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, fsyncSync, renameSync, rmSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { openPrivate } from '../files/privateFiles';
import type { Operation } from '../oplog/operation';

/** Made with the post's key (post/postKey.ts); kept here for those who import it from bundles. */
export { newPostKey } from '../post/postKey';

export const BUNDLE_FORMAT = 'beacon-bundle';
// 2 (issue #21): operations may carry `prev`, what they replaced (fieldWinner.ts); version 1
// bundles are read as ever. An older Beacon refuses a version-2 bundle in plain words.
export const BUNDLE_VERSION = 2;

const headerSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.number().int(),
  post: z.string(),
  origin: z.string(),
  createdAt: z.number(),
  count: z.number().int().nonnegative(),
}).strict();

export type BundleHeader = z.output<typeof headerSchema>;

export type BundleRefusal = 'bundle.notABundle' | 'bundle.newerVersion' | 'bundle.truncated' | 'bundle.tampered' | 'bundle.otherPost' | 'bundle.tooLarge'
  | 'trust.bundleLineTooLong' | 'trust.bundleBrokenLine';

export class BundleError extends Error {
  constructor(readonly code: BundleRefusal, readonly params?: Record<string, number>) {
    super(code);
  }
}

/** A new post key: 32 random bytes, base64url. */
/**
 * A bundle file, written a page of operations at a time: a whole post's log
 * (millions of operations) never sits in memory as one string. Written to `<file>.part` and
 * renamed at the end, so a stick pulled out mid-write leaves no half bundle under the real name.
 */
export class BundleWriter {
  private readonly hmac: Hmac;
  private written = 0;

  private constructor(private readonly file: string, private readonly fd: number, private readonly count: number, key: string) {
    this.hmac = createHmac('sha256', Buffer.from(key, 'base64url'));
  }

  static open(file: string, header: Omit<BundleHeader, 'format' | 'version'>, key: string): BundleWriter {
    const writer = new BundleWriter(file, openPrivate(`${file}.part`), header.count, key);
    writer.append(`${JSON.stringify({ format: BUNDLE_FORMAT, version: BUNDLE_VERSION, ...header })}\n`);
    return writer;
  }

  write(operations: readonly Operation[]): void {
    if (operations.length === 0) return;
    this.written += operations.length;
    this.append(`${operations.map((op) => JSON.stringify(op)).join('\n')}\n`);
  }

  /** Signs and closes the file; its size in bytes. */
  finish(): number {
    if (this.written !== this.count) throw new Error(`bundle header says ${this.count} operations, ${this.written} written`);
    writeSync(this.fd, `HMAC ${this.hmac.digest('hex')}\n`);
    fsyncSync(this.fd);
    const bytes = fstatSync(this.fd).size;
    closeSync(this.fd);
    renameSync(`${this.file}.part`, this.file);
    return bytes;
  }

  /** Leaves nothing behind after a failure. */
  abort(): void {
    try { closeSync(this.fd); } catch { /* already closed */ }
    rmSync(`${this.file}.part`, { force: true });
  }

  private append(text: string): void {
    this.hmac.update(text, 'utf8');
    writeSync(this.fd, text);
  }
}

/**
 * The longest line a bundle may hold. An operation's value is at most MAX_VALUE_BYTES
 * characters; escaped twice (a JSON value inside a JSON line) and in UTF-8 it stays well under this.
 */
export const MAX_LINE_BYTES = 256 * 1024;
const NEWLINE = 0x0a;

/**
 * A bundle file's lines, without their newlines, read as bytes a chunk at a time: each byte is
 * looked at once, and a line longer than MAX_LINE_BYTES is refused as soon as it gets there, so
 * a stick with one endless line costs neither memory nor time before it is refused. Handed out
 * a read's worth at a time: a step of an async generator per line costs more than the line.
 */
async function* fileLines(file: string): AsyncGenerator<string[]> {
  // 256 KB a read: parsed in a few milliseconds, so an import applying the batch before gets the
  // main thread back soon enough to keep SQLite busy (1 MB chunks made the import slower).
  const stream = createReadStream(file, { highWaterMark: 1 << 18 });
  let pieces: Buffer[] = [];
  let length = 0;
  let lineNumber = 1;
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      const lines: string[] = [];
      let start = 0;
      for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, start)) {
        if (length + at - start > MAX_LINE_BYTES) throw new BundleError('trust.bundleLineTooLong', { line: lineNumber, max: MAX_LINE_BYTES });
        if (pieces.length === 0) lines.push(bytes.toString('utf8', start, at)); // most lines: within one read, decoded in place
        else {
          pieces.push(bytes.subarray(start, at));
          lines.push(Buffer.concat(pieces).toString('utf8'));
          pieces = [];
        }
        length = 0;
        lineNumber += 1;
        start = at + 1;
      }
      length += bytes.length - start;
      if (length > MAX_LINE_BYTES) throw new BundleError('trust.bundleLineTooLong', { line: lineNumber, max: MAX_LINE_BYTES });
      // A copy: the stream may reuse its chunk, and a short rest must not pin a whole megabyte.
      if (start < bytes.length) pieces.push(Buffer.from(bytes.subarray(start)));
      if (lines.length > 0) yield lines;
    }
    if (length > 0) yield [Buffer.concat(pieces).toString('utf8')];
  } finally {
    stream.destroy();
  }
}

/** An operation line: one JSON object. Anything else makes the whole bundle refused, before any of it is applied. */
function isOperationLine(line: string): boolean {
  try {
    const value = JSON.parse(line) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

function parseHeader(line: string): BundleHeader {
  try {
    const parsed = headerSchema.safeParse(JSON.parse(line));
    if (parsed.success) return parsed.data;
  } catch { /* not JSON */ }
  throw new BundleError('bundle.notABundle');
}

/**
 * Checks a bundle before anything is applied: the file is read once, line by line, hashing as it goes, and
 * copied to `copyTo` (a file of the console's own that no stick can change between this check
 * and the import).
 */
export async function checkBundleFile(file: string, key: string, postCode: string, copyTo: string): Promise<BundleHeader> {
  const hmac = createHmac('sha256', Buffer.from(key, 'base64url'));
  const out = openPrivate(copyTo);
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = () => {
    writeSync(out, pending.join(''));
    pending = [];
    pendingBytes = 0;
  };
  try {
    let header: BundleHeader | undefined;
    let last: string | undefined;
    let count = 0;
    let broken: number | null = null;
    for await (const lines of fileLines(file)) for (const line of lines) {
      if (last !== undefined) {
        // Lines after the header are operations (the one kept in `last` may be the trailer);
        // a broken one is reported once the signature is known good.
        if (broken === null && count > 0 && !isOperationLine(last)) broken = count + 1;
        const text = `${last}\n`;
        hmac.update(text, 'utf8');
        pending.push(text);
        pendingBytes += text.length;
        if (pendingBytes > 1 << 20) flush();
        count += 1;
      } else if (header === undefined) {
        header = parseHeader(line);
        if (header.version > BUNDLE_VERSION) throw new BundleError('bundle.newerVersion');
        last = line;
        continue;
      }
      last = line;
    }
    if (header === undefined) throw new BundleError('bundle.notABundle');
    // `last` is the trailer; every line before it (the header too) was signed.
    if (last === undefined || count === 0 || !/^HMAC [0-9a-f]{64}$/.test(last)) throw new BundleError('bundle.truncated');
    const expected = hmac.digest();
    const given = Buffer.from(last.slice(5), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new BundleError(header.post !== postCode ? 'bundle.otherPost' : 'bundle.tampered');
    }
    if (header.post !== postCode) throw new BundleError('bundle.otherPost');
    if (count - 1 !== header.count) throw new BundleError('bundle.truncated');
    if (broken !== null) throw new BundleError('trust.bundleBrokenLine', { line: broken });
    pending.push(`${last}\n`);
    flush();
    return header;
  } finally {
    closeSync(out);
  }
}

/** The operations of a checked bundle (see checkBundleFile), in batches, parsed as they are read. */
export async function* bundleBatches(file: string, header: BundleHeader, size: number): AsyncGenerator<unknown[]> {
  let index = -1;
  let batch: unknown[] = [];
  reading: for await (const lines of fileLines(file)) {
    for (const line of lines) {
      index += 1;
      if (index === 0) continue;
      if (index > header.count) break reading;
      batch.push(JSON.parse(line) as unknown);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
