// Contract of an incident's timeline: notes are append-only; a mistaken one is struck through.
import { z } from 'zod';
import { TEXT_LIMITS } from '../domain';
import { channel } from './channel';
import { id, requiredText } from './common';
import { incidentDetail } from './incidents';

export const addNoteInput = z.object({ incidentId: id, text: requiredText(TEXT_LIMITS.long) }).strict();
export const strikeNoteInput = z.object({ entryId: id, reason: requiredText(TEXT_LIMITS.medium) }).strict();

export const timelineChannels = {
  'timeline.addNote': channel(addNoteInput, incidentDetail, 'operator'),
  'timeline.strike': channel(strikeNoteInput, incidentDetail, 'operator'),
} as const;
