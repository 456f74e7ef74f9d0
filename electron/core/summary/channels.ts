// The shift summary, its printing, and handover notes.
// Each channel's handler and what it changes; its input, output and role: shared/api/summary.ts.
import { defineChannels } from '../api/channel';
import { requirePost } from '../setup/setup';
import { addHandoverNote } from './handover';
import { shiftSummary, summaryPeriod } from './shiftSummary';

export const summaryChannels = defineChannels({
  'summary.get': {
    handler: (ctx, input) => shiftSummary(ctx, input),
  },
  'summary.print': {
    handler: async (ctx, input) => {
      // A period that cannot be summarised is refused here, before any window opens.
      const settings = requirePost(ctx.settings);
      summaryPeriod({ period: input.period }, settings.shiftStarts, settings.post.timeZone);
      return { period: input.period, pdf: input.pdf, file: null };
    },
  },
  'summary.addHandoverNote': {
    changes: ['handoverNote'],
    handler: async (ctx, input) => {
      await addHandoverNote(ctx, ctx.operatorId, input.shiftStart, input.text);
      return { ok: true as const };
    },
  },
});
