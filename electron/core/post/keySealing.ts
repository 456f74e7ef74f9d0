// The post's key sealed with a passphrase, for the key file on a USB stick (FAT32 keeps no file
// permissions, and sticks get lost or copied): scrypt stretches the passphrase, AES-256-GCM
// seals the key, and the post the file names is authenticated with it, so a post's name cannot
// be put on another post's key. Standard node:crypto only.
import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../base/errors';

/**
 * N = 2^15, r = 8, p = 1: 32 MiB and about 190 ms on the build machine (2 cores, Node 20), a
 * pause an administrator and a joining operator do not notice, once each. Written in each file,
 * so a later Beacon may raise them and files already on sticks still open.
 */
export const SCRYPT_DEFAULTS = { N: 2 ** 15, r: 8, p: 1 } as const;

/**
 * What a file may ask for. A hostile file could otherwise ask for gigabytes of memory or
 * minutes of work before the passphrase is even checked: 256 MiB and 16 times today's work at most.
 */
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;
const MAX_SCRYPT_WORK = 16 * SCRYPT_DEFAULTS.N * SCRYPT_DEFAULTS.r * SCRYPT_DEFAULTS.p;

/** Base64url of exactly `bytes` bytes (no padding). */
const bytes = (n: number) => z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((n * 4) / 3)}}$`));

export const sealedKeySchema = z.object({
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: bytes(16),
  }).strict(),
  cipher: z.object({ name: z.literal('aes-256-gcm'), iv: bytes(12), tag: bytes(16) }).strict(),
  /** Tells a wrong passphrase from a file altered after it was sealed (see `unsealPostKey`). */
  check: bytes(16),
  /** The 32-byte key, encrypted. */
  sealed: bytes(32),
}).strict();
export type SealedKey = z.output<typeof sealedKeySchema>;
type ScryptParameters = SealedKey['kdf'];

/** The fields of the post that the seal authenticates, in one fixed order. */
export interface SealedPost { name: string; code: string; timeZone: string }

/** Refused before any work is done: the parameters a file may ask scrypt for (see the caps above). */
export function checkScryptParameters({ N, r, p }: Pick<ScryptParameters, 'N' | 'r' | 'p'>): void {
  const powerOfTwo = N >= 2 ** 10 && (N & (N - 1)) === 0;
  if (!powerOfTwo || r > 32 || p > 16 || scryptMemory(N, r, p) > MAX_SCRYPT_MEMORY || N * r * p > MAX_SCRYPT_WORK) {
    throw new DomainError('postKey.badParameters');
  }
}

/** What OpenSSL allocates for these parameters (its own `maxmem` check). */
function scryptMemory(N: number, r: number, p: number): number {
  return 128 * r * (N + p + 2);
}

/**
 * 64 bytes: the AES key, then the check value. Trimmed like the schema trims it (a passphrase
 * file's newline), and NFC, so an Arabic passphrase typed on another keyboard gives the same bytes.
 */
function stretch(passphrase: string, salt: Buffer, { N, r, p }: Pick<ScryptParameters, 'N' | 'r' | 'p'>): Promise<Buffer> {
  const secret = Buffer.from(passphrase.trim().normalize('NFC'), 'utf8');
  // Asynchronous: the main process keeps answering for the ~200 ms it takes.
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 64, { N, r, p, maxmem: scryptMemory(N, r, p) + 1024 }, (err, derived) => (err ? reject(err) : resolve(derived)));
  });
}

/** Binds the post (and the format) to the sealed key as GCM's additional data. */
function associatedData(format: string, version: number, post: SealedPost): Buffer {
  return Buffer.from(JSON.stringify([format, version, post.name, post.code, post.timeZone]), 'utf8');
}

export async function sealPostKey(key: string, passphrase: string, header: { format: string; version: number; post: SealedPost }): Promise<SealedKey> {
  const raw = Buffer.from(key, 'base64url');
  if (raw.length !== 32) throw new DomainError('postKey.badKey');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const derived = await stretch(passphrase, salt, SCRYPT_DEFAULTS);
  const cipher = createCipheriv('aes-256-gcm', derived.subarray(0, 32), iv);
  cipher.setAAD(associatedData(header.format, header.version, header.post));
  const sealed = Buffer.concat([cipher.update(raw), cipher.final()]);
  return {
    kdf: { name: 'scrypt', ...SCRYPT_DEFAULTS, salt: salt.toString('base64url') },
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64url'), tag: cipher.getAuthTag().toString('base64url') },
    check: derived.subarray(32, 48).toString('base64url'),
    sealed: sealed.toString('base64url'),
  };
}

/**
 * The key, or a refusal the operator can act on: `wrongPassphrase` when the passphrase does not
 * give the file's check value (also what a changed salt or parameters look like), `damaged` when
 * it does but the post or the sealed key fails GCM's check — the file was altered after sealing.
 * The check value adds nothing to guessing: each guess still costs one scrypt.
 */
export async function unsealPostKey(sealedKey: SealedKey, passphrase: string, header: { format: string; version: number; post: SealedPost }): Promise<string> {
  const { kdf, cipher: c } = sealedKey;
  checkScryptParameters(kdf);
  const derived = await stretch(passphrase, Buffer.from(kdf.salt, 'base64url'), kdf);
  if (!timingSafeEqual(derived.subarray(32, 48), Buffer.from(sealedKey.check, 'base64url'))) throw new DomainError('postKey.wrongPassphrase');
  const decipher = createDecipheriv('aes-256-gcm', derived.subarray(0, 32), Buffer.from(c.iv, 'base64url'));
  decipher.setAAD(associatedData(header.format, header.version, header.post));
  decipher.setAuthTag(Buffer.from(c.tag, 'base64url'));
  let raw: Buffer;
  try {
    raw = Buffer.concat([decipher.update(Buffer.from(sealedKey.sealed, 'base64url')), decipher.final()]);
  } catch {
    throw new DomainError('postKey.damaged');
  }
  if (raw.length !== 32) throw new DomainError('postKey.badKey');
  return raw.toString('base64url');
}
