// The post's settings shared by every console, and its key.
// Each channel's handler and what it changes; its input, output and role: shared/api/post.ts.
import { defineChannels } from '../api/channel';
import { setPostDefaults, setShiftPattern } from './postDefaults';
import { exportPostKey } from './postKeyFile';
import { restorePostKey } from './restorePostKey';

export const postChannels = defineChannels({
  'post.setDefaults': {
    // Not a table: every open window re-reads the post's settings.
    changes: ['settings', 'post'],
    handler: (ctx, input) => setPostDefaults(ctx, ctx.operatorId, input),
  },
  'post.exportKey': {
    handler: (ctx, input) => exportPostKey(ctx, ctx.session, input.passphrase),
  },
  'post.restoreKey': {
    changes: ['settings'],
    handler: (ctx, input) => restorePostKey(ctx, ctx.session, input.passphrase),
  },
  'post.setShifts': {
    changes: ['settings', 'post'],
    handler: (ctx, input) => setShiftPattern(ctx, ctx.operatorId, input),
  },
});
