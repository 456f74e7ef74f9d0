// How a feature declares its channels (shared/api/<feature>.ts), and how declarations are
// joined into one contract: a name declared twice is refused, where a spread would keep the last.
import { z } from 'zod';
import type { OperatorRole } from '../domain';
import { id } from './common';

/** Who may call a channel: anyone (before sign-in), or an operator of at least this role. */
export type Requirement = 'public' | OperatorRole;

export interface Channel<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  role: Requirement;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, role: Requirement): Channel<I, O> {
  return { input, output, role };
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
