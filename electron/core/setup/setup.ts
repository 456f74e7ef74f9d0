// First run: the post, this console's letter and the first operator. Until then only the
// setup channels answer. A console set up whose every operator was disabled (two administrators
// of the post, offline, disabling each other) comes back to it in recovery: it keeps its post
// and key and only gets a new administrator, so it never leaves its post.
import type { OperatorView, SetupInput, SetupStatus } from '../../../shared/api';
import { DomainError } from '../base/errors';
import type { ServiceContext } from '../context';
import { createOperator } from '../operators/operators';
import { ensureRollup } from '../stats/rollup';
import type { ConsoleSettings, SettingsStore } from '../settings/settingsStore';
import { hasPostKey, keepPostKey, newPostKey, type PostAndKey } from '../post/postKey';
import type { SecretStore } from '../secrets/secretStore';
import { recordPostIdentity } from '../post/postIdentity';
import type { Reader } from '../base/handles';

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

const ENABLED_OPERATOR = "SELECT 1 FROM operators WHERE disabled = 0 AND pin_hash <> '!'";

async function hasOperators(db: Reader): Promise<boolean> {
  return (await db.get(ENABLED_OPERATOR)) !== undefined;
}

export async function setupStatus(ctx: ServiceContext): Promise<SetupStatus> {
  const settings = ctx.settings.read();
  const hasPost = Boolean(settings.post && settings.consoleLetter);
  const noOperator = !(await hasOperators(ctx.store.reader));
  const recovery = hasPost && noOperator;
  return {
    needsSetup: !hasPost || noOperator,
    recovery,
    noOperatorYet: recovery && (await ctx.store.reader.get("SELECT 1 FROM operators WHERE pin_hash <> '!'")) === undefined,
    post: settings.post,
    consoleLetter: settings.consoleLetter,
    language: settings.language,
    digits: settings.digits,
    defaultTimeZone: DEFAULT_TIME_ZONE,
    lockAfterMinutes: settings.lockAfterMinutes,
    shiftStarts: settings.shiftStarts,
    settingsRestoredFrom: ctx.settings.restoredFrom(),
    // The key went with the settings file (a computer without a secret store): never made anew for a post that has one.
    postKeyMissing: hasPost && !hasPostKey(ctx.settings, ctx.secrets),
  };
}

/**
 * A new post gets a new key; a console joining a post (`input.join`) takes the post and its key
 * from the key file its window chose (`joining`, electron/core/post/postKeyFile.ts), so its
 * bundles and the other consoles' check out. A joining console loads no demo data: it would
 * travel to the real post in the next bundle. In recovery see `recoverAdministrator`.
 */
export async function completeSetup(
  ctx: ServiceContext,
  input: SetupInput,
  loadDemo: (operatorId: string) => Promise<void>,
  openJoin: () => Promise<PostAndKey | undefined>,
): Promise<OperatorView> {
  const status = await setupStatus(ctx);
  if (!status.needsSetup) throw new DomainError('error.setupDone');
  if (status.recovery) return recoverAdministrator(ctx, input);
  // Unsealed before anything is written: a wrong passphrase leaves the console as it was.
  const joining = input.join ? await openJoin() : undefined;
  if (input.join && !joining) throw new DomainError('postKey.chooseFile');
  const post = joining ? joining.post : input.post;
  ctx.settings.write({ ...ctx.settings.read(), post, consoleLetter: input.consoleLetter, language: input.language, digits: input.digits ?? 'latn' });
  keepPostKey(ctx.settings, ctx.secrets, joining ? joining.key : newPostKey());
  await recordPostIdentity(ctx.store, post, input.consoleLetter);
  await ensureRollup(ctx.store, post.timeZone);
  const operator = await ctx.store.write(null, (writer) =>
    createOperator(writer, ctx.now(), { name: input.operator.name, pin: input.operator.pin, role: 'administrator', language: input.language }),
  );
  if (input.loadDemo && !joining) await loadDemo(operator.id);
  return operator;
}

/**
 * Recovery: the console has its post, its data and its key, and every operator of the post is
 * disabled. Only a new administrator is made, as an operation that reaches the post's other
 * consoles; the post, the letter, the post's language and digits and the key stay as they are
 * (the form's post fields are ignored), no demo data is loaded, and joining another post is
 * refused: a new key would sign bundles the post's other consoles refuse.
 */
async function recoverAdministrator(ctx: ServiceContext, input: SetupInput): Promise<OperatorView> {
  if (input.join) throw new DomainError('error.recoveryKeepsPost');
  return ctx.store.write(null, async (writer) => {
    // Checked again in the write: another window may have made its administrator meanwhile.
    if (await hasOperators(writer.tx)) throw new DomainError('error.setupDone');
    return createOperator(writer, ctx.now(), { name: input.operator.name, pin: input.operator.pin, role: 'administrator', language: input.language });
  });
}

/**
 * For the command line: an empty data folder gets a post with defaults, without prompting. A
 * post the database already knows (`known`) keeps its identity and is never given a new key:
 * one lost with the settings file comes back with `post-key-join`.
 */
export function ensurePost(settings: SettingsStore, secrets: SecretStore, postCode?: string, timeZone?: string, known = false): ReadySettings {
  const current = settings.read();
  if (!current.post || !current.consoleLetter) {
    settings.write({
      ...current,
      post: current.post ?? { ...DEFAULT_POST, ...(postCode ? { code: postCode, name: `${postCode} command post` } : {}), ...(timeZone ? { timeZone } : {}) },
      consoleLetter: current.consoleLetter ?? 'A',
    });
  }
  if (!known && !hasPostKey(settings, secrets)) keepPostKey(settings, secrets, newPostKey());
  return requirePost(settings);
}
