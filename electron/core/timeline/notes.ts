// The incident's timeline is append-only: a note written by mistake is struck through with
// a reason, never deleted, so the record of what the post knew and when stays whole.
import { newRowId } from '../oplog/rowId';
import { DomainError } from '../base/errors';
import type { ServiceContext } from '../context';

export async function addNote(ctx: ServiceContext, operatorId: string, incidentId: string, text: string): Promise<void> {
  const now = ctx.now();
  await ctx.store.write(operatorId, async ({ tx, record }) => {
    const exists = await tx.get('SELECT 1 FROM incidents WHERE id = ?', [incidentId]);
    if (!exists) throw new DomainError('error.incidentNotFound');
    await record([{
      entity: 'timeline', rowId: newRowId(),
      create: { incidentId, at: now, kind: 'note', text: text.trim(), status: null, cancelReason: null, operator: operatorId },
    }]);
  });
}

/** Strikes a note through; returns the incident it belongs to. */
export async function strikeNote(ctx: ServiceContext, operatorId: string, entryId: string, reason: string): Promise<string> {
  const now = ctx.now();
  return ctx.store.write(operatorId, async ({ tx, record }) => {
    const entry = await tx.get<{ incident_id: string; kind: string; struck_at: number | null }>(
      'SELECT incident_id, kind, struck_at FROM timeline_entries WHERE id = ?', [entryId]);
    if (!entry || entry.kind !== 'note') throw new DomainError('error.noteNotFound');
    if (entry.struck_at !== null) throw new DomainError('error.noteAlreadyStruck');
    await record([{ entity: 'timeline', rowId: entryId, set: { struckReason: reason.trim(), struckAt: now, struckBy: operatorId } }]);
    return entry.incident_id;
  });
}
