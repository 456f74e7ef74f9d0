// Hub passwords and the post's key, kept where the OS can protect them (electron/secrets.ts)
// or in memory (secrets/secretStore.ts).
export interface SecretStore {
  /** False where values cannot be protected (no OS keychain): storing a password is refused. */
  readonly available: boolean;
  get(name: string): string | null;
  /** Whether a value is kept, without unsealing it (the OS may ask the user to unlock a keychain). */
  has(name: string): boolean;
  set(name: string, value: string): void;
  delete(name: string): void;
}
