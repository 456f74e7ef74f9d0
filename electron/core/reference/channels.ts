// The reference lists shipped with the app.
// Each channel's handler and what it changes; its input, output and role: shared/api/reference.ts.
import { defineChannels } from '../api/channel';
import { DISTRICTS } from './districts';

export const referenceChannels = defineChannels({
  'reference.districts': {
    handler: async () => [...DISTRICTS],
  },
});
