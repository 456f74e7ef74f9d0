// Hub passwords never reach the settings file: they are sealed in a secret store (in the app,
// by the OS through Electron's safeStorage; here by AES-GCM standing in for it), moved out of
// settings written before, and refused where nothing can protect them.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encryptedFileSecretStore, memorySecretStore, type Cipher } from '../../../electron/core/secrets/secretStore';
import { hubClientConfig } from '../../../electron/core/sync/hubConnection';
import { cleanedAfterEach, openTestCore, type TestCore } from '../testCore';

const PASSWORD = 'Zeb@d1-ن';
const TLS = { mode: 'disable', caFile: null } as const;

/** A real cipher (AES-256-GCM, a key of its own) in the place of the operating system's. */
function aesCipher(available = true): Cipher {
  const key = randomBytes(32);
  return {
    available: () => available,
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

const { tempDir } = cleanedAfterEach('beacon-secrets-');
let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('the secret store', () => {
  it('keeps values sealed in its file, reads them back, forgets them, and survives a damaged file', () => {
    const file = join(tempDir(), 'secrets.json');
    const damaged: unknown[] = [];
    const store = encryptedFileSecretStore(file, aesCipher(), (e) => damaged.push(e));
    store.set('hub:a', PASSWORD);
    store.set('hub:b', 'other');
    expect(store.get('hub:a')).toBe(PASSWORD);
    expect([store.has('hub:a'), store.has('hub:c')]).toEqual([true, false]);
    expect(readFileSync(file, 'utf8')).not.toContain('Zeb@d1');
    store.delete('hub:a');
    expect([store.get('hub:a'), store.get('hub:b')]).toEqual([null, 'other']);
    writeFileSync(file, '{"hub:b": "not base64 at all!!"');
    expect(store.get('hub:b')).toBeNull();
    expect(damaged.length).toBeGreaterThan(0);
  });

  it('a value sealed with another key (another machine) reads as missing, not as garbage', () => {
    const file = join(tempDir(), 'secrets.json');
    encryptedFileSecretStore(file, aesCipher()).set('hub:a', PASSWORD);
    expect(encryptedFileSecretStore(file, aesCipher(), () => undefined).get('hub:a')).toBeNull();
  });

  it('refuses to store anything where the cipher is not available', () => {
    const store = encryptedFileSecretStore(join(tempDir(), 'secrets.json'), aesCipher(false));
    expect(store.available).toBe(false);
    expect(() => store.set('hub:a', PASSWORD)).toThrow();
  });
});

describe('hub passwords', () => {
  it('typed inside the address or apart, go to the secret store; the settings file never holds one', async () => {
    const secretsFile = join(tempDir(), 'secrets.json');
    t = await openTestCore({ secrets: encryptedFileSecretStore(secretsFile, aesCipher()) });
    const { id } = await t.call('sync.addHub', { name: 'Headquarters', url: `postgres://ltk_a:${encodeURIComponent(PASSWORD)}@hq.example:5432/beacon?sslmode=disable`, tls: TLS });
    await t.call('sync.addHub', { name: 'Relay', url: 'postgres://ltk_a@relay.example/beacon', password: 'apart-123', tls: { mode: 'verify', caFile: '/etc/beacon/hq-ca.pem' } });
    const written = readFileSync(join(t.dir, 'settings.json'), 'utf8');
    expect(written).not.toContain('Zeb@d1');
    expect(written).not.toContain('apart-123');
    expect(readFileSync(secretsFile, 'utf8')).not.toContain('apart-123');
    const hubs = await t.call('sync.hubs', {});
    expect(hubs).toEqual([
      { id, name: 'Headquarters', address: 'postgres://ltk_a@hq.example:5432/beacon', tls: 'disable', caFile: null, password: true },
      expect.objectContaining({ name: 'Relay', tls: 'verify', caFile: '/etc/beacon/hq-ca.pem', password: true }),
    ]);
    // What the engine connects with: each part apart, the password from the store, TLS as set.
    const hub = t.core.context.settings.read().hubs[0]!;
    expect(hubClientConfig({ url: hub.url, password: t.core.context.secrets.get(`hub:${id}`), tls: hub.tls }))
      .toMatchObject({ host: 'hq.example', port: 5432, database: 'beacon', user: 'ltk_a', password: PASSWORD, ssl: false });
    await t.call('sync.removeHub', { id });
    expect(t.core.context.secrets.get(`hub:${id}`)).toBeNull();
  });

  it('are refused, beside the password field, where no store can protect them; nothing is written', async () => {
    t = await openTestCore({ secrets: memorySecretStore(false) });
    const refused = await t.core.invoke(t.session, 'sync.addHub', { name: 'HQ', url: 'postgres://ltk_a@hq.example/beacon', password: 'x', tls: TLS });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'hub.noSecretStore', fields: { password: 'hub.noSecretStore' } });
    expect(t.core.context.settings.read().hubs).toEqual([]);
    // A hub that needs no password (certificate or trust) is still allowed.
    await t.call('sync.addHub', { name: 'HQ', url: 'postgres://ltk_a@hq.example/beacon', tls: { mode: 'require', caFile: null } });
  });

  it('written into settings by an older Beacon are moved into the store when the core opens', async () => {
    const dir = tempDir();
    const secretsFile = join(dir, 'secrets.json');
    const cipher = aesCipher();
    t = await openTestCore({ dir, secrets: encryptedFileSecretStore(secretsFile, cipher) });
    const id = '7d7c1f0e-5a4e-4a0e-9a55-0c3f6f0e2b11';
    const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...settings, hubs: [{ id, name: 'HQ', url: `postgres://ltk_a:${encodeURIComponent(PASSWORD)}@hq.example/beacon` }] }));
    await t.reopen();
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain('Zeb@d1');
    expect(t.core.context.settings.read().hubs).toEqual([{ id, name: 'HQ', url: 'postgres://ltk_a@hq.example/beacon', tls: TLS }]);
    expect(existsSync(secretsFile)).toBe(true);
    expect(t.core.context.secrets.get(`hub:${id}`)).toBe(PASSWORD);
  });
});
