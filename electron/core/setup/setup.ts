// First run: the post, this console's letter and the first operator. Until then only the
// setup channels answer.
import type { OperatorView, PostDefaultsInput, SetupInput, SetupStatus, ShiftPatternInput } from '../../../shared/api';
import { DomainError } from '../api/errors';
import type { ServiceContext } from '../context';
import { createOperator } from '../operators/operators';
import { ensureRollup } from '../stats/rollup';
import type { ConsoleSettings, SettingsStore } from '../settings/settingsStore';
import { newPostKey } from '../sync/bundle';
import { parsePattern } from '../../../shared/time/shifts';

/** The region Beacon is first built for; the first-run form offers it. */
export const DEFAULT_TIME_ZONE = 'Asia/Damascus';
export const DEFAULT_POST = { name: 'Latakia command post', code: 'LTK', timeZone: DEFAULT_TIME_ZONE };

export interface ReadySettings extends ConsoleSettings {
  post: NonNullable<ConsoleSettings['post']>;
  consoleLetter: string;
}

export function requirePost(settings: SettingsStore): ReadySettings {
  const current = settings.read();
  if (!current.post || !current.consoleLetter) throw new DomainError('error.setupNeeded');
  return { ...current, post: current.post, consoleLetter: current.consoleLetter };
}

async function hasOperators(ctx: ServiceContext): Promise<boolean> {
  return (await ctx.store.reader.get("SELECT 1 FROM operators WHERE disabled = 0 AND pin_hash <> '!'")) !== undefined;
}

export async function setupStatus(ctx: ServiceContext): Promise<SetupStatus> {
  const settings = ctx.settings.read();
  return {
    needsSetup: !settings.post || !settings.consoleLetter || !(await hasOperators(ctx)),
    post: settings.post,
    consoleLetter: settings.consoleLetter,
    language: settings.language,
    digits: settings.digits,
    defaultTimeZone: DEFAULT_TIME_ZONE,
    lockAfterMinutes: settings.lockAfterMinutes,
    shiftStarts: settings.shiftStarts,
    settingsRestoredFrom: ctx.settings.restoredFrom(),
  };
}

export async function completeSetup(
  ctx: ServiceContext,
  input: SetupInput,
  loadDemo: (operatorId: string) => Promise<void>,
): Promise<OperatorView> {
  if (!(await setupStatus(ctx)).needsSetup) throw new DomainError('error.setupDone');
  ctx.settings.write({ ...ctx.settings.read(), post: input.post, consoleLetter: input.consoleLetter, language: input.language, digits: input.digits ?? 'latn', postKey: newPostKey() });
  await ensureRollup(ctx.store, input.post.timeZone);
  const operator = await ctx.store.write(null, (writer) =>
    createOperator(writer, ctx.now(), { name: input.operator.name, pin: input.operator.pin, role: 'administrator', language: input.language }),
  );
  if (input.loadDemo) await loadDemo(operator.id);
  return operator;
}

/** The post's defaults: the language of sign-in and of new operators, and how digits are written. */
export async function setPostDefaults(ctx: ServiceContext, input: PostDefaultsInput): Promise<SetupStatus> {
  requirePost(ctx.settings);
  ctx.settings.write({ ...ctx.settings.read(), language: input.language, digits: input.digits });
  return setupStatus(ctx);
}

/** Shorter than this, a "shift" is a typing mistake rather than a pattern. */
const SHORTEST_SHIFT_MINUTES = 120;

/**
 * The post's shift pattern: the header, the shift summary and the safety copies follow it
 * from the next minute. Stored sorted; two starts closer than two hours are refused.
 */
export async function setShiftPattern(ctx: ServiceContext, input: ShiftPatternInput): Promise<SetupStatus> {
  requirePost(ctx.settings);
  const sorted = parsePattern(input.starts); // sorted minutes after midnight, each once
  if (sorted.length !== input.starts.length) throw new DomainError('error.invalidInput', undefined, { starts: 'validation.shiftRepeated' });
  const gaps = sorted.map((m, i) => ((sorted[(i + 1) % sorted.length]! - m + 1440 - 1) % 1440) + 1);
  if (sorted.length > 1 && gaps.some((g) => g < SHORTEST_SHIFT_MINUTES)) {
    throw new DomainError('error.invalidInput', undefined, { starts: 'validation.shiftTooShort' });
  }
  const starts = sorted.map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  ctx.settings.write({ ...ctx.settings.read(), shiftStarts: starts });
  return setupStatus(ctx);
}

/** For the command line: an empty data folder gets a post with defaults, without prompting. */
export function ensurePost(settings: SettingsStore, postCode?: string): ReadySettings {
  const current = settings.read();
  if (!current.post || !current.consoleLetter || !current.postKey) {
    settings.write({
      ...current,
      post: current.post ?? { ...DEFAULT_POST, ...(postCode ? { code: postCode, name: `${postCode} command post` } : {}) },
      consoleLetter: current.consoleLetter ?? 'A',
      postKey: current.postKey ?? newPostKey(),
    });
  }
  return requirePost(settings);
}
