// The console's files are its owner's only (issue #18 item 7): the database and its -wal/-shm,
// settings, secrets, safety copies, backups, bundles and post key files are created 0600 and
// their folders 0700, set explicitly so a permissive umask changes nothing. Where the file system
// keeps no permissions (FAT32 on a stick, Windows) the calls change nothing and fail nowhere.
import { chmodSync, closeSync, fchmodSync, mkdirSync, openSync } from 'node:fs';

export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/** Best effort: a file system without permissions (or a folder the user chose and owns otherwise) is left as it is. */
function tryChmod(change: () => void): void {
  try {
    change();
  } catch {
    // EPERM/ENOTSUP on file systems without permissions: nothing to keep private there.
  }
}

/** Opens (`flags` as fs.openSync) a file made private before anything is written to it. */
export function openPrivate(path: string, flags: string | number = 'w'): number {
  const fd = openSync(path, flags, PRIVATE_FILE);
  tryChmod(() => fchmodSync(fd, PRIVATE_FILE));
  return fd;
}

/**
 * Creates `path` empty and private (or makes an existing one private): SQLite then writes into
 * it (VACUUM INTO takes an empty file) and gives its -wal and -shm the same mode.
 */
export function createPrivateFile(path: string): void {
  closeSync(openPrivate(path, 'a'));
}

/** Makes an existing file private. */
export function makePrivate(path: string): void {
  tryChmod(() => chmodSync(path, PRIVATE_FILE));
}

/** Creates the folder (and its parents) if missing, and makes it private. */
export function makePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR });
  tryChmod(() => chmodSync(path, PRIVATE_DIR));
}
