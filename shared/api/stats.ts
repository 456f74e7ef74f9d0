// Contract of the statistics screen (and the CLI's `stats`, which runs the same code).
import { z } from 'zod';
import { channel } from './channel';
import { incidentType, localDate, priority, regionCode } from './common';

// ── Statistics (issue 4) ─────────────────────────────────────────────────────

export const statsPeriod = z.union([
  z.object({ from: localDate, to: localDate }).strict(),
  z.object({ lastHours: z.number().int().min(1).max(24 * 31) }).strict(),
], { error: 'validation.invalid' });
export const statsFilters = z.object({
  district: regionCode.optional(), type: incidentType.optional(), priority: priority.optional(),
}).strict();
export const statsQuery = z.object({ period: statsPeriod, filters: statsFilters.default({}) }).strict();

const seconds = z.number().nullable();
export const statsTotals = z.object({
  incidents: z.number(), calls: z.number(),
  dispatchMedianSec: seconds, dispatchP90Sec: seconds, sceneMedianSec: seconds, sceneP90Sec: seconds,
  trapped: z.number(), injured: z.number(), dead: z.number(),
  closed: z.number(), cancelled: z.number(), open: z.number(), teamHours: z.number(),
});
export const statsBucket = z.enum(['hour', 'day', 'month']);
export const statsReport = z.object({
  start: z.number(), end: z.number(), previousStart: z.number(), bucket: statsBucket,
  /** Every bucket of the period in order, so that empty ones show as zero. */
  buckets: z.array(z.string()),
  totals: statsTotals, previous: statsTotals,
  byBucketType: z.array(z.object({ bucket: z.string(), type: incidentType, count: z.number() })),
  heat: z.array(z.object({ weekday: z.number(), hour: z.number(), count: z.number() })),
  byDistrict: z.array(z.object({ district: z.string(), count: z.number(), previous: z.number() })),
  responseByBucket: z.array(z.object({
    bucket: z.string(), dispatchMedianSec: seconds, dispatchP90Sec: seconds, sceneMedianSec: seconds, sceneP90Sec: seconds,
  })),
  casualtiesByBucket: z.array(z.object({
    bucket: z.string(), trapped: z.number(), injured: z.number(), dead: z.number(), closed: z.number(), cancelled: z.number(),
  })),
  teamHours: z.array(z.object({ teamId: z.string(), callSign: z.string(), hours: z.number() })),
});

export type StatsQuery = z.output<typeof statsQuery>;
export type StatsFilters = z.output<typeof statsFilters>;
export type StatsTotals = z.output<typeof statsTotals>;
export type StatsReport = z.output<typeof statsReport>;
export type StatsBucket = z.output<typeof statsBucket>;

export const statsChannels = {
  /** Trends are read by the duty officer and headquarters. */
  'stats.report': channel(statsQuery, statsReport, 'supervisor', ['incident', 'call', 'assignment', 'team']),
} as const;
