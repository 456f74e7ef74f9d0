// The post's settings a supervisor or administrator changes after set-up: its defaults and its
// shift pattern, recorded as operations on the post's row (postSettings.ts) and mirrored into
// this console's settings file.
import type { PostDefaultsInput, SetupStatus, ShiftPatternInput } from '../../../shared/api';
import { canonicalPattern, shiftPatternProblem } from '../../../shared/time/shifts';
import { DomainError } from '../base/errors';
import type { ServiceContext } from '../context';
import { requirePost, setupStatus } from '../setup/setup';
import { mirrorPostSettings, recordPostSettings } from './postSettings';

/**
 * The post's defaults: the language of sign-in and of new operators, and how digits are written.
 * Post-wide: every console of the post follows after sync. An operator's
 * own language is theirs, on every console.
 */
export async function setPostDefaults(ctx: ServiceContext, operatorId: string, input: PostDefaultsInput): Promise<SetupStatus> {
  const { post } = requirePost(ctx.settings);
  await recordPostSettings(ctx.store, operatorId, post.code, { language: input.language, digits: input.digits });
  await mirrorPostSettings(ctx.settings, ctx.store.reader);
  return setupStatus(ctx);
}

/**
 * The post's shift pattern, for every console of the post: the header, the shift summary and
 * the safety copies follow it from the next minute. Stored sorted; two starts closer than two
 * hours are refused.
 */
export async function setShiftPattern(ctx: ServiceContext, operatorId: string, input: ShiftPatternInput): Promise<SetupStatus> {
  const { post } = requirePost(ctx.settings);
  const problem = shiftPatternProblem(input.starts);
  if (problem) throw new DomainError('error.invalidInput', undefined, { starts: problem });
  await recordPostSettings(ctx.store, operatorId, post.code, { shiftStarts: canonicalPattern(input.starts) });
  await mirrorPostSettings(ctx.settings, ctx.store.reader);
  return setupStatus(ctx);
}
