// The statistics screen's report.
// Each channel's handler and what it changes; its input, output and role: shared/api/stats.ts.
import { defineChannels } from '../api/channel';
import { requirePost } from '../setup/setup';
import { statsReport } from './statistics';

export const statsChannels = defineChannels({
  'stats.report': {
    handler: (ctx, input) => statsReport(ctx.store.reports, input, requirePost(ctx.settings).post.timeZone, ctx.now()),
  },
});
