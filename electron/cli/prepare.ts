// What every command shares: its shape, and a post set up before it runs (commands.ts lists
// the commands; importCsv.ts and exportCommand.ts, which it lists, import this and not it).
import type { Core } from '../core';
import { systemOperator } from '../core/operators/operators';
import { readPostIdentity, reconcilePostIdentity } from '../core/post/postIdentity';
import { ensurePost } from '../core/setup/setup';
import { ensureRollup } from '../core/stats/rollup';
import { isTimeZone } from '../../shared/api/schemas';
import type { ParsedArgs } from './args';

type Print = (line: string) => void;

export interface Command {
  summary: string;
  run(core: Core, args: ParsedArgs, out: Print, err: Print): Promise<void>;
  /** Commands that only look (check): the settings file is neither rebuilt nor set aside. */
  readsOnly?: boolean;
  /** Commands that must run with the database closed (restore) take the data folder instead. */
  standalone?: (dataDir: string, args: ParsedArgs, out: Print) => Promise<void>;
  /** When it fails, what opening the data folder created is removed again (a refused join leaves no empty database). */
  undoneOnFailure?: boolean;
}

/** The CLI's own messages go to stdout/stderr; the core's log has nothing to add here. */
export const quiet = { error: () => undefined, info: () => undefined };

/** Every command works on an empty data folder: it sets up a post with defaults first. */
export async function prepare(core: Core, args: ParsedArgs): Promise<string> {
  const postCode = args.options.get('post');
  if (postCode !== undefined && !/^[A-Z]{2,5}$/.test(postCode)) throw new Error('--post must be 2 to 5 capital letters, e.g. LTK');
  const timeZone = args.options.get('time-zone');
  if (timeZone !== undefined && !isTimeZone(timeZone)) throw new Error('--time-zone must be an IANA time zone, e.g. Asia/Damascus');
  const identity = await readPostIdentity(core.store.reader);
  // A post's code and zone are chosen once, when it is created: a later change would move every
  // shift and every statistic already counted, so it is refused rather than ignored. The database's
  // own record of the post counts too, so a lost settings file does not reopen the choice.
  const existing = core.context.settings.read().post ?? identity?.post;
  if (existing && ((postCode !== undefined && postCode !== existing.code) || (timeZone !== undefined && timeZone !== existing.timeZone))) {
    throw new Error(`the post already exists (${existing.code}, ${existing.timeZone}); --post and --time-zone only apply when a command creates it`);
  }
  const settings = ensurePost(core.context.settings, core.context.secrets, postCode, timeZone, identity !== null);
  await reconcilePostIdentity(core.context.settings, core.store, quiet);
  await ensureRollup(core.store, settings.post.timeZone);
  return core.store.write(null, (writer) => systemOperator(writer, core.context.now()));
}
