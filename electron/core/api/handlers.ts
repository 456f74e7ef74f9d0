// Each channel of the contract, bound to its service. A missing channel is a type error.
import { DUPLICATE_RADIUS_M, DUPLICATE_WINDOW_MS } from '../../../shared/domain';
import { loadDemoData } from '../demo/seed';
import { logCall } from '../incidents/intake';
import { setStatus, updateIncident } from '../incidents/incidentChanges';
import { findDuplicates, incidentDetail, queue } from '../incidents/queries';
import { getOperator, setOperatorLanguage, signIn } from '../operators/operators';
import { DISTRICTS } from '../reference/districts';
import { completeSetup, setupStatus } from '../setup/setup';
import { addNote, strikeNote } from '../timeline/notes';
import { DomainError } from './errors';
import type { ChangeMap, Handlers } from './router';

export const handlers: Handlers = {
  'setup.status': (ctx) => setupStatus(ctx),
  'setup.complete': async (ctx, input) => {
    const operator = await completeSetup(ctx, input, (operatorId) => loadDemoData(ctx, operatorId));
    ctx.session.operatorId = operator.id;
    return operator;
  },
  'session.signIn': async (ctx, input) => {
    const operator = await signIn(ctx.store.reader, input.name, input.pin);
    ctx.session.operatorId = operator.id;
    return operator;
  },
  'session.signOut': async (ctx) => {
    ctx.session.operatorId = null;
    return { ok: true as const };
  },
  'session.current': async (ctx) => (ctx.session.operatorId ? getOperator(ctx.store.reader, ctx.session.operatorId) : null),
  'session.setLanguage': async (ctx, input) => {
    await ctx.store.write(ctx.operatorId, (writer) => setOperatorLanguage(writer, ctx.operatorId, input.language));
    const operator = await getOperator(ctx.store.reader, ctx.operatorId);
    if (!operator) throw new DomainError('error.notSignedIn');
    return operator;
  },
  'reference.districts': async () => [...DISTRICTS],
  'calls.findDuplicates': (ctx, input) => findDuplicates(ctx.store.reader, input, DUPLICATE_WINDOW_MS, DUPLICATE_RADIUS_M),
  'calls.log': (ctx, input) => logCall(ctx, ctx.operatorId, input),
  'incidents.queue': (ctx, input) => queue(ctx.store.reader, input),
  'incidents.get': (ctx, input) => incidentDetail(ctx.store.reader, input.id),
  'incidents.update': async (ctx, input) => {
    await updateIncident(ctx, ctx.operatorId, input.id, input.changes);
    return incidentDetail(ctx.store.reader, input.id);
  },
  'incidents.setStatus': async (ctx, input) => {
    await setStatus(ctx, ctx.operatorId, input);
    return incidentDetail(ctx.store.reader, input.id);
  },
  'timeline.addNote': async (ctx, input) => {
    await addNote(ctx, ctx.operatorId, input.incidentId, input.text);
    return incidentDetail(ctx.store.reader, input.incidentId);
  },
  'timeline.strike': async (ctx, input) => {
    const incidentId = await strikeNote(ctx, ctx.operatorId, input.entryId, input.reason);
    return incidentDetail(ctx.store.reader, incidentId);
  },
};

export const changes: ChangeMap = {
  'setup.complete': ['operator', 'incident', 'call', 'timeline'],
  'session.setLanguage': ['operator'],
  'calls.log': ['incident', 'call', 'timeline'],
  'incidents.update': ['incident'],
  'incidents.setStatus': ['incident', 'timeline'],
  'timeline.addNote': ['timeline'],
  'timeline.strike': ['timeline'],
};
