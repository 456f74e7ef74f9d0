// Safety copies: a consistent copy of the database at every shift change, the last N kept
// in a folder the operator can see. What is left after a power cut or a dead disk is at
// most one shift of work away from a copy.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { shiftAt } from '../../../shared/time/shifts';
import { zonedParts, zonedTimeToEpoch } from '../../../shared/time/zoned';
import type { Logger } from '../base/logger';
import { DEFAULT_SAFETY_COPIES_KEPT, MAX_SAFETY_COPIES_KEPT, type SettingsStore } from '../settings/settingsStore';
import { makePrivateDir } from '../files/privateFiles';
import { backupDatabase } from './backup';

export const SAFETY_COPIES_FOLDER = 'safety-copies';

/** Checked this often besides the shift boundary, so a clock set forward or back is caught. */
const RECHECK_MS = 10 * 60_000;
/** Wake a little after the boundary: a timer may run early against a wall clock that drifts. */
const BOUNDARY_MARGIN_MS = 1_000;

// Only names of this shape are ever deleted; anything else in the folder is the operator's.
const COPY_NAME = /^beacon-(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})\.db$/;
const CUT_SHORT_NAME = /^beacon-\d{4}-\d{2}-\d{2}-\d{4}\.db\.part$/;

export interface SafetyCopy {
  name: string;
  path: string;
  bytes: number;
  /** Start of the shift the copy belongs to; null while no post (time zone) is set up. */
  shiftStart: number | null;
}

export interface SafetyCopies {
  readonly folder: string;
  /** Takes this shift's copy if it has none yet; the path written, or null. Never throws. */
  takeIfDue(): Promise<string | null>;
  /** Checks now, then at every shift boundary and every ten minutes. */
  start(): void;
  /** Stops the timer and waits for a copy in progress. */
  stop(): Promise<void>;
  /** Newest first. */
  list(): SafetyCopy[];
}

export interface SafetyCopiesOptions {
  databaseFile: string;
  dataDir: string;
  settings: SettingsStore;
  now(): number;
  log: Logger;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-11-24-0800`: a local time in file names (safety copies, backups), sorting as it reads. */
export function localFileStamp(at: number, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}-${pad(p.hour)}${pad(p.minute)}`;
}

/** `beacon-2026-11-24-0800.db`: the shift's local start in the post's time zone. */
export function safetyCopyName(shiftStart: number, timeZone: string): string {
  return `beacon-${localFileStamp(shiftStart, timeZone)}.db`;
}

function keptCount(kept: number): number {
  return Number.isInteger(kept) ? Math.min(MAX_SAFETY_COPIES_KEPT, Math.max(1, kept)) : DEFAULT_SAFETY_COPIES_KEPT;
}

export function createSafetyCopies(options: SafetyCopiesOptions): SafetyCopies {
  const { databaseFile, settings, log } = options;
  const folder = join(options.dataDir, SAFETY_COPIES_FOLDER);
  // One copy at a time: the timer and a direct call never race for the same file.
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let running = false;

  const copyNames = () => (existsSync(folder) ? readdirSync(folder).filter((n) => COPY_NAME.test(n)) : []);

  function prune(written: string, kept: number): void {
    // Ordered by shift, but the copy just written always stays: after the clock was once set
    // to a wrong future date, its copy must not push out every new one.
    const others = copyNames().filter((n) => n !== written).sort().reverse();
    for (const name of others.slice(kept - 1)) rmSync(join(folder, name), { force: true });
    for (const name of readdirSync(folder).filter((n) => CUT_SHORT_NAME.test(n))) rmSync(join(folder, name), { force: true });
  }

  async function attempt(): Promise<string | null> {
    try {
      const current = settings.read();
      if (!current.post) return null;
      const shift = shiftAt(options.now(), current.shiftStarts, current.post.timeZone);
      const name = safetyCopyName(shift.start, current.post.timeZone);
      const target = join(folder, name);
      if (existsSync(target)) return null;
      makePrivateDir(folder);
      await backupDatabase(databaseFile, target);
      prune(name, keptCount(current.safetyCopiesKept));
      log.info('safety copy taken', { path: target });
      return target;
    } catch (err) {
      // A full disk or a missing folder must not stop the console; the next check tries again.
      log.error('safety copy failed', { folder, error: String(err) });
      return null;
    }
  }

  function takeIfDue(): Promise<string | null> {
    const run = queue.then(attempt);
    queue = run;
    return run;
  }

  function nextDelay(): number {
    try {
      const current = settings.read();
      if (!current.post) return RECHECK_MS;
      const now = options.now();
      const untilBoundary = shiftAt(now, current.shiftStarts, current.post.timeZone).end - now + BOUNDARY_MARGIN_MS;
      return Math.max(BOUNDARY_MARGIN_MS, Math.min(RECHECK_MS, untilBoundary));
    } catch {
      return RECHECK_MS;
    }
  }

  function schedule(): void {
    if (!running) return;
    timer = setTimeout(() => {
      timer = null;
      void takeIfDue().then(schedule);
    }, nextDelay());
    // A pending copy check never keeps a process alive on its own.
    timer.unref();
  }

  return {
    folder,
    takeIfDue,
    start() {
      if (running) return;
      running = true;
      void takeIfDue().then(schedule);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await queue;
    },
    list() {
      const post = settings.read().post;
      return copyNames().sort().reverse().map((name) => {
        const [, year, month, day, hour, minute] = COPY_NAME.exec(name)!.map(Number);
        const path = join(folder, name);
        return {
          name,
          path,
          bytes: statSync(path).size,
          shiftStart: post ? zonedTimeToEpoch({ year: year!, month: month!, day: day!, hour: hour!, minute: minute! }, post.timeZone) : null,
        };
      });
    },
  };
}
