// Contract of the reference lists shipped with the app (the region's districts).
import { z } from 'zod';
import { channel, empty } from './channel';

export const district = z.object({
  code: z.string(),
  name: z.object({ en: z.string(), ar: z.string() }),
  center: z.object({ lat: z.number(), lon: z.number() }),
  subdistricts: z.array(z.object({ code: z.string(), name: z.object({ en: z.string(), ar: z.string() }) })),
});

export type District = z.output<typeof district>;

export const referenceChannels = {
  'reference.districts': channel(empty, z.array(district), 'public', []),
} as const;
