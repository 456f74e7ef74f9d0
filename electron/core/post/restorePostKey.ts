// A console whose post key went with its settings file (a computer without a secret store)
// keeps its post, letter and data (post/postIdentity.ts) but cannot sign or read bundles. An
// administrator reads the post's key file again, as a joining laptop does; only the same post's
// key is taken, and only where there is none: a key is never replaced or made anew.
import type { SetupStatus } from '../../../shared/api';
import { DomainError } from '../base/errors';
import type { Session } from '../session';
import type { ServiceContext } from '../context';
import { requirePost, setupStatus } from '../setup/setup';
import { hasPostKey, keepPostKey } from './postKey';
import { openPostKeyFile, readPostKeyFile } from './postKeyFile';

export async function restorePostKey(ctx: ServiceContext, session: Session, passphrase: string | undefined): Promise<SetupStatus | null> {
  const { post } = requirePost(ctx.settings);
  if (hasPostKey(ctx.settings, ctx.secrets)) throw new DomainError('trust.postKeyPresent');
  if (!ctx.files) throw new DomainError('postKey.noFileDialog');
  const file = await ctx.files.openPostKey(session);
  if (!file) return null;
  const keyFile = readPostKeyFile(file);
  if (keyFile.post.code !== post.code) throw new DomainError('trust.keyOfAnotherPost', { post: keyFile.post.code });
  // A version-1 file (an older Beacon's) holds its key in clear; a sealed one needs its passphrase.
  const { key } = await openPostKeyFile(keyFile, keyFile.version === 1 ? undefined : passphrase);
  keepPostKey(ctx.settings, ctx.secrets, key);
  return setupStatus(ctx);
}
