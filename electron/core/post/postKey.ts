// The post's key, which signs and checks bundles, is a credential (issue 6, "Secrets"): it
// lives in the secret store, like hub passwords. Only where this computer offers no store that
// protects it (Linux without a keyring, the command line) does it stay in the settings file,
// because a console that cannot sign bundles would be cut off from its post; the log says so.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { postSettings } from '../../../shared/api/schemas';
import type { Logger } from '../base/logger';
import type { SecretStore } from '../secrets/secretStore';
import type { SettingsStore } from '../settings/settingsStore';

export const POST_KEY_SECRET = 'post:key';

export type PostOfKey = z.output<typeof postSettings>;
/** A post and its key, in clear: what a console keeps, never what a file holds. */
export interface PostAndKey { post: PostOfKey; key: string }

/** A new key for a new post: 32 random bytes. */
export function newPostKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The key bundles are signed with, or null when this console has none. A key in the settings
 * file comes first: it is either the only one (no store here) or one written there since the
 * store was filled (a console joining its post by hand), which the next open moves into the store.
 */
export function readPostKey(settings: SettingsStore, secrets: SecretStore): string | null {
  return settings.read().postKey ?? secrets.get(POST_KEY_SECRET);
}

/** Whether a key is kept, without unsealing it (the OS may ask to unlock a keychain). */
export function hasPostKey(settings: SettingsStore, secrets: SecretStore): boolean {
  return secrets.has(POST_KEY_SECRET) || settings.read().postKey !== null;
}

/** Keeps the post's key: sealed where a store can protect it, otherwise in the settings file. */
export function keepPostKey(settings: SettingsStore, secrets: SecretStore, key: string): void {
  if (secrets.available) {
    // The store first: a power cut between the two leaves the key in both, never in neither.
    secrets.set(POST_KEY_SECRET, key);
    const current = settings.read();
    if (current.postKey !== null) settings.write({ ...current, postKey: null });
    return;
  }
  settings.write({ ...settings.read(), postKey: key });
}

/** Settings written before the key had a place in the secret store: move it there, out of the file. */
export function moveClearPostKey(settings: SettingsStore, secrets: SecretStore, log: Logger): void {
  const { postKey } = settings.read();
  if (postKey === null) return;
  if (!secrets.available) {
    // Info, not error: for the command line this is the expected place, said on every run otherwise.
    log.info('the post key stays in the settings file: this computer offers no secret store to move it to');
    return;
  }
  try {
    keepPostKey(settings, secrets, postKey);
  } catch (err) {
    // A keychain that refuses must not keep the console from opening: the key stays where it was.
    log.error('could not move the post key into the secret store; it stays in the settings file', { error: String(err) });
    return;
  }
  log.info('post key moved from the settings file to the secret store');
}
