// The router: the only way in. It validates every input against the channel's schema,
// checks that someone is signed in, runs the service, and turns every failure into an
// error the operator can read. It never throws and never half-writes: a service either
// commits its one transaction or rolls it back.
import type { z } from 'zod';
import { api, mayCall, PUBLIC_CHANNELS, requiredRole, type ApiError, type Api, type ChangeEvent, type ChannelName, type Output, type Result } from '../../../shared/api';
import type { ServiceContext } from '../context';
import { sqliteCode } from '../db/connection';
import { getOperator } from '../operators/operators';
import type { Logger } from '../base/logger';
import { DomainError } from '../base/errors';
import type { Session } from '../session';
import { validationError } from './validation';
import type { CoreChannel, CoreChannels, HandlerContext } from './channel';

export type { HandlerContext };


const SQLITE_ERRORS: Record<string, string> = {
  SQLITE_FULL: 'error.diskFull',
  SQLITE_READONLY: 'error.readOnly',
  SQLITE_BUSY: 'error.busy',
  SQLITE_LOCKED: 'error.busy',
  SQLITE_IOERR: 'error.diskFull',
  SQLITE_CORRUPT: 'error.corrupt',
};

export function createRouter(deps: {
  ctx: ServiceContext;
  channels: CoreChannels;
  log: Logger;
  emit: (event: ChangeEvent) => void;
  /** Check outputs against their schemas too (tests): a service that breaks the contract fails loudly. */
  checkOutputs?: boolean;
}) {
  return async function invoke<C extends ChannelName>(session: Session, channel: C, input: unknown): Promise<Result<Output<C>>> {
    if (typeof channel !== 'string' || !Object.hasOwn(api, channel)) return failure({ code: 'error.unknownChannel' });
    const spec = api[channel];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return failure(validationError(parsed.error));
    try {
      let operatorId = '';
      if (!PUBLIC_CHANNELS.has(channel)) {
        const { reader, untilChanged } = deps.ctx.store;
        await untilChanged.refresh();
        // Kept until the next commit: disabling an operator or changing a role is one.
        const id = session.operatorId;
        const operator = id ? await untilChanged.get(`operator ${id}`, () => getOperator(reader, id)) : null;
        if (!operator) {
          session.operatorId = null;
          return failure({ code: 'error.notSignedIn' });
        }
        if (session.locked && channel !== 'session.unlock' && channel !== 'session.signOut') return failure({ code: 'error.locked' });
        // The core is what refuses: the renderer only hides what a role cannot do.
        if (!mayCall(operator.role, requiredRole(channel, parsed.data))) return failure({ code: 'error.forbidden' });
        operatorId = operator.id;
      }
      const { handler, changes } = deps.channels[channel] as CoreChannel<C>;
      const value = await handler({ ...deps.ctx, session, operatorId }, parsed.data as z.output<Api[C]['input']>);
      if (deps.checkOutputs) spec.output.parse(value);
      if (changes) deps.emit({ entities: [...changes] });
      return { ok: true, value };
    } catch (err) {
      if (err instanceof DomainError) return failure(err.toApiError());
      const code = sqliteCode(err);
      const known = code ? Object.entries(SQLITE_ERRORS).find(([prefix]) => code.startsWith(prefix))?.[1] : undefined;
      deps.log.error(`channel ${channel} failed`, { error: err instanceof Error ? err.stack ?? err.message : String(err), sqlite: code });
      return failure({ code: known ?? 'error.unexpected' });
    }
  };
}

function failure(error: ApiError): { ok: false; error: ApiError } {
  return { ok: false, error };
}
