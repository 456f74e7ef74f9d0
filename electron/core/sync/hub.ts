// A hub is a PostgreSQL database that consoles push their operations to and pull others'
// from (docs/architecture.md, the sync model). The same exchange as a bundle: version vectors,
// then per origin the operations the other side lacks, in order. Pushes are idempotent
// (ON CONFLICT DO NOTHING); pulls ask per origin from this console's own contiguous counter,
// so however pushes interleave and commit, nothing is skipped.
import pg from 'pg';
import { DomainError } from '../base/errors';
import type { Store } from '../db/store';
import { operationsAbove, versionVector, type VersionVector } from './exchange';
import { checkSchema, IDENTITY_CLASH } from './hubSchema';
import { partingPoint } from './copyCheck';
import { noteHubClock } from './clockSkew';
import type { Operation } from '../oplog/operation';
import { screenAhead } from './screening';
import { preferKeyOrder } from './hubConnection';

export { HUB_SCHEMA_VERSION, hubInit } from './hubSchema';
const BATCH = 2000;
/** Operations per page pulled and per transaction applying them: larger than a push's, so a catch-up commits less often (bounded all the same). */
const PULL_BATCH = 5000;

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
  await preferKeyOrder(client);
  return client;
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

/**
 * One batch, one statement: atomic on its own, so no BEGIN and COMMIT round trips. The batch
 * travels as one JSON parameter (json_to_recordset) rather than eight arrays: pg's array
 * encoding, not the server, was the cost. Rows are inserted in key order, the same in every
 * push, so consoles pushing the same operations at once (relays) wait, never deadlock.
 */
export async function pushBatch(client: pg.Client, ops: readonly Operation[], hubVersion: number): Promise<void> {
  // From hub schema 3 the hub refuses another operation under an identity it holds (a copied
  // folder): the push fails whole, with IDENTITY_CLASH.
  const onConflict = hubVersion >= 3
    ? `DO UPDATE SET pushed_at = held.pushed_at WHERE beacon.refuse_other(held.origin, held.seq,
         ARRAY[held.hlc, held.entity, held.row_id, held.field, held.value], ARRAY[EXCLUDED.hlc, EXCLUDED.entity, EXCLUDED.row_id, EXCLUDED.field, EXCLUDED.value])`
    : 'DO NOTHING';
  await client.query(
    `INSERT INTO beacon.operations AS held (origin, seq, hlc, entity, row_id, field, value, operator${hubVersion >= 3 ? ', prev' : ''})
     SELECT origin, seq, hlc, entity, "rowId", field, value, operator${hubVersion >= 3 ? ', prev' : ''}
     FROM json_to_recordset($1::json) AS o(origin text, seq bigint, hlc text, entity text, "rowId" text, field text, value text, operator text, prev text)
     ORDER BY origin, seq
     ON CONFLICT (origin, seq) ${onConflict}`,
    [JSON.stringify(ops)],
  );
}

export interface SyncResult {
  pushed: number; pulled: number; applied: number; quarantined: number;
  /** Set when this folder was found to be a copy of that origin's, and took a new one (issue #21). */
  copiedFrom?: string;
}

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
  return (await pushChecked(store, client, options)).pushed;
}

/**
 * A push that first makes sure this console's own operations are those the hub holds under
 * the same identities; if not, this folder is a copy and takes a new origin before pushing.
 * A copy caught by the hub itself mid-push (two pushing at once) is checked again the same way.
 */
async function pushChecked(store: Store, client: pg.Client, options: ExchangeOptions, now: () => number = Date.now, retried = false): Promise<{ pushed: number; copiedFrom?: string }> {
  const version = await checkSchema(client);
  const previous = store.origin;
  const parted = await partingPoint(store, client, (await hubVector(client))[previous] ?? 0);
  if (parted !== null) await store.renewOrigin(parted, now());
  const copied = parted !== null ? { copiedFrom: previous } : {};
  try {
    return { pushed: await pushAll(store, client, options, version), ...copied };
  } catch (err) {
    if (retried || !(err instanceof pg.DatabaseError) || err.code !== IDENTITY_CLASH) throw err;
    const again = await pushChecked(store, client, options, now, true);
    return { ...copied, ...again };
  }
}

async function pushAll(store: Store, client: pg.Client, options: ExchangeOptions, hubVersion: number): Promise<number> {
  const theirs = await hubVector(client);
  const batch = options.batch ?? BATCH;
  const above = (ops: readonly Operation[]) => {
    for (const op of ops) theirs[op.origin] = Math.max(theirs[op.origin] ?? 0, op.seq);
    return operationsAbove(store.reader, theirs, batch);
  };
  let pushed = 0;
  let ops = await above([]);
  while (ops.length > 0) {
    // The next batch is read from SQLite while the hub writes this one.
    const next = above(ops);
    try {
      await pushBatch(client, ops, hubVersion);
    } catch (err) {
      await next.catch(() => undefined);
      throw err;
    }
    pushed += ops.length;
    ops = await next;
  }
  return pushed;
}

/** A page of an origin's operations: $1 the origin, $2 the seq it starts after, $3 how many. */
export const pageSql = (hubVersion: number) => `SELECT coalesce(json_agg(o ORDER BY seq), '[]') AS ops FROM (
       SELECT origin, seq, hlc, entity, row_id AS "rowId", field, value, operator${hubVersion >= 3 ? ', prev' : ''} FROM beacon.operations
       WHERE origin = $1 AND seq > $2 ORDER BY seq LIMIT $3) AS o`;

/**
 * An origin's operations above `seq`, in order: one JSON value per page, which pg hands to
 * JSON.parse, rather than thousands of rows parsed field by field (twice as fast).
 */
export async function operationsOnHub(client: pg.Client, origin: string, seq: number, limit: number, hubVersion = 2): Promise<Operation[]> {
  const page = await client.query<{ ops: Operation[] }>(pageSql(hubVersion), [origin, seq, limit]);
  const ops = page.rows[0]?.ops ?? [];
  // An operation that does not say what it replaced travels without `prev`, as it was made.
  for (const op of ops) if (op.prev === null) delete op.prev;
  return ops;
}

/**
 * Fetches, per origin, the operations above this console's own contiguous counter and
 * applies them. No global cursor (a serial id or a time) is kept: such a cursor skips rows of
 * a transaction that took its id early and committed late. Per-origin seqs on the hub are
 * contiguous (see pushToHub), and a reader either sees a push's whole transaction or none.
 */
export async function pullFromHub(store: Store, client: pg.Client, now: () => number, options: ExchangeOptions = {}): Promise<Omit<SyncResult, 'pushed'>> {
  const version = await checkSchema(client);
  const result = { pulled: 0, applied: 0, quarantined: 0 };
  // How far this pull has read each origin. It starts at the console's counter, so what was
  // held back (quarantined) last time is offered again: a clock that was ahead may have come
  // right since. The counter stays below an operation held back, so reading from it again
  // would fetch the same batch for ever and never what comes after: each origin's reading
  // moves on past what it fetched, and past what this console holds already after that.
  const readTo = new Map<string, number>();
  for (;;) {
    const ours = await versionVector(store.reader);
    const theirs = await hubVector(client);
    const from = (origin: string) => Math.max(ours[origin] ?? 0, readTo.get(origin) ?? 0);
    const origins = Object.keys(theirs).filter((o) => (theirs[o] ?? 0) > from(o));
    let fetched = false;
    const page = (origin: string, seq: number) => {
      // Screened as soon as it arrives (screening.ts): while SQLite writes the page before it.
      const ops = operationsOnHub(client, origin, seq, options.batch ?? PULL_BATCH, version).then(async (list) => {
        await screenAhead(list);
        return list;
      });
      ops.catch(() => undefined); // awaited below; a failure while a page is applied is not unhandled
      return { seq, ops };
    };
    for (const origin of origins) {
      // The hub serves the next page while this console applies the last: a catch-up costs
      // the longer of the two rather than their sum. The page read ahead is used only if
      // reading resumes where it starts (nothing after this page was held already).
      let next = page(origin, from(origin));
      for (;;) {
        // Checked like any outside input when applied: a hub is outside.
        const ops = await next.ops;
        const last = ops.at(-1);
        if (!last) break;
        fetched = true;
        const ahead = page(origin, last.seq);
        const applied = await store.applyRemote(ops, now());
        result.pulled += ops.length;
        result.applied += applied.applied;
        result.quarantined += applied.quarantined.length;
        readTo.set(origin, await heldThrough(store.reader, origin, last.seq));
        next = from(origin) === ahead.seq ? ahead : page(origin, from(origin));
      }
    }
    if (!fetched) return result;
  }
}

/** How far past `seq` this console holds every one of `origin`'s operations, a thousand at a time (`seq` if not the next thousand). */
async function heldThrough(reader: Store['reader'], origin: string, seq: number): Promise<number> {
  let end = seq;
  for (;;) {
    const run = await reader.get<{ n: number; top: number | null }>(
      'SELECT count(*) AS n, max(seq) AS top FROM (SELECT seq FROM operations WHERE origin = ? AND seq > ? ORDER BY seq LIMIT 1000)', [origin, end]);
    // Held without a gap when the next thousand (or fewer) seqs are exactly end+1 … end+n.
    if (!run || run.n === 0 || run.top !== end + run.n) return end;
    end = run.top;
    if (run.n < 1000) return end;
  }
}

/** One full exchange with a hub: push what it lacks, then pull what this console lacks. */
export async function syncWithHub(store: Store, client: pg.Client, now: () => number, options: ExchangeOptions = {}): Promise<SyncResult> {
  await noteHubClock(store, client, now);
  const { pushed, copiedFrom } = await pushChecked(store, client, options, now);
  return { pushed, ...(await pullFromHub(store, client, now, options)), ...(copiedFrom ? { copiedFrom } : {}) };
}
