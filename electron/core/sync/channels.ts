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
  'sync.hubs': {
    handler: async (ctx) => listHubs(ctx),
  },
  'sync.testHub': {
    handler: async (_ctx, input) => {
      await testHub(input);
      return { ok: true as const };
    },
  },
  'sync.addHub': {
    handler: async (ctx, input) => addHub(ctx, input.name, input),
  },
  'sync.removeHub': {
    handler: async (ctx, input) => {
      removeHub(ctx, input.id);
      return { ok: true as const };
    },
  },
  'sync.exportBundle': {
    handler: (ctx, input) => exportBundleFromApp(ctx, ctx.session, input),
  },
  'sync.importBundle': {
    handler: (ctx) => startBundleImport(ctx, ctx.session),
  },
  'sync.bundleStatus': {
    handler: async (ctx, input) => bundleImportStatus(ctx, input.jobId),
  },
  'sync.exportProgress': {
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
