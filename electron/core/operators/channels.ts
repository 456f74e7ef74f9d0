// Operator accounts (administrators).
// Each channel's handler and what it changes; its input, output and role: shared/api/operators.ts.
import { defineChannels } from '../api/channel';
import { DomainError } from '../base/errors';
import { createOperator, listOperators, setOperatorDisabled } from './operators';

export const operatorsChannels = defineChannels({
  'operators.list': {
    handler: (ctx) => listOperators(ctx.store.reader),
  },
  'operators.create': {
    changes: ['operator'],
    handler: async (ctx, input) => {
      const created = await ctx.store.write(ctx.operatorId, (w) => createOperator(w, ctx.now(), input));
      return (await listOperators(ctx.store.reader)).find((o) => o.id === created.id)!;
    },
  },
  'operators.setDisabled': {
    changes: ['operator'],
    handler: async (ctx, input) => {
      await ctx.store.write(ctx.operatorId, (w) => setOperatorDisabled(w, ctx.operatorId, input.id, input.disabled));
      const account = (await listOperators(ctx.store.reader)).find((o) => o.id === input.id);
      if (!account) throw new DomainError('error.notFound');
      return account;
    },
  },
});
