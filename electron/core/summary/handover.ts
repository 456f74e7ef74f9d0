// Handover notes: written by the outgoing duty officer for the shift that is ending, read on
// the summary by the incoming one. Append-only, like the timeline.
import { newRowId } from '../oplog/rowId';
import { shiftAt } from '../../../shared/time/shifts';
import type { ServiceContext } from '../context';
import { requirePost } from '../setup/setup';

/** Adds a note to the shift containing `shiftStart` (any instant in it will do). */
export async function addHandoverNote(ctx: ServiceContext, operatorId: string, at: number, text: string): Promise<void> {
  const settings = requirePost(ctx.settings);
  const shift = shiftAt(at, settings.shiftStarts, settings.post.timeZone);
  const now = ctx.now();
  await ctx.store.write(operatorId, ({ record }) => record([{
    entity: 'handoverNote', rowId: newRowId(),
    create: { shiftStart: shift.start, text: text.trim(), operator: operatorId, writtenAt: now },
  }]));
}
