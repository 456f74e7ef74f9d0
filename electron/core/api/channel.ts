// How a core feature declares its channels (electron/core/<feature>/channels.ts): for each
// channel of its contract (shared/api/<feature>.ts), the handler and what it changes.
import type { z } from 'zod';
import type { Api, ChannelName, Output } from '../../../shared/api';
import type { EntityName } from '../oplog/entities';
import type { ServiceContext } from '../context';
import type { Session } from '../session';

/** What a handler is given: the services, and who is calling from which window. */
export interface HandlerContext extends ServiceContext {
  session: Session;
  /** The signed-in operator; the router guarantees it for every non-public channel. */
  operatorId: string;
}

export type Handler<C extends ChannelName> = (ctx: HandlerContext, input: z.output<Api[C]['input']>) => Promise<Output<C>>;

/** What a change event names: a kind of record, or the settings every window re-reads. */
export type ChangeTopic = EntityName | 'settings';

export interface CoreChannel<C extends ChannelName> {
  /** Announced to every open window after the call succeeds, so views showing them re-ask. */
  changes?: readonly ChangeTopic[];
  handler: Handler<C>;
}

export type CoreChannels<N extends ChannelName = ChannelName> = { [C in N]: CoreChannel<C> };

/** Types each handler from its contract; a name the contract does not declare is a type error. */
export function defineChannels<const N extends ChannelName>(channels: CoreChannels<N>): CoreChannels<N> {
  return channels;
}
