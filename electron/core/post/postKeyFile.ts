// The post's key on a USB stick, so a second laptop can join the post (issue 6): a small JSON
// file the administrator saves on one console and a new console reads at first-run setup.
// Whoever holds the key can sign bundles for the post, and a stick's FAT32 keeps no file
// permissions, so the key is sealed with a passphrase the administrator chooses
// (./keySealing.ts); the post stays readable, for the joining screen to show which post it is.
import { closeSync, fsyncSync, renameSync, rmSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { postSettings } from '../../../shared/api/schemas';
import { DomainError, fieldError } from '../base/errors';
import { openPrivate } from '../files/privateFiles';
import { readSmallFile, SmallFileError } from '../files/smallFile';
import type { Session } from '../session';
import type { ServiceContext } from '../context';
import { requirePost, setupStatus } from '../setup/setup';
import { checkScryptParameters, sealedKeySchema, sealPostKey, unsealPostKey, type SealedKey } from './keySealing';
import { readPostKey, type PostAndKey, type PostOfKey } from './postKey';

export type { PostAndKey, PostOfKey };

export const POST_KEY_FORMAT = 'beacon-post-key';
/** Written always; 1 (the key in clear) is still read. */
export const POST_KEY_VERSION = 2;
/** A key file is a few hundred bytes; anything much larger is some other file picked by mistake. */
const MAX_KEY_FILE_BYTES = 16 * 1024;
/** 32 bytes in base64url, as newPostKey makes and the settings file accepts. */
const KEY = /^[A-Za-z0-9_-]{43}$/;

/**
 * A key file as read, before any passphrase: version 2 seals the key. Version 1 files (Beacon
 * before passphrases) hold it in clear and are still accepted without one: they are on sticks
 * already, a passphrase cannot protect what is written in clear, and refusing them would only
 * make an administrator export again. The joining screen says so, to delete such a file.
 */
export type PostKeyFile = { version: 1; post: PostOfKey; key: string } | { version: 2; post: PostOfKey; sealedKey: SealedKey };

// Declared here, not in session.ts, so the session (below every service) imports no service.
declare module '../session' {
  interface Session {
    /** First run, joining a post: the key file this window's dialog picked, checked and still sealed, for `setup.complete`. */
    pendingJoin?: PostKeyFile;
  }
}

const envelope = z.object({ format: z.literal(POST_KEY_FORMAT), version: z.number().int() }).passthrough();
const clearContents = z.object({ format: z.literal(POST_KEY_FORMAT), version: z.literal(1), post: postSettings, key: z.string() }).strict();
const sealedContents = sealedKeySchema.extend({ format: z.literal(POST_KEY_FORMAT), version: z.literal(2), post: postSettings }).strict();

const header = (version: number, post: PostOfKey) => ({ format: POST_KEY_FORMAT, version, post });

/** `beacon-post-LTK.key`. */
export function postKeyFileName(code: string): string {
  return `beacon-post-${code}.key`;
}

/**
 * Seals the key with the passphrase and writes `<file>.part`, then renames: a stick pulled out
 * mid-write leaves no half key under the real name. Always version 2.
 */
export async function writePostKeyFile(file: string, { post, key }: PostAndKey, passphrase: string): Promise<void> {
  const postOnly = { name: post.name, code: post.code, timeZone: post.timeZone };
  const sealed = await sealPostKey(key, passphrase, header(POST_KEY_VERSION, postOnly));
  const text = `${JSON.stringify({ format: POST_KEY_FORMAT, version: POST_KEY_VERSION, post: postOnly, ...sealed }, null, 2)}\n`;
  const part = `${file}.part`;
  try {
    const fd = openPrivate(part);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(part, file);
  } catch {
    rmSync(part, { force: true });
    throw new DomainError('postKey.cannotWrite', { file });
  }
}

/**
 * Reads and checks a key file, short of its passphrase (scrypt parameters a file may not ask for
 * included); refuses with a code the operator can read, having changed nothing.
 */
export function readPostKeyFile(file: string): PostKeyFile {
  let text: string;
  try {
    // A FIFO, a device, a folder or a big file is refused at once, never read (files/smallFile.ts).
    text = readSmallFile(file, MAX_KEY_FILE_BYTES).toString('utf8');
  } catch (err) {
    if (err instanceof SmallFileError && err.reason !== 'missing') throw new DomainError('postKey.notAKeyFile');
    throw new DomainError('postKey.unreadable');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DomainError('postKey.notAKeyFile');
  }
  const head = envelope.safeParse(parsed);
  if (!head.success) throw new DomainError('postKey.notAKeyFile');
  if (head.data.version > POST_KEY_VERSION) throw new DomainError('postKey.newerVersion');
  if (head.data.version === 1) {
    const clear = clearContents.safeParse(parsed);
    if (!clear.success) throw new DomainError('postKey.notAKeyFile');
    if (!KEY.test(clear.data.key)) throw new DomainError('postKey.badKey');
    return { version: 1, post: clear.data.post, key: clear.data.key };
  }
  const contents = sealedContents.safeParse(parsed);
  if (!contents.success) throw new DomainError('postKey.notAKeyFile');
  const { post, kdf, cipher, check, sealed } = contents.data;
  checkScryptParameters(kdf);
  return { version: 2, post, sealedKey: { kdf, cipher, check, sealed } };
}

/** The post and its key from a file read; a sealed key needs its passphrase (refused, changing nothing, when wrong). */
export async function openPostKeyFile(keyFile: PostKeyFile, passphrase: string | undefined): Promise<PostAndKey> {
  if (keyFile.version === 1) return { post: keyFile.post, key: keyFile.key };
  if (passphrase === undefined) throw fieldError('passphrase', 'validation.required');
  return { post: keyFile.post, key: await unsealPostKey(keyFile.sealedKey, passphrase, header(keyFile.version, keyFile.post)) };
}

/** The administrator saves the post's key, sealed with the passphrase they chose, for a laptop that will join the post. */
export async function exportPostKey(ctx: ServiceContext, session: Session, passphrase: string): Promise<{ file: string } | null> {
  if (!ctx.files) throw new DomainError('postKey.noFileDialog');
  const { post } = requirePost(ctx.settings);
  const key = readPostKey(ctx.settings, ctx.secrets);
  if (!key) throw new DomainError('bundle.noKey');
  const target = await ctx.files.savePostKey(session, postKeyFileName(post.code));
  if (!target) return null;
  // The save dialog confirms overwriting; the console's own database must never be the one overwritten.
  if (resolve(target) === resolve(ctx.store.file)) throw new DomainError('postKey.cannotWrite', { file: target });
  await writePostKeyFile(target, { post, key }, passphrase);
  return { file: target };
}

/**
 * First run, joining a post: the shell's open dialog picks the key file, the core checks it and
 * keeps it, still sealed, in this window's session for `setup.complete`, which takes the
 * passphrase — the renderer sees the post and whether a passphrase is needed, never the key or
 * a path it could name. Refused once set up, and in recovery, so it can never replace a post's key.
 */
export async function chooseJoinKeyFile(ctx: ServiceContext, session: Session): Promise<{ post: PostOfKey; sealed: boolean } | null> {
  const status = await setupStatus(ctx);
  if (!status.needsSetup) throw new DomainError('error.setupDone');
  // A console in recovery keeps its post: a key file read now could only take it elsewhere.
  if (status.recovery) throw new DomainError('error.recoveryKeepsPost');
  if (!ctx.files) throw new DomainError('postKey.noFileDialog');
  const file = await ctx.files.openPostKey(session);
  if (!file) return null;
  const keyFile = readPostKeyFile(file);
  session.pendingJoin = keyFile;
  return { post: keyFile.post, sealed: keyFile.version === 2 };
}
