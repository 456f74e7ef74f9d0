// Hub passwords and the post's key sealed by the operating system (Electron's safeStorage: DPAPI on Windows,
// the Keychain on macOS, libsecret/kwallet on Linux) in a file beside the settings. Where
// Linux has no keyring, safeStorage falls back to a fixed key ("basic_text"), which is no
// protection: the store then reports itself unavailable and the sync screen says so.
import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import { encryptedFileSecretStore, type SecretStore } from './core/secrets/secretStore';

function protectedByTheSystem(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

export function createElectronSecretStore(onDamaged: (error: unknown) => void): SecretStore {
  return encryptedFileSecretStore(join(app.getPath('userData'), 'secrets.json'), {
    available: protectedByTheSystem,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  }, onDamaged);
}
