// Public alerts (CAP) and reports for partners (HXL, GeoJSON).
// Each channel's handler and what it changes; its input, output and role: shared/api/exchange.ts.
import type { Language } from '../../../shared/domain';
import { defineChannels } from '../api/channel';
import type { HandlerContext } from '../api/channel';
import { getOperator } from '../operators/operators';
import { cancelAlert, issueAlert, listAlerts, updateAlert } from './alerts';
import { exportReportFromApp, saveAlertFromApp } from './exchangeFiles';

export const exchangeChannels = defineChannels({
  'exchange.alerts': {
    handler: (ctx, input) => listAlerts(ctx.store.reader, input.incidentId, ctx.now()),
  },
  'exchange.issueAlert': {
    changes: ['alert'],
    handler: async (ctx, input) => {
      await issueAlert(ctx, ctx.operatorId, input);
      return listAlerts(ctx.store.reader, input.incidentId, ctx.now());
    },
  },
  'exchange.updateAlert': {
    changes: ['alert'],
    handler: async (ctx, input) => {
      await updateAlert(ctx, ctx.operatorId, input);
      return alertsOfThread(ctx, input.alertId);
    },
  },
  'exchange.cancelAlert': {
    changes: ['alert'],
    handler: async (ctx, input) => {
      await cancelAlert(ctx, ctx.operatorId, input);
      return alertsOfThread(ctx, input.alertId);
    },
  },
  'exchange.saveAlert': {
    handler: (ctx, input) => saveAlertFromApp(ctx, ctx.session, input.messageId),
  },
  'exchange.exportHxl': {
    handler: async (ctx, { table, ...period }) => exportReportFromApp(ctx, ctx.session, 'hxl', period, await languageOf(ctx), table),
  },
  'exchange.exportGeojson': {
    handler: async (ctx, input) => exportReportFromApp(ctx, ctx.session, 'geojson', input, await languageOf(ctx)),
  },
});

/** Reports are written in the language of the operator who asks (headers and place names). */
async function languageOf(ctx: HandlerContext): Promise<Language> {
  return (await getOperator(ctx.store.reader, ctx.operatorId))?.language ?? 'en';
}

async function alertsOfThread(ctx: HandlerContext, alertId: string) {
  const row = await ctx.store.reader.get<{ incident_id: string }>('SELECT incident_id FROM alerts WHERE id = ?', [alertId]);
  return row ? listAlerts(ctx.store.reader, row.incident_id, ctx.now()) : [];
}
