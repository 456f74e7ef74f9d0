// The post's key on a USB stick, so a second laptop can join the post (issue 6): a small JSON
// file the administrator saves on one console and a new console reads at first-run setup.
// Whoever holds it can sign bundles for the post, so it is written readable by its owner only.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { postSettings } from '../../../shared/api/schemas';
import { DomainError } from '../api/errors';
import type { Session } from '../api/session';
import type { ServiceContext } from '../context';
import { requirePost, setupStatus } from '../setup/setup';
import { readPostKey } from './postKey';

export const POST_KEY_FORMAT = 'beacon-post-key';
export const POST_KEY_VERSION = 1;
/** A key file is a few hundred bytes; anything much larger is some other file picked by mistake. */
const MAX_KEY_FILE_BYTES = 16 * 1024;
/** 32 bytes in base64url, as newPostKey makes and the settings file accepts. */
const KEY = /^[A-Za-z0-9_-]{43}$/;

export type PostOfKey = z.output<typeof postSettings>;
export interface PostKeyFile { post: PostOfKey; key: string }

const envelope = z.object({ format: z.literal(POST_KEY_FORMAT), version: z.number().int() }).passthrough();
const contents = z.object({ format: z.literal(POST_KEY_FORMAT), version: z.literal(POST_KEY_VERSION), post: postSettings, key: z.string() }).strict();

/** `beacon-post-LTK.key`. */
export function postKeyFileName(code: string): string {
  return `beacon-post-${code}.key`;
}

/** Writes `<file>.part`, then renames: a stick pulled out mid-write leaves no half key under the real name. */
export function writePostKeyFile(file: string, keyFile: PostKeyFile): void {
  const text = `${JSON.stringify({ format: POST_KEY_FORMAT, version: POST_KEY_VERSION, post: keyFile.post, key: keyFile.key }, null, 2)}\n`;
  const part = `${file}.part`;
  try {
    const fd = openSync(part, 'w', 0o600);
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

/** Reads and checks a key file; refuses with a code the operator can read, having changed nothing. */
export function readPostKeyFile(file: string): PostKeyFile {
  let text: string;
  try {
    if (statSync(file).size > MAX_KEY_FILE_BYTES) throw new DomainError('postKey.notAKeyFile');
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof DomainError) throw err;
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
  const whole = contents.safeParse(parsed);
  if (!whole.success) throw new DomainError('postKey.notAKeyFile');
  if (!KEY.test(whole.data.key)) throw new DomainError('postKey.badKey');
  return { post: whole.data.post, key: whole.data.key };
}

/** The administrator saves the post's key for a laptop that will join the post. */
export async function exportPostKey(ctx: ServiceContext, session: Session): Promise<{ file: string } | null> {
  if (!ctx.files) throw new DomainError('postKey.noFileDialog');
  const { post } = requirePost(ctx.settings);
  const key = readPostKey(ctx.settings, ctx.secrets);
  if (!key) throw new DomainError('bundle.noKey');
  const target = await ctx.files.savePostKey(session, postKeyFileName(post.code));
  if (!target) return null;
  // The save dialog confirms overwriting; the console's own database must never be the one overwritten.
  if (resolve(target) === resolve(ctx.store.file)) throw new DomainError('postKey.cannotWrite', { file: target });
  writePostKeyFile(target, { post: { name: post.name, code: post.code, timeZone: post.timeZone }, key });
  return { file: target };
}

/**
 * First run, joining a post: the shell's open dialog picks the key file, the core checks it and
 * keeps it in this window's session for `setup.complete` — the renderer sees the post, never
 * the key or a path it could name. Refused once set up, so it can never replace a post's key.
 */
export async function chooseJoinKeyFile(ctx: ServiceContext, session: Session): Promise<{ post: PostOfKey } | null> {
  if (!(await setupStatus(ctx)).needsSetup) throw new DomainError('error.setupDone');
  if (!ctx.files) throw new DomainError('postKey.noFileDialog');
  const file = await ctx.files.openPostKey(session);
  if (!file) return null;
  const keyFile = readPostKeyFile(file);
  session.pendingJoin = keyFile;
  return { post: keyFile.post };
}
