// A hub is a PostgreSQL database that consoles push their operations to and pull others'
// from (ARCHITECTURE.md, the sync model). The same exchange as a bundle: version vectors,
// then per origin the operations the other side lacks, in order. Pushes are idempotent
// (ON CONFLICT DO NOTHING); pulls ask per origin from this console's own contiguous counter,
// so however pushes interleave and commit, nothing is skipped.
import pg from 'pg';
import { DomainError } from '../api/errors';
import type { Store } from '../db/store';
import { operationsAbove, versionVector, type VersionVector } from './exchange';
import type { Operation } from './operation';

export const HUB_SCHEMA_VERSION = 1;
const BATCH = 2000;

const SCHEMA_V1 = `
CREATE SCHEMA IF NOT EXISTS beacon;
CREATE TABLE IF NOT EXISTS beacon.meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS beacon.operations (
  origin text NOT NULL, seq bigint NOT NULL, hlc text NOT NULL, entity text NOT NULL, row_id text NOT NULL,
  field text NOT NULL, value text NOT NULL, operator text, pushed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (origin, seq)
);
-- Headquarters reports on this with plain SQL: the latest value of every field of every row.
CREATE TABLE IF NOT EXISTS beacon.field_state (
  entity text NOT NULL, row_id text NOT NULL, field text NOT NULL, hlc text NOT NULL, value text NOT NULL,
  PRIMARY KEY (entity, row_id, field)
);
`;

export async function connectHub(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, statement_timeout: 60_000 });
  // A hub that goes away mid-exchange fails the query under way, which the caller handles; pg
  // also emits 'error' on the client, and unheard that would crash the main process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch {
    throw new DomainError('hub.unreachable');
  }
  return client;
}

/** Creates or migrates the hub's schema; refuses one written by a newer Beacon. */
export async function hubInit(client: pg.Client): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(4242)'); // two consoles initialising at once
    await client.query(SCHEMA_V1);
    const row = await client.query<{ value: string }>("SELECT value FROM beacon.meta WHERE key = 'schema_version'");
    const current = row.rows[0] ? Number(row.rows[0].value) : 0;
    if (current > HUB_SCHEMA_VERSION) throw new DomainError('hub.newerSchema', { version: current, supported: HUB_SCHEMA_VERSION });
    await client.query("INSERT INTO beacon.meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [String(HUB_SCHEMA_VERSION)]);
    await client.query('COMMIT');
    return HUB_SCHEMA_VERSION;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

async function checkSchema(client: pg.Client): Promise<void> {
  const row = await client.query<{ value: string }>("SELECT value FROM beacon.meta WHERE key = 'schema_version'").catch(() => ({ rows: [] as { value: string }[] }));
  const version = row.rows[0] ? Number(row.rows[0].value) : 0;
  if (version === 0) throw new DomainError('hub.notInitialised');
  if (version > HUB_SCHEMA_VERSION) throw new DomainError('hub.newerSchema', { version, supported: HUB_SCHEMA_VERSION });
}

/**
 * The highest seq the hub holds per origin. One index probe per origin (a loose index scan)
 * rather than a GROUP BY over every operation: a hub holds millions, but few origins.
 */
export async function hubVector(client: pg.Client): Promise<VersionVector> {
  const rows = await client.query<{ origin: string; seq: string }>(`
    WITH RECURSIVE origins AS (
      SELECT min(origin) AS origin FROM beacon.operations
      UNION ALL
      SELECT (SELECT min(origin) FROM beacon.operations WHERE origin > origins.origin) FROM origins WHERE origins.origin IS NOT NULL
    )
    SELECT origin, (SELECT max(seq) FROM beacon.operations o WHERE o.origin = origins.origin) AS seq FROM origins WHERE origin IS NOT NULL`);
  return Object.fromEntries(rows.rows.map((r) => [r.origin, Number(r.seq)]));
}

/** Field values an operation sets: every field of a create, or its one field. */
function fieldsOf(op: Operation): [string, string][] {
  if (op.field !== '*') return [[op.field, op.value]];
  const values = JSON.parse(op.value) as Record<string, unknown>;
  return Object.entries(values).map(([field, value]) => [field, JSON.stringify(value)]);
}

async function pushBatch(client: pg.Client, ops: readonly Operation[]): Promise<void> {
  const col = <K extends keyof Operation>(k: K) => ops.map((o) => o[k]);
  const state = ops.flatMap((op) => fieldsOf(op).map(([field, value]) => ({ entity: op.entity, rowId: op.rowId, field, hlc: op.hlc, value })));
  // The newest clock wins, as on the consoles; one row per key per statement.
  const newest = new Map<string, (typeof state)[number]>();
  for (const s of state) {
    const key = `${s.entity}|${s.rowId}|${s.field}`;
    const seen = newest.get(key);
    if (!seen || s.hlc > seen.hlc) newest.set(key, s);
  }
  const rows = [...newest.values()];
  await client.query('BEGIN');
  try {
    // Rows are locked in key order (operations by origin and seq, then fields by key), the
    // same in every push, so consoles pushing the same rows at once wait, never deadlock.
    await client.query(
      `INSERT INTO beacon.operations (origin, seq, hlc, entity, row_id, field, value, operator)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) ORDER BY 1, 2
       ON CONFLICT (origin, seq) DO NOTHING`,
      [col('origin'), col('seq'), col('hlc'), col('entity'), col('rowId'), col('field'), col('value'), col('operator')],
    );
    await client.query(
      `INSERT INTO beacon.field_state (entity, row_id, field, hlc, value)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) ORDER BY 1, 2, 3
       ON CONFLICT (entity, row_id, field) DO UPDATE SET hlc = EXCLUDED.hlc, value = EXCLUDED.value WHERE beacon.field_state.hlc < EXCLUDED.hlc`,
      [rows.map((r) => r.entity), rows.map((r) => r.rowId), rows.map((r) => r.field), rows.map((r) => r.hlc), rows.map((r) => r.value)],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

export interface SyncResult { pushed: number; pulled: number; applied: number; quarantined: number }

export interface ExchangeOptions {
  /** Operations per transaction; small enough that the main process stays responsive. */
  batch?: number;
}

/**
 * Sends the hub, per origin, the operations it lacks, one transaction per batch. The hub's
 * vector is read once: each batch starts right above what the hub already held, so its
 * operations of an origin stay contiguous from 1 whoever pushes them, and after each commit
 * the hub holds at least what was sent.
 */
export async function pushToHub(store: Store, client: pg.Client, options: ExchangeOptions = {}): Promise<number> {
  await checkSchema(client);
  const theirs = await hubVector(client);
  let pushed = 0;
  for (;;) {
    const ops = await operationsAbove(store.reader, theirs, options.batch ?? BATCH);
    if (ops.length === 0) return pushed;
    await pushBatch(client, ops);
    for (const op of ops) theirs[op.origin] = Math.max(theirs[op.origin] ?? 0, op.seq);
    pushed += ops.length;
  }
}

/**
 * Fetches, per origin, the operations above this console's own contiguous counter and
 * applies them. No global cursor (a serial id or a time) is kept: such a cursor skips rows of
 * a transaction that took its id early and committed late. Per-origin seqs on the hub are
 * contiguous (see pushToHub), and a reader either sees a push's whole transaction or none.
 */
export async function pullFromHub(store: Store, client: pg.Client, now: () => number, options: ExchangeOptions = {}): Promise<Omit<SyncResult, 'pushed'>> {
  await checkSchema(client);
  const result = { pulled: 0, applied: 0, quarantined: 0 };
  for (;;) {
    const ours = await versionVector(store.reader);
    const theirs = await hubVector(client);
    const origins = Object.keys(theirs).filter((o) => (theirs[o] ?? 0) > (ours[o] ?? 0));
    if (origins.length === 0) return result;
    let progressed = false;
    for (const origin of origins) {
      const rows = await client.query<{ origin: string; seq: string; hlc: string; entity: string; row_id: string; field: string; value: string; operator: string | null }>(
        'SELECT origin, seq, hlc, entity, row_id, field, value, operator FROM beacon.operations WHERE origin = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [origin, ours[origin] ?? 0, options.batch ?? BATCH],
      );
      // Checked like any outside input when applied: a hub is outside.
      const ops: Operation[] = rows.rows.map((r) => ({ origin: r.origin, seq: Number(r.seq), hlc: r.hlc, entity: r.entity, rowId: r.row_id, field: r.field, value: r.value, operator: r.operator }));
      const applied = await store.applyRemote(ops, now());
      result.pulled += ops.length;
      result.applied += applied.applied;
      result.quarantined += applied.quarantined.length;
      if (applied.applied > 0) progressed = true;
    }
    // Operations held back (quarantined) leave a gap this console cannot close by pulling again.
    if (!progressed) return result;
  }
}

/** One full exchange with a hub: push what it lacks, then pull what this console lacks. */
export async function syncWithHub(store: Store, client: pg.Client, now: () => number, options: ExchangeOptions = {}): Promise<SyncResult> {
  const pushed = await pushToHub(store, client, options);
  return { pushed, ...(await pullFromHub(store, client, now, options)) };
}
