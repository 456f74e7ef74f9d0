// How a feature declares its channels (shared/api/<feature>.ts), and how declarations are
// joined into one contract: a name declared twice is refused, where a spread would keep the last.
import { z } from 'zod';
import type { OperatorRole } from '../domain';
import { id } from './common';

/** Who may call a channel: anyone (before sign-in), or an operator of at least this role. */
export type Requirement = 'public' | OperatorRole;

/** The kinds of record the operation log holds (electron/core/oplog/entities.ts; tests/core/api/channelReads.test.ts keeps them equal). */
export const RECORD_KINDS = ['incident', 'call', 'timeline', 'operator', 'centre', 'team', 'volunteer', 'rosterEntry', 'assignment', 'handoverNote', 'alert', 'post'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** What a change event names: a kind of record, or the settings every window re-reads. */
export type ChangeTopic = RecordKind | 'settings';

/**
 * What a query's answer is made of, so a view re-asks only when one of them is announced: the
 * kinds of record (and settings) it reads, or 'any' for an answer kept outside the records (sync,
 * backup, session state), which re-asks on every announcement as before.
 */
export type Reads = readonly ChangeTopic[] | 'any';

export interface Channel<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, R extends Reads | undefined = Reads | undefined> {
  input: I;
  output: O;
  role: Requirement;
  /** Declared by every query a view shows (useQuery takes no other); absent on the writes. */
  reads: R;
}

export function channel<I extends z.ZodType, O extends z.ZodType, const R extends Reads | undefined = undefined>(input: I, output: O, role: Requirement, reads?: R): Channel<I, O, R> {
  return { input, output, role, reads: reads as R };
}

export const empty = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });
export const savedId = z.object({ id });

type Merged<T extends readonly object[]> = T extends readonly [infer Head, ...infer Rest extends readonly object[]] ? Head & Merged<Rest> : unknown;

/**
 * One table from the features' tables. Used on both sides: the contract here, the handlers in
 * the core (electron/core/api/channels.ts). Throws on a name two features declare.
 */
export function combineChannels<const T extends readonly object[]>(...groups: T): Merged<T> {
  const all: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [name, value] of Object.entries(group)) {
      if (Object.hasOwn(all, name)) throw new Error(`channel ${name} is declared twice`);
      all[name] = value;
    }
  }
  return all as Merged<T>;
}
