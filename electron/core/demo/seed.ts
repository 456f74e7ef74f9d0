// Fills a console with synthetic incidents through the same import path the app uses.
import type { ServiceContext } from '../context';
import { importIncidents, type HistoricalIncident } from '../incidents/importIncidents';
import { requirePost } from '../setup/setup';
import { ensureOrganisation, settleTeamStatuses } from './seedOrganisation';
import { syntheticIncidents } from './synthetic';

const BATCH = 1000;

export interface SeedOptions {
  count: number;
  days: number;
  /** Console letter for the incident numbers; defaults to this console's. */
  letter?: string | undefined;
  seed?: number | undefined;
  awaitingDispatch?: boolean | undefined;
}

export async function seedIncidents(
  ctx: ServiceContext,
  operatorId: string,
  options: SeedOptions,
  onProgress?: (done: number) => void,
): Promise<number> {
  const settings = requirePost(ctx.settings);
  const numbering = { post: settings.post, letter: options.letter ?? settings.consoleLetter };
  const teams = await ensureOrganisation(ctx, operatorId);
  // Teams still out, or out until later, from earlier seeding are not sent again before they are free.
  const busy = await ctx.store.reader.all<{ team_id: string; until: number }>(
    'SELECT team_id, max(coalesce(cleared_at, 9e15)) AS until FROM assignments GROUP BY team_id');
  const busyUntil = new Map(busy.map((b) => [b.team_id, b.until >= 9e15 ? Number.POSITIVE_INFINITY : b.until]));
  const generator = syntheticIncidents({
    count: options.count, days: options.days, now: ctx.now(), seed: options.seed, teams, awaitingDispatch: options.awaitingDispatch, busyUntil,
  });
  let done = 0;
  let batch: HistoricalIncident[] = [];
  const flush = async () => {
    const current = batch;
    batch = [];
    await ctx.store.write(operatorId, (writer) => importIncidents(writer, operatorId, numbering, current));
    done += current.length;
    onProgress?.(done);
  };
  for (const incident of generator) {
    batch.push(incident);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  await settleTeamStatuses(ctx, operatorId);
  return done;
}

/** Demo data for a newcomer: two busy days, with incidents still open in every queue. */
export async function loadDemoData(ctx: ServiceContext, operatorId: string): Promise<void> {
  await seedIncidents(ctx, operatorId, { count: 90, days: 2, seed: 7 });
  await seedIncidents(ctx, operatorId, { count: 14, days: 0.06, seed: 11 });
  // Whatever the hour, a few calls of the last quarter hour still wait for a team.
  await seedIncidents(ctx, operatorId, { count: 3, days: 0.01, seed: 13, awaitingDispatch: true });
}
