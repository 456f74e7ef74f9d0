// The hubs an administrator has configured for this console. The settings keep each hub's
// address without its password and its TLS setting; the password is in the secret store
// (electron/core/secrets). See the README on giving each console a role of its own.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DomainError } from '../base/errors';
import type { ServiceContext } from '../context';
import type { Logger } from '../base/logger';
import type { SecretStore } from '../secrets/secretStore';
import type { SettingsStore } from '../settings/settingsStore';
import type { HubConfig } from './engine';
import { hubVector } from './hub';
import type { HubTls, HubView } from '../../../shared/api';
import { connectEndpoint, splitHubUrl, type HubEndpoint } from './hubConnection';

export const hubSecretName = (id: string) => `hub:${id}`;

/** The address without its password, for screens and logs. */
export function hubAddress(url: string): string {
  try {
    return splitHubUrl(url).address;
  } catch {
    return url.replace(/:[^:@/]*@/, '@');
  }
}

export function listHubs(ctx: ServiceContext): HubView[] {
  return ctx.settings.read().hubs.map((h) => ({
    id: h.id, name: h.name, address: hubAddress(h.url), tls: h.tls.mode, caFile: h.tls.caFile,
    password: ctx.secrets.has(hubSecretName(h.id)),
  }));
}

export interface HubForm {
  url: string;
  /** Typed apart, or inside the address (postgres://user:password@…): either way it goes to the secret store. */
  password?: string | undefined;
  tls: HubTls;
}

/** What to connect with, from what an administrator typed. */
function endpointOf(form: HubForm): HubEndpoint {
  const { address, password } = splitHubUrl(form.url);
  return { url: address, password: form.password || password, tls: form.tls };
}

/** Connects and reads the hub's vector: reachable, a Beacon hub, and of a schema this build knows. */
export async function testHub(form: HubForm): Promise<void> {
  const client = await connectEndpoint(endpointOf(form), pg.Client);
  try {
    await hubVector(client);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError('hub.notInitialised');
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function addHub(ctx: ServiceContext, name: string, form: HubForm): { id: string } {
  const settings = ctx.settings.read();
  if (settings.hubs.length >= 10) throw new DomainError('error.invalidInput', undefined, { url: 'validation.tooLarge' });
  const endpoint = endpointOf(form);
  if (endpoint.password && !ctx.secrets.available) throw new DomainError('hub.noSecretStore', undefined, { password: 'hub.noSecretStore' });
  const id = randomUUID();
  // The secret first: a hub in the settings without its password would fail at every exchange.
  if (endpoint.password) ctx.secrets.set(hubSecretName(id), endpoint.password);
  ctx.settings.write({ ...settings, hubs: [...settings.hubs, { id, name: name.trim(), url: endpoint.url, tls: form.tls }] });
  void ctx.sync?.syncNow(id);
  return { id };
}

export function removeHub(ctx: ServiceContext, id: string): void {
  const settings = ctx.settings.read();
  if (!settings.hubs.some((h) => h.id === id)) throw new DomainError('error.notFound');
  ctx.settings.write({ ...settings, hubs: settings.hubs.filter((h) => h.id !== id) });
  ctx.secrets.delete(hubSecretName(id));
}

/**
 * The hubs the engine syncs with. The engine re-reads the list every few seconds; a password
 * is unsealed only when it connects.
 */
export function configuredHubs(settings: SettingsStore, secrets: SecretStore): HubConfig[] {
  return settings.read().hubs.map((h) => ({
    id: h.id, name: h.name,
    endpoint: () => ({ url: h.url, password: secrets.get(hubSecretName(h.id)), tls: h.tls }),
  }));
}

/**
 * Settings written before passwords had a store of their own may hold one inside an address:
 * move it into the secret store and out of the file. Where no store can protect it, it stays
 * (the console keeps syncing) and the log says so.
 */
export function moveClearPasswords(settings: SettingsStore, secrets: SecretStore, log: Logger): void {
  const current = settings.read();
  if (!current.hubs.some((h) => hasPassword(h.url))) return;
  if (!secrets.available) {
    log.error('hub passwords are in the settings file: this computer offers no secret store to move them to');
    return;
  }
  const hubs = current.hubs.map((h) => {
    if (!hasPassword(h.url)) return h;
    const { address, password } = splitHubUrl(h.url);
    if (password) secrets.set(hubSecretName(h.id), password);
    return { ...h, url: address };
  });
  settings.write({ ...current, hubs });
  log.info('hub passwords moved from the settings file to the secret store');
}

function hasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}
