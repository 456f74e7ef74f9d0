// A window's session: who is signed in, locking after idle time, the operator's language.
// Each channel's handler and what it changes; its input, output and role: shared/api/session.ts.
import { defineChannels } from '../api/channel';
import { DomainError } from '../base/errors';
import { getOperator, setOperatorLanguage, signIn } from '../operators/operators';

export const sessionChannels = defineChannels({
  'session.signIn': {
    handler: async (ctx, input) => {
      const operator = await signIn(ctx.store, ctx.now(), input.name, input.pin);
      ctx.session.operatorId = operator.id;
      ctx.session.locked = false;
      return operator;
    },
  },
  'session.lock': {
    handler: async (ctx) => {
      ctx.session.locked = true;
      return { ok: true as const };
    },
  },
  'session.unlock': {
    handler: async (ctx, input) => {
      const me = await getOperator(ctx.store.reader, ctx.operatorId);
      if (!me) throw new DomainError('error.notSignedIn');
      // The same check, and the same throttle, as signing in: only this operator's PIN unlocks.
      const operator = await signIn(ctx.store, ctx.now(), me.name, input.pin);
      if (operator.id !== ctx.operatorId) throw new DomainError('error.badCredentials');
      ctx.session.locked = false;
      return operator;
    },
  },
  'session.signOut': {
    handler: async (ctx) => {
      ctx.session.locked = false;
      ctx.session.operatorId = null;
      return { ok: true as const };
    },
  },
  'session.current': {
    handler: async (ctx) => (ctx.session.operatorId ? getOperator(ctx.store.reader, ctx.session.operatorId) : null),
  },
  'session.setLanguage': {
    changes: ['operator'],
    handler: async (ctx, input) => {
      await ctx.store.write(ctx.operatorId, (writer) => setOperatorLanguage(writer, ctx.operatorId, input.language));
      const operator = await getOperator(ctx.store.reader, ctx.operatorId);
      if (!operator) throw new DomainError('error.notSignedIn');
      return operator;
    },
  },
});
