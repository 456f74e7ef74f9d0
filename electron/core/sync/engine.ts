// The background sync engine: with every configured hub, one full exchange now and then;
// while a hub cannot be reached, waits longer each time (capped), and tries again. An
// exchange is idempotent (pushes ON CONFLICT DO NOTHING, pulls from this console's own
// contiguous counter), so a connection that drops or an app that quits mid-batch loses
// nothing and applies nothing twice: the next exchange simply carries on. Batches are
// transactions of their own, so the main process stays responsive between them.
import pg from 'pg';
import type { z } from 'zod';
import type { hubStatus } from '../../../shared/api/sync';
import { DomainError } from '../base/errors';
import type { Store } from '../db/store';
import type { Logger } from '../base/logger';
import { versionVector, type VersionVector } from './exchange';
import { hubVector, syncWithHub } from './hub';
import { connectEndpoint, type HubEndpoint } from './hubConnection';

export interface HubConfig {
  id: string;
  name: string;
  /** Read when connecting, so a password is unsealed only then. */
  endpoint(): HubEndpoint;
}

/**
 * A hub as the header shows it: `lastError` an i18n code (hub.unreachable, hub.newerSchema, …)
 * to say in plain words; `waiting` the operations this console holds that the hub did not have
 * at the last look.
 */
export type HubStatus = z.output<typeof hubStatus>;

export interface SyncEngineOptions {
  store: Store;
  now(): number;
  hubs(): readonly HubConfig[];
  log: Logger;
  /** Between successful exchanges. */
  intervalMs?: number;
  /** The first retry after a failure; doubles with each further failure. */
  retryMs?: number;
  maxBackoffMs?: number;
  connect?: (endpoint: HubEndpoint) => Promise<pg.Client>;
  onStatus?: (status: HubStatus[]) => void;
  /** Called after an exchange applied operations from elsewhere, so open views re-ask. */
  onApplied?: () => void;
}

export interface SyncEngine {
  start(): void;
  stop(): Promise<void>;
  /** One exchange with each hub (or the one named) now, whatever the schedule says. */
  syncNow(hubId?: string): Promise<HubStatus[]>;
  status(): Promise<HubStatus[]>;
}

/** Time to wait after `failures` failures in a row: retry·2^(n−1), capped, with ±20 % jitter so consoles spread out. */
export function backoffMs(failures: number, retryMs: number, maxMs: number, random: () => number = Math.random): number {
  const base = Math.min(maxMs, retryMs * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

function behind(ours: VersionVector, theirs: VersionVector): number {
  let n = 0;
  for (const [origin, seq] of Object.entries(ours)) n += Math.max(0, seq - (theirs[origin] ?? 0));
  return n;
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const intervalMs = options.intervalMs ?? 30_000;
  const retryMs = options.retryMs ?? 5_000;
  const maxBackoffMs = options.maxBackoffMs ?? 10 * 60_000;
  const connect = options.connect ?? ((endpoint: HubEndpoint) => connectEndpoint(endpoint, pg.Client));
  const states = new Map<string, HubStatus & { hubVector: VersionVector | null }>();
  const running = new Map<string, Promise<void>>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = true;

  function stateOf(hub: HubConfig) {
    let s = states.get(hub.id);
    if (!s) {
      s = { id: hub.id, name: hub.name, state: 'waiting', lastSuccessAt: null, lastAttemptAt: null, lastError: null, waiting: null, nextAttemptAt: options.now(), failures: 0, lastMoved: null, hubVector: null };
      states.set(hub.id, s);
    }
    s.name = hub.name;
    return s;
  }

  async function exchange(hub: HubConfig): Promise<void> {
    const s = stateOf(hub);
    s.state = 'syncing';
    s.lastAttemptAt = options.now();
    let client: pg.Client | null = null;
    try {
      client = await connect(hub.endpoint());
      s.lastMoved = await syncWithHub(options.store, client, options.now);
      if (s.lastMoved.applied > 0) options.onApplied?.();
      s.hubVector = await hubVector(client);
      s.state = 'ok';
      s.lastSuccessAt = options.now();
      s.lastError = null;
      s.failures = 0;
      s.nextAttemptAt = options.now() + intervalMs;
    } catch (err) {
      s.state = 'error';
      s.failures += 1;
      s.lastError = err instanceof DomainError ? err.code : 'hub.unreachable';
      s.nextAttemptAt = options.now() + backoffMs(s.failures, retryMs, maxBackoffMs);
      options.log.error('sync with hub failed', { hub: hub.name, failures: s.failures, error: String(err) });
    } finally {
      await client?.end().catch(() => undefined);
    }
  }

  function run(hub: HubConfig): Promise<void> {
    // One exchange per hub at a time: a second request waits for the one under way.
    const current = running.get(hub.id);
    if (current) return current;
    const p = exchange(hub).finally(() => running.delete(hub.id));
    running.set(hub.id, p);
    return p;
  }

  function schedule(): void {
    if (stopped) return;
    const hubs = options.hubs();
    const now = options.now();
    for (const hub of hubs) if ((stateOf(hub).nextAttemptAt ?? 0) <= now) void run(hub);
    const next = Math.min(...hubs.map((h) => stateOf(h).nextAttemptAt ?? now + intervalMs), now + intervalMs);
    // Re-read the hub list at least every few seconds: an administrator may add one.
    timer = setTimeout(schedule, Math.max(500, Math.min(next - now, 5_000)));
    timer.unref?.();
  }

  async function status(): Promise<HubStatus[]> {
    const ours = await versionVector(options.store.reader);
    const configured = options.hubs();
    for (const id of states.keys()) if (!configured.some((h) => h.id === id)) states.delete(id);
    return configured.map((hub) => {
      const { hubVector: seen, ...s } = stateOf(hub);
      return { ...s, waiting: seen ? behind(ours, seen) : null };
    });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await Promise.allSettled([...running.values()]);
    },
    async syncNow(hubId) {
      const hubs = options.hubs().filter((h) => hubId === undefined || h.id === hubId);
      await Promise.all(hubs.map(run));
      const result = await status();
      options.onStatus?.(result);
      return result;
    },
    status,
  };
}
