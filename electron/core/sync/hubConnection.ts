// How a console reaches a configured hub: the address from the settings, the password from
// the secret store, and the hub's TLS setting. The pg client is given each part on its own
// (no connection string), so nothing in an address can switch TLS off behind the setting.
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import type { HubTls } from '../../../shared/api';
import { DomainError } from '../base/errors';

export interface HubEndpoint {
  url: string;
  password: string | null;
  tls: HubTls;
}

/** The address split: user, host, port, database; the password (if any was typed in it) apart. */
export function splitHubUrl(url: string): { address: string; password: string | null } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.password = '';
  // TLS is the hub's own setting; query options in the address are dropped with it.
  u.search = '';
  return { address: u.toString().replace(/:@/, '@'), password };
}

export function hubClientConfig(endpoint: HubEndpoint): pg.ClientConfig {
  const u = new URL(endpoint.url);
  let ssl: pg.ClientConfig['ssl'] = false;
  if (endpoint.tls.mode === 'require') ssl = { rejectUnauthorized: false };
  if (endpoint.tls.mode === 'verify') {
    let ca: string | undefined;
    if (endpoint.tls.caFile) {
      try {
        ca = readFileSync(endpoint.tls.caFile, 'utf8');
      } catch {
        throw new DomainError('hub.caFileUnreadable');
      }
    }
    ssl = { rejectUnauthorized: true, ...(ca ? { ca } : {}) };
  }
  return {
    host: decodeURIComponent(u.hostname.replace(/^\[|\]$/g, '')),
    port: u.port ? Number(u.port) : 5432,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined,
    user: decodeURIComponent(u.username) || undefined,
    // The stored password; an address that still carries one (the CLI, older settings) works too.
    ...(endpoint.password !== null ? { password: endpoint.password } : u.password ? { password: decodeURIComponent(u.password) } : {}),
    ssl,
    connectionTimeoutMillis: 10_000,
    statement_timeout: 60_000,
  };
}

/** Plain words for why a connection failed: a wrong password and a TLS problem are not "unreachable". */
export function connectionError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  const code = err && typeof err === 'object' && 'code' in err ? String(err.code) : '';
  const message = err instanceof Error ? err.message : String(err);
  if (code === '28P01' || code === '28000') return new DomainError('hub.passwordRejected');
  if (/does not support SSL/i.test(message)) return new DomainError('hub.tlsRefused');
  if (/certificate|self[- ]signed|unable to verify|altname/i.test(message)) return new DomainError('hub.tlsUntrusted');
  return new DomainError('hub.unreachable');
}

/**
 * Every query of a console's walks the hub's (origin, seq) key: a page of an origin's operations
 * in order, a probe per identity. After a flood of pushes the table's statistics lag, and the
 * planner then reads a page as a bitmap scan of every operation above the cursor, sorted (a
 * pull of 100,000 cost the hub 1.4 s of CPU instead of 0.5 s, on the two cores it shares with the
 * pulling console). Told not to, it walks the key and stops at the page's end. A session
 * setting, asked for after connecting (a pooler may refuse it as a startup option): where
 * it is refused, queries are as fast as before, and as correct.
 */
export async function preferKeyOrder(client: pg.Client): Promise<void> {
  await client.query('SET enable_bitmapscan = off').catch(() => undefined);
}

export async function connectEndpoint(endpoint: HubEndpoint, Client: typeof pg.Client): Promise<pg.Client> {
  const client = new Client(hubClientConfig(endpoint));
  // A hub that goes away mid-exchange fails the query under way, which the engine handles; pg
  // also emits 'error' on the client, and unheard that would crash the main process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw connectionError(err);
  }
  await preferKeyOrder(client);
  return client;
}
