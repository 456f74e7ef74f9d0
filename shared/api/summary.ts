// Contract of the shift summary and the handover notes written into it.
import { z } from 'zod';
import { TEXT_LIMITS } from '../domain';
import { channel, ok } from './channel';
import { id, incidentStatus, incidentType, localDate, requiredText, timestamp } from './common';

// ── Shift summary and handover (issue 5) ─────────────────────────────────────
export const summaryPeriod = z.union([
  z.object({ shift: timestamp }).strict(),
  z.object({ day: localDate }).strict(),
  z.object({ from: localDate, to: localDate }).strict(),
], { error: 'validation.invalid' });
export const summaryQuery = z.object({ period: summaryPeriod }).strict();
const responseFigures = z.object({
  incidents: z.number(), dispatchMedianSec: z.number().nullable(), dispatchP90Sec: z.number().nullable(),
  sceneMedianSec: z.number().nullable(), sceneP90Sec: z.number().nullable(),
});
export const summaryTimelineEntry = z.object({
  at: z.number(), kind: z.enum(['call', 'status', 'assignment', 'note']), status: incidentStatus.nullable(), cancelReason: z.string().nullable(),
  text: z.string().nullable(), callSign: z.string().nullable(), step: z.string().nullable(), operatorName: z.string(),
  /** A note struck through before the period's end: printed marked as struck, with why and by whom. */
  struck: z.object({ reason: z.string(), at: z.number(), operatorName: z.string() }).nullable(),
});
export const shiftSummary = z.object({
  kind: z.enum(['shift', 'day', 'range']),
  post: z.object({ name: z.string(), code: z.string() }), timeZone: z.string(),
  start: z.number(), end: z.number(), printedAt: z.number(),
  calls: z.number(), incidents: z.number(),
  byType: z.array(z.object({ type: incidentType, count: z.number() })),
  byPriority: z.array(z.object({ priority: z.number(), count: z.number() })),
  byDistrict: z.array(z.object({ district: z.string(), count: z.number() })),
  responseTimes: z.object({ current: responseFigures, previous: responseFigures, last7Days: responseFigures }),
  casualties: z.object({ trapped: z.number(), injured: z.number(), dead: z.number() }),
  outcomes: z.object({ closed: z.number(), cancelled: z.number(), open: z.number(), cancelledByReason: z.array(z.object({ reason: z.string(), count: z.number() })) }),
  teams: z.array(z.object({ callSign: z.string(), assignments: z.number(), hours: z.number() })),
  volunteersOnDuty: z.array(z.object({ name: z.string(), team: z.string().nullable(), hours: z.number() })),
  openIncidents: z.array(z.object({
    number: z.string(), type: incidentType, priority: z.number(), status: incidentStatus, district: z.string(), locality: z.string().nullable(),
    receivedAt: z.number(), teams: z.array(z.string()), lastNote: z.object({ text: z.string(), at: z.number() }).nullable(),
  })),
  priorityOne: z.array(z.object({
    number: z.string(), type: incidentType, status: incidentStatus, district: z.string(), locality: z.string().nullable(),
    receivedAt: z.number(), timeline: z.array(summaryTimelineEntry),
  })),
  handoverNotes: z.array(z.object({ id, text: z.string(), at: z.number(), operatorName: z.string() })),
  operators: z.array(z.string()),
});
export const handoverNoteInput = z.object({ shiftStart: timestamp, text: requiredText(TEXT_LIMITS.long) }).strict();
export const summaryPrintInput = z.object({ period: summaryPeriod, pdf: z.boolean() }).strict();
export const summaryPrintResult = z.object({ period: summaryPeriod, pdf: z.boolean(), file: z.string().nullable() });

export type SummaryQuery = z.output<typeof summaryQuery>;
export type ShiftSummary = z.output<typeof shiftSummary>;
export type SummaryTimelineEntry = z.output<typeof summaryTimelineEntry>;

// The duty officer prints the handover and writes its notes.
export const summaryChannels = {
  'summary.get': channel(summaryQuery, shiftSummary, 'supervisor', ['incident', 'call', 'timeline', 'assignment', 'team', 'rosterEntry', 'volunteer', 'handoverNote', 'post', 'operator']),
  'summary.addHandoverNote': channel(handoverNoteInput, ok, 'supervisor'),
  /** The core checks who may print what; the Electron shell then prints (electron/printing.ts). */
  'summary.print': channel(summaryPrintInput, summaryPrintResult, 'supervisor'),
} as const;
