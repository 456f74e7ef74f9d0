// First run: set up a new post, join one with its key file, or recover one.
// Each channel's handler and what it changes; its input, output and role: shared/api/setup.ts.
import { defineChannels } from '../api/channel';
import { loadDemoData } from '../demo/seed';
import { chooseJoinKeyFile, openPostKeyFile } from '../post/postKeyFile';
import { completeSetup, setupStatus } from './setup';

export const setupChannels = defineChannels({
  'setup.status': {
    handler: (ctx) => setupStatus(ctx),
  },
  'setup.complete': {
    changes: ['operator', 'incident', 'call', 'timeline'],
    handler: async (ctx, input) => {
      // A wrong passphrase changes nothing, and the file read stays in the session for another try.
      const pending = ctx.session.pendingJoin;
      const openJoin = async () => (pending ? openPostKeyFile(pending, input.passphrase) : undefined);
      const operator = await completeSetup(ctx, input, (operatorId) => loadDemoData(ctx, operatorId), openJoin);
      delete ctx.session.pendingJoin;
      ctx.session.operatorId = operator.id;
      return operator;
    },
  },
  'setup.readPostKeyFile': {
    handler: (ctx) => chooseJoinKeyFile(ctx, ctx.session),
  },
});
