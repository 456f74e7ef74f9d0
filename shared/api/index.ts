// The one contract between renderer and main process: every channel, its input, its output and
// who may call it, declared by its feature in shared/api/<feature>.ts (the same word as the
// channel's prefix, electron/core/<feature>/ and renderer/src/features/<feature>/). A renamed
// channel breaks the build on both sides, not the user.
import type { z } from 'zod';
import { combineChannels, type Reads, type Requirement } from './channel';
import { setupChannels } from './setup';
import { sessionChannels } from './session';
import { postChannels } from './post';
import { referenceChannels } from './reference';
import { incidentsChannels } from './incidents';
import { timelineChannels } from './timeline';
import { teamsChannels } from './teams';
import { rosterChannels } from './roster';
import { dispatchChannels } from './dispatch';
import { operatorsChannels } from './operators';
import { statsChannels } from './stats';
import { importChannels } from './import';
import { summaryChannels } from './summary';
import { auditChannels } from './audit';
import { syncChannels } from './sync';
import { backupChannels } from './backup';
import { exchangeChannels } from './exchange';

export const api = combineChannels(
  setupChannels, sessionChannels, postChannels, referenceChannels, incidentsChannels, timelineChannels, teamsChannels, rosterChannels, dispatchChannels, operatorsChannels, statsChannels, importChannels, summaryChannels, auditChannels, syncChannels, backupChannels, exchangeChannels,
);

export type Api = typeof api;
export type ChannelName = keyof Api;
export const CHANNEL_NAMES = Object.keys(api) as ChannelName[];
export type Input<C extends ChannelName> = z.input<Api[C]['input']>;
export type Output<C extends ChannelName> = z.output<Api[C]['output']>;

export { mayCall } from './roles';
export { combineChannels, RECORD_KINDS, type ChangeTopic, type Reads, type RecordKind, type Requirement } from './channel';
import { roleForInput } from './roles';

/** The role a call needs; some depend on what is asked (closing an incident is a supervisor's). */
export function requiredRole(channel: ChannelName, input: unknown): Requirement {
  return roleForInput(channel, api[channel].role, input);
}

/** Who may call each channel, as its feature declares it. */
export const CHANNEL_ROLE = Object.fromEntries(CHANNEL_NAMES.map((c) => [c, api[c].role])) as Readonly<Record<ChannelName, Requirement>>;

/** Channels callable before anyone has signed in. Everything else needs an operator. */
export const PUBLIC_CHANNELS: ReadonlySet<ChannelName> = new Set(
  (Object.keys(CHANNEL_ROLE) as ChannelName[]).filter((c) => CHANNEL_ROLE[c] === 'public'),
);
/**
 * An error the operator can read: `code` is an i18n key, `params` fill it in, and
 * `fields` names the form fields at fault (dotted path → i18n key).
 */
export interface ApiError {
  code: string;
  params?: Record<string, string | number>;
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the main process announces after a change, so every open view re-asks. */
export interface ChangeEvent {
  entities: string[];
}

/** The channels a view may show with useQuery: those that declare what they read. */
export type QueryChannel = { [C in ChannelName]: Api[C]['reads'] extends Reads ? C : never }[ChannelName];

/**
 * Whether a view showing `channel` must re-ask after `event`: when the event names something the
 * query reads. A channel declaring no reads, or 'any', re-asks on every event (never stale).
 */
export function rereadsOn(channel: ChannelName, event: ChangeEvent): boolean {
  const reads: Reads | undefined = api[channel].reads;
  if (reads === undefined || reads === 'any') return true;
  return event.entities.some((e) => (reads as readonly string[]).includes(e));
}

/** `window.ops`: the only bridge between the renderer and the main process. */
export interface OpsBridge {
  invoke<C extends ChannelName>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  onChange(listener: (event: ChangeEvent) => void): () => void;
}

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(api, name);
}

export type * from './types';
