// Sync with hubs, bundles, and what sync set aside or held back.
// Each channel's handler and what it changes; its input, output and role: shared/api/sync.ts.
import { defineChannels } from '../api/channel';
import { bundleExportProgress, bundleImportStatus, exportBundleFromApp, startBundleImport } from './bundleJobs';
import { clockHealth } from './clockSkew';
import { fieldConflicts } from './conflicts';
import { addHub, listHubs, removeHub, testHub } from './hubs';
import { quarantineCounts } from './quarantine';
import { copiedFolder } from './renewOrigin';

export const syncChannels = defineChannels({
  'sync.status': {
    handler: async (ctx) => (ctx.sync ? ctx.sync.status() : []),
  },
  'sync.now': {
    handler: async (ctx, input) => (ctx.sync ? ctx.sync.syncNow(input.hubId) : []),
  },
  'hubs.list': {
    handler: async (ctx) => listHubs(ctx),
  },
  'hubs.test': {
    handler: async (_ctx, input) => {
      await testHub(input);
      return { ok: true as const };
    },
  },
  'hubs.add': {
    handler: async (ctx, input) => addHub(ctx, input.name, input),
  },
  'hubs.remove': {
    handler: async (ctx, input) => {
      removeHub(ctx, input.id);
      return { ok: true as const };
    },
  },
  'bundles.export': {
    handler: (ctx, input) => exportBundleFromApp(ctx, ctx.session, input),
  },
  'bundles.import': {
    handler: (ctx) => startBundleImport(ctx, ctx.session),
  },
  'bundles.status': {
    handler: async (ctx, input) => bundleImportStatus(ctx, input.jobId),
  },
  'bundles.exportProgress': {
    handler: async (ctx) => bundleExportProgress(ctx),
  },
  'sync.conflicts': {
    handler: (ctx, input) => fieldConflicts(ctx.store.reader, input),
  },
  'sync.health': {
    handler: async (ctx) => ({
      quarantine: await quarantineCounts(ctx.store.reader), copied: await copiedFolder(ctx.store.reader), clock: await clockHealth(ctx.store.reader, ctx.now()),
    }),
  },
});
