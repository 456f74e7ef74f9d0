// Exporting and importing bundles: the same exchange as with a hub, through a file.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DomainError } from '../api/errors';
import type { ServiceContext } from '../context';
import { requirePost } from '../setup/setup';
import { readPostKey } from '../post/postKey';
import type { ApplyResult } from './applyOperations';
import { BundleError, readBundle, writeBundle, type BundleHeader } from './bundle';
import { operationsAbove, type VersionVector } from './exchange';
import type { Operation } from './operation';

/** Bundles are read whole; this bounds what a USB stick can make the console load. */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

function postKey(ctx: ServiceContext): { code: string; key: string } {
  const settings = requirePost(ctx.settings);
  const key = readPostKey(ctx.settings, ctx.secrets);
  if (!key) throw new DomainError('bundle.noKey');
  return { code: settings.post.code, key };
}

/** Writes what a destination with `theirs` lacks (everything, without one), or all since a time. */
export async function exportBundle(ctx: ServiceContext, file: string, options: { theirs?: VersionVector; since?: number }): Promise<number> {
  const { code, key } = postKey(ctx);
  let operations: Operation[] = await operationsAbove(ctx.store.reader, options.theirs ?? {}, Number.MAX_SAFE_INTEGER);
  if (options.since !== undefined) {
    const since = String(options.since).padStart(15, '0');
    operations = operations.filter((op) => op.hlc.slice(0, 15) >= since);
  }
  const text = writeBundle({ post: code, origin: ctx.store.origin, createdAt: ctx.now() }, operations, key);
  // Write then rename: a stick pulled out mid-write leaves no half bundle under the real name.
  writeFileSync(`${file}.part`, text);
  renameSync(`${file}.part`, file);
  return operations.length;
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
