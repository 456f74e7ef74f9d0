// The hub's schema, one numbered migration per version (as the consoles' own migrations):
// `hub-init` applies those above the hub's version in one transaction, and a hub written by a
// newer Beacon is refused, by hub-init and by every exchange.
import type pg from 'pg';
import { DomainError } from '../base/errors';

/** The SQLSTATE of a push refused for another operation under a known identity. */
export const IDENTITY_CLASH = 'BCN01';

export const HUB_MIGRATIONS: readonly string[] = [
  // 1: the operations, and the newest value of each field kept in a table on every push.
  `
CREATE SCHEMA IF NOT EXISTS beacon;
CREATE TABLE IF NOT EXISTS beacon.meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS beacon.operations (
  origin text NOT NULL, seq bigint NOT NULL, hlc text NOT NULL, entity text NOT NULL, row_id text NOT NULL,
  field text NOT NULL, value text NOT NULL, operator text, pushed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (origin, seq)
);
CREATE TABLE IF NOT EXISTS beacon.field_state (
  entity text NOT NULL, row_id text NOT NULL, field text NOT NULL, hlc text NOT NULL, value text NOT NULL,
  PRIMARY KEY (entity, row_id, field)
);`,
  // 2: the current state worked out from the operations when asked. Kept as a table it cost a
  // push three times the operations' own writes (a create sets a dozen fields), and a view
  // can never disagree with the log. Headquarters reports on it with plain SQL; one row's
  // state is read through the row_id index, and a report over everything can be materialised.
  `
DROP TABLE beacon.field_state;
CREATE INDEX operations_row ON beacon.operations (row_id);
-- The fields a create sets; a malformed one (the hub stores what consoles push) sets none
-- rather than break every report.
CREATE FUNCTION beacon.created_fields(created text) RETURNS TABLE (field_name text, field_value text)
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  RETURN QUERY SELECT f.key, f.value::text FROM jsonb_each(created::jsonb) AS f;
EXCEPTION WHEN others THEN
  RETURN;
END $$;
-- The newest value of every field of every row (the console id inside the clock breaks ties).
CREATE VIEW beacon.field_state AS
SELECT DISTINCT ON (entity, row_id, field) entity, row_id, field, hlc, value FROM (
  SELECT entity, row_id, field, hlc, value FROM beacon.operations WHERE field <> '*'
  UNION ALL
  SELECT o.entity, o.row_id, f.field_name, o.hlc, f.field_value FROM beacon.operations o CROSS JOIN LATERAL beacon.created_fields(o.value) f WHERE o.field = '*'
) AS fields
ORDER BY entity, row_id, field, hlc DESC;`,
  // 3 (issue #21): a different operation under an identity the hub holds is refused, in the
  // push itself: a copied data folder writes the original's numbers with other content. And
  // operations carry what they replaced (prev, oplog/fieldWinner.ts); older ones have none.
  `
ALTER TABLE beacon.operations ADD COLUMN prev text;
-- Called for each row of a push whose identity is held (ON CONFLICT): the same operation is
-- left as it is (false), another one fails the whole push.
CREATE FUNCTION beacon.refuse_other(origin text, seq bigint, held text[], pushed text[]) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF held IS DISTINCT FROM pushed THEN
    RAISE EXCEPTION 'another operation is held under % %', origin, seq USING ERRCODE = '${IDENTITY_CLASH}';
  END IF;
  RETURN false;
END $$;`,
];

export const HUB_SCHEMA_VERSION = HUB_MIGRATIONS.length;

async function schemaVersion(client: pg.Client): Promise<number> {
  const exists = await client.query<{ meta: string | null }>("SELECT to_regclass('beacon.meta')::text AS meta");
  if (!exists.rows[0]?.meta) return 0;
  const row = await client.query<{ value: string }>("SELECT value FROM beacon.meta WHERE key = 'schema_version'");
  return row.rows[0] ? Number(row.rows[0].value) : 0;
}

/** Creates or migrates the hub's schema; refuses one written by a newer Beacon. */
export async function hubInit(client: pg.Client): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(4242)'); // two consoles initialising at once
    const current = await schemaVersion(client);
    if (current > HUB_SCHEMA_VERSION) throw new DomainError('hub.newerSchema', { version: current, supported: HUB_SCHEMA_VERSION });
    for (const migration of HUB_MIGRATIONS.slice(current)) await client.query(migration);
    await client.query("INSERT INTO beacon.meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [String(HUB_SCHEMA_VERSION)]);
    await client.query('COMMIT');
    return HUB_SCHEMA_VERSION;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Before an exchange: the hub is initialised, and not by a newer Beacon. */
export async function checkSchema(client: pg.Client): Promise<number> {
  const version = await schemaVersion(client);
  if (version === 0) throw new DomainError('hub.notInitialised');
  if (version > HUB_SCHEMA_VERSION) throw new DomainError('hub.newerSchema', { version, supported: HUB_SCHEMA_VERSION });
  return version;
}
