// Schemas of the exchange channels (issue #22): public alerts in CAP 1.2, HXL and GeoJSON reports.
import { z } from 'zod';
import { TEXT_LIMITS } from '../domain';
import {
  ALERT_EVENTS, ALERT_RADIUS_KM, ALERT_STATES, HXL_TABLES, CAP_CERTAINTIES, CAP_MSG_TYPES, CAP_RESPONSE_TYPES, CAP_SEVERITIES, CAP_URGENCIES,
} from '../exchange';
import { channel } from './channel';
import { id, text, timestamp } from './common';

const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: 'validation.chooseOne' });

export const alertArea = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('circle'),
    radiusKm: z.number({ error: 'validation.invalid' })
      .min(ALERT_RADIUS_KM.min, { error: 'exchange.radiusRange' }).max(ALERT_RADIUS_KM.max, { error: 'exchange.radiusRange' }),
  }).strict(),
  z.object({ kind: z.literal('district') }).strict(),
], { error: 'validation.chooseOne' });

/** What the duty officer fills in, for a new alert and for an update. */
export const alertContent = z.object({
  event: choice(ALERT_EVENTS),
  responseType: choice(CAP_RESPONSE_TYPES),
  urgency: choice(CAP_URGENCIES),
  severity: choice(CAP_SEVERITIES),
  certainty: choice(CAP_CERTAINTIES),
  instructionAr: text(TEXT_LIMITS.medium).optional(),
  instructionEn: text(TEXT_LIMITS.medium).optional(),
  area: alertArea,
  expiresAt: timestamp,
}).strict();

export const issueAlertInput = alertContent.extend({ incidentId: id }).strict();
export const updateAlertInput = alertContent.extend({ alertId: id }).strict();
export const cancelAlertInput = z.object({ alertId: id, note: text(TEXT_LIMITS.medium).optional() }).strict();

/** One alert of an incident, as its newest message says. `id` is the first message's (the thread's). */
export const alertView = z.object({
  id,
  latestMessageId: id,
  identifier: z.string(),
  msgType: z.enum(CAP_MSG_TYPES),
  state: z.enum(ALERT_STATES),
  event: z.enum(ALERT_EVENTS),
  responseType: z.enum(CAP_RESPONSE_TYPES),
  urgency: z.enum(CAP_URGENCIES),
  severity: z.enum(CAP_SEVERITIES),
  certainty: z.enum(CAP_CERTAINTIES),
  instructionAr: z.string().nullable(),
  instructionEn: z.string().nullable(),
  area: z.union([z.object({ kind: z.literal('circle'), radiusKm: z.number() }), z.object({ kind: z.literal('district') })]),
  sent: z.number(),
  expires: z.number(),
  messages: z.number(),
});

export const alertFileInput = z.object({ messageId: id }).strict();
export const exportWritten = z.object({ file: z.string(), rows: z.number() });

/** A period of local dates, inclusive, on the post's calendar. */
export const reportPeriod = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.invalid' }),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.invalid' }),
}).strict();

/** An HXL report: the period's incidents (the default) or one statistics table. */
export const hxlExportInput = reportPeriod.extend({ table: choice(HXL_TABLES).optional() }).strict();

export type AlertView = z.output<typeof alertView>;

// Warning the public is the duty officer's decision; everyone on the incident sees the alerts.
// Reports leave the post for partners: the duty officer's, like the statistics they come from.
export const exchangeChannels = {
  /** Public alerts (CAP 1.2) of an incident, newest first; issue, update and cancel answer the new list. */
  'exchange.alerts': channel(z.object({ incidentId: id }).strict(), z.array(alertView), 'operator', ['alert', 'incident']),
  'exchange.issueAlert': channel(issueAlertInput, z.array(alertView), 'supervisor'),
  'exchange.updateAlert': channel(updateAlertInput, z.array(alertView), 'supervisor'),
  'exchange.cancelAlert': channel(cancelAlertInput, z.array(alertView), 'supervisor'),
  /** One CAP message as an .xml file, where the shell's save dialog says; null when cancelled. */
  'exchange.saveAlert': channel(alertFileInput, z.object({ file: z.string() }).nullable(), 'supervisor'),
  /** A period's incidents (or, in HXL, a statistics table) for partners, where the save dialog says; null when cancelled. */
  'exchange.exportHxl': channel(hxlExportInput, exportWritten.nullable(), 'supervisor'),
  'exchange.exportGeojson': channel(reportPeriod, exportWritten.nullable(), 'supervisor'),
} as const;
