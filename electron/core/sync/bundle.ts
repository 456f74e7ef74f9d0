// A bundle: the operations a place with no link may lack, in one file carried on a USB
// stick. Authenticated with the post's key (HMAC-SHA256 over everything before the last
// line), so a tampered, truncated or foreign bundle is refused before anything is applied.
import { createHmac, randomBytes, timingSafeEqual, type Hmac } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { z } from 'zod';
import type { Operation } from './operation';

export const BUNDLE_FORMAT = 'beacon-bundle';
export const BUNDLE_VERSION = 1;

const headerSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.number().int(),
  post: z.string(),
  origin: z.string(),
  createdAt: z.number(),
  count: z.number().int().nonnegative(),
}).strict();

export type BundleHeader = z.output<typeof headerSchema>;

export type BundleRefusal = 'bundle.notABundle' | 'bundle.newerVersion' | 'bundle.truncated' | 'bundle.tampered' | 'bundle.otherPost' | 'bundle.tooLarge';

export class BundleError extends Error {
  constructor(readonly code: BundleRefusal) {
    super(code);
  }
}

/** A new post key: 32 random bytes, base64url. */
export function newPostKey(): string {
  return randomBytes(32).toString('base64url');
}

function mac(key: string, body: string): string {
  return createHmac('sha256', Buffer.from(key, 'base64url')).update(body, 'utf8').digest('hex');
}

export function writeBundle(header: Omit<BundleHeader, 'format' | 'version' | 'count'>, operations: readonly Operation[], key: string): string {
  const head: BundleHeader = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, ...header, count: operations.length };
  const body = [JSON.stringify(head), ...operations.map((op) => JSON.stringify(op))].join('\n') + '\n';
  return `${body}HMAC ${mac(key, body)}\n`;
}

/**
 * The same file as writeBundle, written a page of operations at a time: a whole post's log
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
    const writer = new BundleWriter(file, openSync(`${file}.part`, 'w'), header.count, key);
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

/** Checks a bundle whole before returning its operations; throws a BundleError otherwise. */
export function readBundle(text: string, key: string, postCode: string): { header: BundleHeader; operations: unknown[] } {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  let header: BundleHeader;
  try {
    const parsed = headerSchema.safeParse(JSON.parse(firstLine));
    if (!parsed.success) throw new Error('header');
    header = parsed.data;
  } catch {
    throw new BundleError('bundle.notABundle');
  }
  if (header.version > BUNDLE_VERSION) throw new BundleError('bundle.newerVersion');
  const trailerAt = text.lastIndexOf('HMAC ');
  if (trailerAt < 0 || !/^HMAC [0-9a-f]{64}\n?$/.test(text.slice(trailerAt))) throw new BundleError('bundle.truncated');
  const body = text.slice(0, trailerAt);
  const expected = Buffer.from(mac(key, body), 'hex');
  const given = Buffer.from(text.slice(trailerAt + 5, trailerAt + 69), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    // Signed with another key: from another post, or altered on the way.
    throw new BundleError(header.post !== postCode ? 'bundle.otherPost' : 'bundle.tampered');
  }
  if (header.post !== postCode) throw new BundleError('bundle.otherPost');
  const lines = body.split('\n').slice(1, -1);
  if (lines.length !== header.count) throw new BundleError('bundle.truncated');
  return { header, operations: lines.map((line) => JSON.parse(line) as unknown) };
}
