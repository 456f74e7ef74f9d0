// Where hub passwords and the post's key live: never in the settings file. The core is given a store: in the app,
// values encrypted with Electron's safeStorage (the OS keychain: DPAPI, Keychain, libsecret)
// in a file of their own (electron/secrets.ts); in tests and the CLI, one in memory.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { SecretStore } from '../base/secretStore';
import { makePrivate, PRIVATE_FILE } from '../files/privateFiles';

export type { SecretStore };

export function memorySecretStore(available = true): SecretStore {
  const values = new Map<string, string>();
  return {
    available,
    get: (name) => values.get(name) ?? null,
    has: (name) => values.has(name),
    set(name, value) {
      if (!available) throw new Error('no secret store');
      values.set(name, value);
    },
    delete: (name) => void values.delete(name),
  };
}

/** Encryption by the operating system, as Electron's safeStorage offers it. */
export interface Cipher {
  available(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

const sealedFile = z.record(z.string().max(200), z.string().regex(/^[A-Za-z0-9+/=]*$/).max(20_000));

/**
 * Sealed values in a JSON file (base64 of the cipher's output), written whole through a
 * temporary file so a power cut leaves the old file or the new one. A damaged file reads as
 * empty: the hubs then report a missing password, which an administrator re-enters.
 */
export function encryptedFileSecretStore(file: string, cipher: Cipher, onDamaged?: (error: unknown) => void): SecretStore {
  const read = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    try {
      return sealedFile.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch (err) {
      onDamaged?.(err);
      return {};
    }
  };
  const write = (values: Record<string, string>) => {
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, JSON.stringify(values), { mode: PRIVATE_FILE });
    makePrivate(temporary);
    renameSync(temporary, file);
  };
  return {
    get available() {
      return cipher.available();
    },
    get(name) {
      const sealed = read()[name];
      if (sealed === undefined) return null;
      try {
        return cipher.decrypt(Buffer.from(sealed, 'base64'));
      } catch (err) {
        onDamaged?.(err); // sealed on another machine or by another user: unreadable here
        return null;
      }
    },
    has: (name) => name in read(),
    set(name, value) {
      if (!cipher.available()) throw new Error('no secret store');
      write({ ...read(), [name]: cipher.encrypt(value).toString('base64') });
    },
    delete(name) {
      const values = read();
      if (!(name in values)) return;
      delete values[name];
      write(values);
    },
  };
}
