// The audit trail.
// Each channel's handler and what it changes; its input, output and role: shared/api/audit.ts.
import { defineChannels } from '../api/channel';
import { auditTrail } from './auditTrail';

export const auditChannels = defineChannels({
  'audit.list': {
    handler: (ctx, input) => auditTrail(ctx.store.reports, input),
  },
});
