// Bundles from the app. The shell's dialog answers "which file?" (FileChooser), so the
// renderer never names a path. An import is checked whole first (a tampered, truncated or
// foreign bundle changes nothing), then applied in batches in the background, so a big
// bundle does not hold the main process: the screen asks how far along it is.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { BundleExportProgress, BundleImportStatus, Output } from '../../../shared/api';
import { DomainError, fieldError } from '../base/errors';
import type { Session } from '../session';
import type { ServiceContext } from '../context';
import { localFileStamp } from '../db/safetyCopies';
import { ENTITIES } from '../oplog/entities';
import { localDatesToRange } from '../stats/localTime';
import { applyBundle, checkBundle, exportBundle, type CheckedBundle } from './bundles';

/**
 * Operations per transaction: small enough that other calls get in between batches (a batch
 * holds the writer about 0.1 s here), large enough that the commits' waits for the disk do not
 * dominate (100k operations: 5.8 s in batches of 500, 4.7 s in batches of 2,000).
 */
export const BUNDLE_BATCH = 2_000;

/** Jobs per store, so two cores in one process (tests) keep their own. */
const jobsByStore = new WeakMap<object, Map<string, BundleImportStatus>>();

function jobsOf(ctx: ServiceContext): Map<string, BundleImportStatus> {
  let jobs = jobsByStore.get(ctx.store);
  if (!jobs) jobsByStore.set(ctx.store, (jobs = new Map()));
  return jobs;
}

/** The export in progress per store: one at a time, a second would race for the same stick. */
const exportsRunning = new WeakMap<object, BundleExportProgress>();

/** `beacon-LTK-A-2026-11-24-1032.bundle`: post, console letter and local time. */
export function bundleFileName(ctx: ServiceContext): string {
  const { post, consoleLetter } = ctx.settings.read();
  const stamp = localFileStamp(ctx.now(), post?.timeZone ?? 'UTC');
  return post ? `beacon-${post.code}-${consoleLetter ?? ''}-${stamp}.bundle` : `beacon-${stamp}.bundle`;
}

export async function exportBundleFromApp(ctx: ServiceContext, session: Session, input: { since?: string | undefined }): Promise<Output<'sync.exportBundle'>> {
  if (!ctx.files) throw new DomainError('bundle.noFileDialog');
  let since: number | undefined;
  if (input.since !== undefined) {
    try {
      since = localDatesToRange(input.since, input.since, ctx.settings.read().post?.timeZone ?? 'UTC').start;
    } catch {
      throw fieldError('since', 'validation.date');
    }
  }
  if (exportsRunning.has(ctx.store)) throw new DomainError('bundle.busy');
  const target = await ctx.files.saveBundle(session, bundleFileName(ctx));
  if (!target) return null;
  if (resolve(target) === resolve(ctx.store.file)) throw new DomainError('bundle.cannotWrite', { file: target });
  if (exportsRunning.has(ctx.store)) throw new DomainError('bundle.busy');
  const progress: BundleExportProgress = { file: target, written: 0, total: 0 };
  exportsRunning.set(ctx.store, progress);
  try {
    const written = await exportBundle(ctx, target, since !== undefined ? { since } : {}, (done, total) => Object.assign(progress, { written: done, total }));
    return { file: target, ...written };
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError('bundle.cannotWrite', { file: target });
  } finally {
    exportsRunning.delete(ctx.store);
  }
}

/** The export running on this console, if any: the screen polls it for its progress bar. */
export function bundleExportProgress(ctx: ServiceContext): BundleExportProgress | null {
  const progress = exportsRunning.get(ctx.store);
  return progress ? { ...progress } : null;
}

export async function startBundleImport(ctx: ServiceContext, session: Session): Promise<Output<'sync.importBundle'>> {
  if (!ctx.files) throw new DomainError('bundle.noFileDialog');
  const jobs = jobsOf(ctx);
  if ([...jobs.values()].some((j) => j.state === 'running')) throw new DomainError('bundle.busy');
  const file = await ctx.files.openBundle(session);
  if (!file) return null;
  const bundle = await checkBundle(ctx, file);
  const jobId = randomUUID();
  const status: BundleImportStatus = { state: 'running', total: bundle.header.count, processed: 0, applied: 0, known: 0, quarantined: 0, reasons: [] };
  jobs.set(jobId, status);
  void applyInBatches(ctx, bundle, status);
  return { jobId, file, createdAt: bundle.header.createdAt, fromOrigin: bundle.header.origin, operations: bundle.header.count };
}

async function applyInBatches(ctx: ServiceContext, bundle: CheckedBundle, status: BundleImportStatus): Promise<void> {
  const reasons = new Map<string, number>();
  try {
    // A batch is one transaction: an app that quits between batches resumes on the next
    // import, since what is held is "already had" and the version vector moves only across gaps.
    await applyBundle(ctx, bundle, BUNDLE_BATCH, async (size, result) => {
      status.processed += size;
      status.applied += result.applied;
      status.known += result.known;
      status.quarantined += result.quarantined.length;
      for (const q of result.quarantined) reasons.set(q.reason, (reasons.get(q.reason) ?? 0) + 1);
      status.reasons = [...reasons].map(([reason, count]) => ({ reason, count }));
      await new Promise((next) => setImmediate(next));
    });
    status.state = 'done';
  } catch (err) {
    status.state = 'failed';
    status.error = { code: err instanceof DomainError ? err.code : 'error.unexpected' };
  } finally {
    bundle.discard();
    if (status.applied > 0) ctx.announce?.(Object.keys(ENTITIES));
  }
}

export function bundleImportStatus(ctx: ServiceContext, jobId: string): BundleImportStatus {
  const status = jobsOf(ctx).get(jobId);
  if (!status) throw new DomainError('error.notFound');
  return { ...status, reasons: [...status.reasons] };
}
