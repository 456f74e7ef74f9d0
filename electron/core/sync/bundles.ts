// Exporting and importing bundles: the same exchange as with a hub, through a file.
import { readFileSync } from 'node:fs';
import { DomainError } from '../api/errors';
import type { ServiceContext } from '../context';
import { requirePost } from '../setup/setup';
import type { ApplyResult } from './applyOperations';
import { BundleError, BundleWriter, readBundle, type BundleHeader } from './bundle';
import { operationPages, type VersionVector } from './exchange';
import type { Operation } from './operation';

/** Bundles are read whole; this bounds what a USB stick can make the console load. */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

function postKey(ctx: ServiceContext): { code: string; key: string } {
  const settings = requirePost(ctx.settings);
  if (!settings.postKey) throw new DomainError('bundle.noKey');
  return { code: settings.post.code, key: settings.postKey };
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

/** Reads and checks a bundle whole (post key, signature, length) before anything is applied. */
export function readBundleFile(ctx: ServiceContext, file: string): { header: BundleHeader; operations: Operation[] } {
  const { code, key } = postKey(ctx);
  let text: string;
  try {
    const bytes = readFileSync(file);
    if (bytes.length > MAX_BUNDLE_BYTES) throw new BundleError('bundle.tooLarge');
    text = bytes.toString('utf8');
  } catch (err) {
    if (err instanceof BundleError) throw new DomainError(err.code);
    throw new DomainError('bundle.unreadable');
  }
  try {
    const { header, operations } = readBundle(text, key, code);
    // Each operation is validated again on apply: a bundle from our own post is still outside input.
    return { header, operations: operations as Operation[] };
  } catch (err) {
    if (err instanceof BundleError) throw new DomainError(err.code);
    throw err;
  }
}

export async function importBundle(ctx: ServiceContext, file: string): Promise<ApplyResult & { total: number }> {
  const { operations } = readBundleFile(ctx, file);
  const result = await ctx.store.applyRemote(operations, ctx.now());
  return { ...result, total: operations.length };
}
