// Importing another system's call log.
// Each channel's handler and what it changes; its input, output and role: shared/api/import.ts.
import { defineChannels } from '../api/channel';
import { importStatus, inspectExport, previewImport, startImport } from './importJobs';

export const importChannels = defineChannels({
  'import.inspect': {
    handler: async (_ctx, input) => inspectExport(input.text),
  },
  'import.preview': {
    handler: (ctx, input) => previewImport(ctx, input.text, input.mapping),
  },
  'import.start': {
    handler: async (ctx, input) => startImport(ctx, ctx.operatorId, input.text, input.mapping),
  },
  'import.status': {
    handler: async (_ctx, input) => importStatus(input.jobId),
  },
});
