// One upgrade test per migration (as Signal Desktop's test/sql/migration_*.ts): for each version
// N, a database file of schema N-1 holding what a console of that version holds (rows.ts) is
// upgraded by migration N alone. Every row of every table survives, the schema gains exactly the
// objects N declares, and those objects work on the data (an index answers, a trigger counts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection, type SqlValue } from '../../../../electron/core/db/connection';
import { APPLICATION_ID, migrate, MIGRATIONS } from '../../../../electron/core/db/migrations';
import { DISPATCH_ROWS, SCENE_ROWS, THRESHOLDS } from '../../../../electron/core/db/migrations/010_response_bins';
import { openOrLongSql } from '../../../../electron/core/db/migrations/013_team_days';
import { APPLIED, HELD, LOCAL_DAY, ROWS, T0 } from './rows';

interface Case {
  /** What N adds to sqlite_master, as 'type name' (SQLite's own autoindexes aside). */
  adds: string[];
  /** Objects N alters, or drops and makes again differently. */
  redefines?: string[];
  /** Tables whose rows N rewrites on purpose; the check says how. */
  changes?: string[];
  /** Migrations after which the rollups are rebuilt at the next open: the zone is forgotten. */
  forgetsZone?: boolean;
  /** Run after the migration and after the rows that version writes (rows.ts). */
  check?: (db: Connection) => Promise<void>;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const ROLLUP_RESET = { changes: ['rollup_meta'], forgetsZone: true };

const ids = async (db: Connection, sql: string, params: SqlValue[] = []) => (await db.all<{ id: string }>(sql, params)).map((r) => r.id);

const CASES: Record<number, Case> = {
  1: {
    adds: ['table meta', 'table operations', 'index operations_row_field', 'table version_vector', 'table counters', 'table operators',
      'index operators_name_key', 'table incidents', 'index incidents_queue', 'index incidents_received', 'index incidents_number',
      'table calls', 'index calls_incident', 'index calls_received', 'table timeline_entries', 'index timeline_incident'],
    check: async (db) => {
      expect((await db.get<{ application_id: number }>('PRAGMA application_id'))?.application_id).toBe(APPLICATION_ID);
      expect(await ids(db, 'SELECT incident_id AS id FROM calls ORDER BY received_at')).toEqual(['inc-fire', 'inc-fire', 'inc-dup', 'inc-flood']);
    },
  },
  2: {
    adds: ['table centres', 'table teams', 'index teams_centre', 'table volunteers', 'index volunteers_centre', 'table roster_entries',
      'index roster_on_duty', 'index roster_volunteer', 'index roster_check_in', 'table assignments', 'index assignments_incident',
      'index assignments_team', 'index assignments_dispatched', 'index assignments_active'],
    check: async (db) => {
      expect(await ids(db, 'SELECT id FROM assignments INDEXED BY assignments_active WHERE team_id = ? AND cleared_at IS NULL', ['team-r3'])).toEqual(['asg-2']);
    },
  },
  3: { adds: ['table quarantine'] },
  4: {
    adds: ['index assignments_team_cleared'],
    check: async (db) => {
      expect(await ids(db, 'SELECT id FROM assignments INDEXED BY assignments_team_cleared WHERE team_id = ? AND cleared_at = ?', ['team-r3', T0 + 6 * MIN])).toEqual(['asg-3']);
    },
  },
  5: { adds: ['table sign_in_failures'] },
  6: { adds: ['table import_keys'] },
  7: {
    adds: ['table handover_notes', 'index handover_notes_shift', 'index incidents_closed', 'index incidents_cancelled', 'index timeline_at'],
    check: async (db) => {
      expect(await ids(db, 'SELECT id FROM incidents INDEXED BY incidents_closed WHERE closed_at IS NOT NULL')).toEqual(['inc-fire']);
      expect(await ids(db, 'SELECT id FROM incidents INDEXED BY incidents_cancelled WHERE cancelled_at IS NOT NULL')).toEqual(['inc-dup']);
    },
  },
  8: {
    adds: ['index incidents_duplicates'],
    check: async (db) => {
      expect(await ids(db, "SELECT id FROM incidents INDEXED BY incidents_duplicates WHERE cancel_reason = 'duplicate'")).toEqual(['inc-dup']);
    },
  },
  9: {
    adds: ['table zone_offsets', 'table rollup_meta', 'table daily_counts', 'trigger daily_counts_insert', 'trigger daily_counts_update',
      'trigger daily_counts_status', 'trigger daily_counts_delete'],
    check: async (db) => {
      // The incidents already there wait for the rebuild at the next open; the one written once the zone is known is counted.
      expect(await db.all('SELECT day, type, district, priority, n, open, closed FROM daily_counts'))
        .toEqual([{ day: LOCAL_DAY, type: 'rescue', district: 'RIF', priority: 1, n: 1, open: 1, closed: 0 }]);
      await db.run("UPDATE incidents SET status = 'cancelled', cancel_reason = 'duplicate' WHERE id = 'inc-rescue'");
      expect(await db.all('SELECT * FROM daily_counts')).toEqual([]);
    },
  },
  10: {
    adds: ['index incidents_dispatch_bins', 'index incidents_scene_bins'],
    check: async (db) => {
      expect(await ids(db, `SELECT id FROM incidents INDEXED BY incidents_dispatch_bins WHERE ${DISPATCH_ROWS} ORDER BY id`)).toEqual(['inc-fire', 'inc-flood']);
      expect(await ids(db, `SELECT id FROM incidents INDEXED BY incidents_scene_bins WHERE ${SCENE_ROWS}`)).toEqual(['inc-fire']);
    },
  },
  11: { adds: ['table post_settings'] },
  12: {
    adds: ['table call_days', 'trigger call_days_insert', 'trigger call_days_update', 'trigger call_days_delete', 'trigger call_days_duplicate',
      'trigger call_days_duplicate_insert', 'trigger call_days_duplicate_delete'],
    ...ROLLUP_RESET,
    check: async (db) => {
      await db.run("INSERT INTO calls (id, incident_id, received_at, source, operator) VALUES ('call-5', 'inc-fire', ?, 'phone', 'op-salma'), ('call-6', 'inc-dup', ?, 'phone', 'op-salma')", [T0 + 10 * MIN, T0 + 11 * MIN]);
      expect(await db.all('SELECT * FROM call_days')).toEqual([{ day: LOCAL_DAY, calls: 2, duplicate_calls: 1 }]);
    },
  },
  13: {
    adds: ['table team_days', 'index assignments_open_or_long', 'trigger team_days_insert', 'trigger team_days_update', 'trigger team_days_delete',
      'trigger team_days_duplicate', 'trigger team_days_duplicate_insert', 'trigger team_days_duplicate_delete'],
    ...ROLLUP_RESET,
    check: async (db) => {
      expect(await ids(db, `SELECT id FROM assignments INDEXED BY assignments_open_or_long WHERE ${openOrLongSql('')}`)).toEqual(['asg-2']);
      await db.run("UPDATE assignments SET cleared_at = dispatched_at + ? WHERE id = 'asg-2'", [2 * HOUR]);
      expect(await db.all('SELECT * FROM team_days')).toEqual([{ day: LOCAL_DAY, team_id: 'team-r3', ms: 2 * HOUR, n: 1 }]);
    },
  },
  14: {
    adds: ['table response_thresholds', 'table response_days', 'trigger response_days_insert', 'trigger response_days_update', 'trigger response_days_delete'],
    ...ROLLUP_RESET,
    check: async (db) => {
      expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM response_thresholds'))?.n).toBe(THRESHOLDS.length);
      await db.run("UPDATE incidents SET status = 'dispatched', dispatched_at = received_at + ? WHERE id = 'inc-rescue'", [2 * MIN]);
      const bin = THRESHOLDS.filter((t) => t <= 2 * MIN).length;
      expect(await db.all('SELECT * FROM response_days')).toEqual([{ delay: 'dispatch', day: LOCAL_DAY, bin, n: 1 }]);
    },
  },
  15: {
    adds: [],
    redefines: ['index incidents_queue'],
    check: async (db) => {
      expect((await db.get<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'incidents_queue'"))?.sql).toContain('(status, priority, received_at, number, district, type)');
      expect(await ids(db, "SELECT id FROM incidents INDEXED BY incidents_queue WHERE status = 'received' ORDER BY priority, received_at")).toEqual(['inc-rescue', 'inc-gas']);
    },
  },
  16: {
    adds: ['table call_tallies', 'trigger call_tallies_insert', 'trigger call_tallies_update', 'trigger call_tallies_delete',
      'trigger call_tallies_incident_insert', 'trigger call_tallies_incident_delete', 'trigger call_tallies_incident_update'],
    ...ROLLUP_RESET,
    check: async (db) => {
      await db.run("INSERT INTO calls (id, incident_id, received_at, source, operator) VALUES ('call-5', 'inc-flood', ?, 'phone', 'op-omar')", [T0 + 2 * HOUR]);
      expect(await db.all('SELECT * FROM call_tallies')).toEqual([{ day: LOCAL_DAY, type: 'flood', district: 'RIF', priority: 2, calls: 1 }]);
    },
  },
  17: {
    adds: ['table team_tallies', 'trigger team_tallies_insert', 'trigger team_tallies_update', 'trigger team_tallies_delete',
      'trigger team_tallies_incident_insert', 'trigger team_tallies_incident_delete', 'trigger team_tallies_incident_update'],
    ...ROLLUP_RESET,
    check: async (db) => {
      await db.run("UPDATE assignments SET cleared_at = dispatched_at + ? WHERE id = 'asg-2'", [2 * HOUR]);
      expect(await db.all('SELECT * FROM team_tallies')).toEqual([{ day: LOCAL_DAY, team_id: 'team-r3', type: 'flood', district: 'RIF', priority: 2, ms: 2 * HOUR, n: 1 }]);
    },
  },
  18: {
    adds: ['table response_tallies', 'trigger response_tallies_insert', 'trigger response_tallies_update', 'trigger response_tallies_delete'],
    ...ROLLUP_RESET,
    check: async (db) => {
      await db.run("UPDATE incidents SET status = 'dispatched', dispatched_at = received_at + ? WHERE id = 'inc-rescue'", [2 * MIN]);
      expect(await db.all("SELECT dim, value, n FROM response_tallies WHERE delay = 'dispatch' ORDER BY dim"))
        .toEqual([{ dim: 'district', value: 'RIF', n: 1 }, { dim: 'priority', value: 1, n: 1 }, { dim: 'type', value: 'rescue', n: 1 }]);
    },
  },
  20: {
    adds: ['table quarantine_released'],
    changes: ['quarantine'],
    check: async (db) => {
      // Held before this version and applied since: moved to the history, released when it was received. The other is still held.
      expect(await db.all('SELECT origin, seq FROM quarantine')).toEqual([{ origin: HELD.origin, seq: HELD.seq }]);
      expect(await db.all('SELECT * FROM quarantine_released'))
        .toEqual([{ origin: APPLIED.origin, seq: APPLIED.seq, received_at: T0 + 5 * MIN, reason: 'missingRow', released_at: T0 + 5 * MIN }]);
    },
  },
  21: {
    adds: [],
    redefines: ['table operations'],
    check: async (db) => {
      expect((await db.get<{ type: string }>("SELECT type FROM pragma_table_info('operations') WHERE name = 'prev'"))?.type).toBe('TEXT');
      // Operations from before merge by clock: no prev. Those written since name what they replaced.
      expect(await db.all('SELECT origin, seq, prev FROM operations ORDER BY origin, seq')).toEqual([
        { origin: 'c1a2b3d4', seq: 1, prev: null }, { origin: 'c1a2b3d4', seq: 2, prev: null }, { origin: 'c1a2b3d4', seq: 3, prev: 'c1a2b3d4:1' },
        { origin: 'f9e8d7c6', seq: 3, prev: null }, { origin: 'f9e8d7c6', seq: 4, prev: null },
      ]);
    },
  },
  22: {
    adds: ['table alerts', 'index alerts_incident', 'index alerts_identifier'],
    check: async (db) => {
      expect(await ids(db, 'SELECT id FROM alerts INDEXED BY alerts_incident WHERE incident_id = ?', ['inc-flood'])).toEqual(['alert-1']);
    },
  },
  23: {
    adds: [],
    redefines: ['index operations_row_field'],
    check: async (db) => {
      // A field's writes by row and field, the clock no longer in the index.
      expect((await db.all<{ name: string }>("SELECT name FROM pragma_index_info('operations_row_field') ORDER BY seqno")).map((c) => c.name)).toEqual(['row_id', 'field']);
      expect(await db.all("SELECT origin, seq FROM operations INDEXED BY operations_row_field WHERE row_id = ? AND field = 'priority'", ['inc-gas']))
        .toEqual([{ origin: 'c1a2b3d4', seq: 3 }]);
    },
  },
};

const work = mkdtempSync(join(tmpdir(), 'beacon-upgrades-'));
const copyAt = (version: number) => join(work, `at-${version}.db`);

// One pass up the versions, a copy of the file kept at each: every case starts from its own copy.
beforeAll(async () => {
  const db = await Connection.open(join(work, 'building.db'), 'readwrite');
  await db.run('VACUUM INTO ?', [copyAt(0)]);
  for (const m of MIGRATIONS) {
    await migrate(db, MIGRATIONS.filter((x) => x.version <= m.version));
    await ROWS[m.version]?.(db);
    await db.run('VACUUM INTO ?', [copyAt(m.version)]);
  }
  await db.close();
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Table { columns: string[]; rows: Record<string, unknown>[] }

async function tables(db: Connection): Promise<Map<string, Table>> {
  const out = new Map<string, Table>();
  for (const { name } of await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
    const columns = (await db.all<{ name: string }>(`SELECT name FROM pragma_table_info('${name}')`)).map((c) => c.name);
    out.set(name, { columns, rows: await db.all(`SELECT ${columns.join(', ')} FROM ${name} ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`) });
  }
  return out;
}

async function schemaObjects(db: Connection): Promise<Map<string, string>> {
  const rows = await db.all<{ type: string; name: string; sql: string }>("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'");
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, r.sql]));
}

const rollupZone = (db: Connection) => db.get<{ zone: string | null }>('SELECT zone FROM rollup_meta').then((r) => r?.zone);

describe('each migration upgrades the schema before it, data in it', () => {
  it('has a case for every migration', () => {
    expect(Object.keys(CASES).map(Number)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  for (const migration of MIGRATIONS) {
    it(`${String(migration.version).padStart(3, '0')} ${migration.name}`, async () => {
      const c = CASES[migration.version];
      if (!c) throw new Error(`no upgrade case for migration ${migration.version}`);
      // The schema of the migration before, with the rows each version up to it wrote (rows.ts).
      const previous = MIGRATIONS[MIGRATIONS.indexOf(migration) - 1]?.version ?? 0;
      const db = await Connection.open(copyAt(previous), 'readwrite');
      try {
        const before = await tables(db);
        const objectsBefore = await schemaObjects(db);
        if (c.forgetsZone) expect(await rollupZone(db)).not.toBeNull();

        await migrate(db, MIGRATIONS.filter((m) => m.version <= migration.version));
        expect((await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version).toBe(migration.version);

        // Every row of every table that was there, in the columns it had, unless N rewrites that table on purpose.
        const after = await tables(db);
        for (const [name, table] of before) {
          if (c.changes?.includes(name)) continue;
          const kept = after.get(name)!.rows.map((row) => Object.fromEntries(table.columns.map((col) => [col, row[col]])));
          expect(kept, name).toEqual(table.rows);
        }
        if (migration.version > 1) expect(before.get('incidents')?.rows.length).toBeGreaterThan(0);

        const objectsAfter = await schemaObjects(db);
        expect([...objectsAfter.keys()].filter((k) => !objectsBefore.has(k)).sort()).toEqual([...c.adds].sort());
        expect([...objectsBefore].filter(([k, sql]) => objectsAfter.get(k) !== sql).map(([k]) => k)).toEqual(c.redefines ?? []);
        if (c.forgetsZone) expect(await rollupZone(db)).toBeNull();

        // What this version writes fits the new shape, and the new objects work on it.
        await ROWS[migration.version]?.(db);
        await c.check?.(db);
      } finally {
        await db.close();
      }
    });
  }
});
