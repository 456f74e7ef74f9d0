// The hubs an administrator has configured for this console. Addresses are shown without
// their password; see the README on giving each console a role of its own.
import { randomUUID } from 'node:crypto';
import { DomainError } from '../api/errors';
import type { ServiceContext } from '../context';
import { connectHub, hubVector } from './hub';

/** The address without its password, for screens and logs. */
export function hubAddress(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '';
    return u.toString().replace(/:@/, '@');
  } catch {
    return url.replace(/:[^:@/]*@/, '@');
  }
}

export function listHubs(ctx: ServiceContext): { id: string; name: string; address: string }[] {
  return ctx.settings.read().hubs.map((h) => ({ id: h.id, name: h.name, address: hubAddress(h.url) }));
}

/** Connects and reads the hub's vector: reachable, a Beacon hub, and of a schema this build knows. */
export async function testHub(url: string): Promise<void> {
  const client = await connectHub(url);
  try {
    await hubVector(client);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError('hub.notInitialised');
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function addHub(ctx: ServiceContext, name: string, url: string): { id: string } {
  const settings = ctx.settings.read();
  if (settings.hubs.length >= 10) throw new DomainError('error.invalidInput', undefined, { url: 'validation.tooLarge' });
  const id = randomUUID();
  ctx.settings.write({ ...settings, hubs: [...settings.hubs, { id, name: name.trim(), url }] });
  void ctx.sync?.syncNow(id);
  return { id };
}

export function removeHub(ctx: ServiceContext, id: string): void {
  const settings = ctx.settings.read();
  if (!settings.hubs.some((h) => h.id === id)) throw new DomainError('error.notFound');
  ctx.settings.write({ ...settings, hubs: settings.hubs.filter((h) => h.id !== id) });
}
