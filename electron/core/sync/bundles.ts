// Exporting and importing bundles: the same exchange as with a hub, through a file.
import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DomainError } from '../base/errors';
import { makePrivateDir } from '../files/privateFiles';
import type { ServiceContext } from '../context';
import { requirePost } from '../setup/setup';
import { readPostKey } from '../post/postKey';
import type { ApplyResult } from './applyOperations';
import { BundleError, BundleWriter, bundleBatches, checkBundleFile, type BundleHeader } from './bundle';
import { operationPages, type VersionVector } from './exchange';
import type { Operation } from '../oplog/operation';
import { screenAhead } from './screening';

/** Bundles are streamed, never held whole; this bounds the copy a USB stick can make the console write. */
export const MAX_BUNDLE_BYTES = 8 * 1024 * 1024 * 1024;
/**
 * Operations per transaction when the command line imports a bundle: each commit waits for
 * the disk (and often a WAL checkpoint), so fewer, larger sets import faster (50,000
 * operations: 7.1 s in batches of 2,000, 6.1 s in batches of 10,000, here). Two batches at most are held.
 */
const IMPORT_BATCH = 10_000;

function postKey(ctx: ServiceContext): { code: string; key: string } {
  const settings = requirePost(ctx.settings);
  const key = readPostKey(ctx.settings, ctx.secrets);
  if (!key) throw new DomainError('bundle.noKey');
  return { code: settings.post.code, key };
}

/** How far an export has got, for a progress bar. */
export type ExportProgress = (written: number, total: number) => void;

/**
 * Writes what a destination with `theirs` lacks (everything, without one), or all since a time,
 * a page at a time: memory stays flat however long the post's log is.
 */
export async function exportBundle(ctx: ServiceContext, file: string, options: { theirs?: VersionVector; since?: number }, progress?: ExportProgress): Promise<{ operations: number; bytes: number }> {
  const { code, key } = postKey(ctx);
  // HLCs start with the wall clock in 15 zero-padded digits, so "since" is a string bound.
  const range = { theirs: options.theirs ?? {}, ...(options.since !== undefined ? { fromHlc: String(options.since).padStart(15, '0') } : {}) };
  const { total, pages } = await operationPages(ctx.store.reader, range);
  const writer = BundleWriter.open(file, { post: code, origin: ctx.store.origin, createdAt: ctx.now(), count: total }, key);
  try {
    let written = 0;
    progress?.(0, total);
    for await (const page of pages) {
      writer.write(page);
      written += page.length;
      progress?.(written, total);
    }
    return { operations: written, bytes: writer.finish() };
  } catch (err) {
    writer.abort();
    throw err;
  }
}

/** A checked bundle: its header, and the console's own copy of it to apply from. */
export interface CheckedBundle {
  header: BundleHeader;
  copy: string;
  /** Removes the copy; call when the import is over, however it ended. */
  discard(): void;
}

/** Where checked bundles wait to be applied: in the data folder, beside the database. */
const incomingFolder = (databaseFile: string) => join(dirname(databaseFile), 'incoming');
/** A copy this old is from an import the app did not finish (it quit, the power went). */
const STALE_COPY_MS = 24 * 3_600_000;

/**
 * Removes copies left by imports that never finished, so they do not fill the disk over the
 * months. Only day-old ones: another process (the command line) may be importing right now.
 */
export function clearStaleBundleCopies(databaseFile: string, now: number): void {
  const folder = incomingFolder(databaseFile);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return; // no imports yet
  }
  for (const name of names) {
    const file = join(folder, name);
    try {
      if (now - statSync(file).mtimeMs > STALE_COPY_MS) rmSync(file, { force: true });
    } catch { /* gone meanwhile */ }
  }
}

/**
 * Checks a bundle whole (post key, signature, length) before anything is applied, streaming it
 * into a copy in the data folder: a bundle of millions of operations never sits in memory, and
 * what is applied is exactly what was checked even if the stick is pulled or rewritten.
 */
export async function checkBundle(ctx: ServiceContext, file: string): Promise<CheckedBundle> {
  const { code, key } = postKey(ctx);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new DomainError('bundle.unreadable');
  }
  if (size > MAX_BUNDLE_BYTES) throw new DomainError('bundle.tooLarge');
  const folder = incomingFolder(ctx.store.file);
  makePrivateDir(folder);
  const copy = join(folder, `${randomUUID()}.bundle`);
  const discard = () => rmSync(copy, { force: true });
  try {
    const header = await checkBundleFile(file, key, code, copy);
    return { header, copy, discard };
  } catch (err) {
    discard();
    if (err instanceof BundleError) throw new DomainError(err.code, err.params);
    if (err instanceof DomainError) throw err;
    throw new DomainError('bundle.unreadable');
  }
}

/** Applies a checked bundle in batches, each its own transaction; reports after each. */
export async function applyBundle(ctx: ServiceContext, bundle: CheckedBundle, batchSize: number, after?: (batch: number, result: ApplyResult) => Promise<void> | void): Promise<ApplyResult & { total: number }> {
  const total: ApplyResult = { applied: 0, known: 0, quarantined: [] };
  // Each operation is validated again on apply: a bundle from our own post is still outside input.
  // The next batch is read and parsed while this one is applied (SQLite works on its own
  // thread): one batch ahead, so memory stays bounded.
  const batches = bundleBatches(bundle.copy, bundle.header, batchSize);
  try {
    // Screened as soon as it is parsed (screening.ts): while SQLite writes the batch before it.
    const ahead = () => batches.next().then(async (read) => {
      if (!read.done) await screenAhead(read.value);
      return read;
    });
    let next = ahead();
    for (let read = await next; !read.done; read = await next) {
      next = ahead();
      next.catch(() => undefined); // awaited on the next turn; a failure meanwhile is not unhandled
      const batch = read.value;
      const result = await ctx.store.applyRemote(batch as Operation[], ctx.now());
      total.applied += result.applied;
      total.known += result.known;
      for (const q of result.quarantined) total.quarantined.push(q);
      await after?.(batch.length, result);
    }
  } finally {
    await batches.return(undefined); // closes the file however the import ended
  }
  return { ...total, total: bundle.header.count };
}

export async function importBundle(ctx: ServiceContext, file: string): Promise<ApplyResult & { total: number }> {
  const bundle = await checkBundle(ctx, file);
  try {
    return await applyBundle(ctx, bundle, IMPORT_BATCH);
  } finally {
    bundle.discard();
  }
}
