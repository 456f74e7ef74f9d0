// Numbered, forward-only migrations driven by PRAGMA user_version (as Signal Desktop does).
// Each runs in its own transaction; a database written by a newer Beacon is refused.
import type { Connection } from '../connection';
import { foundation } from './001_foundation';
import { teams } from './002_teams';
import { sync } from './003_sync';
import { assignmentLookup } from './004_assignment_lookup';
import { signInThrottle } from './005_sign_in_throttle';
import { importKeys } from './006_import_keys';
import { handoverNotes } from './007_handover_notes';
import { duplicateLookup } from './008_duplicate_lookup';
import { dailyRollup } from './009_daily_rollup';
import { responseBins } from './010_response_bins';
import { postSettings } from './011_post_settings';
import { callDays } from './012_call_days';
import { teamDays } from './013_team_days';
import { responseDays } from './014_response_days';
import { queuePages } from './015_queue_pages';
import { callTallies } from './016_call_tallies';
import { teamTallies } from './017_team_tallies';
import { responseTallies } from './018_response_tallies';
import { quarantineReleased } from './020_quarantine_released';
import { operationPrev } from './021_operation_prev';
import { alerts } from './022_alerts';
import { rowIndex } from './023_row_index';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// In ascending version order; each step runs when the database's version is below its own.
export const MIGRATIONS: readonly Migration[] = [foundation, teams, sync, assignmentLookup, signInThrottle, importKeys, handoverNotes, duplicateLookup, dailyRollup, responseBins, postSettings, callDays, teamDays, responseDays, queuePages, callTallies, teamTallies, responseTallies, quarantineReleased, operationPrev, alerts, rowIndex];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** 'BCN1': marks the file as a Beacon database, so a restore can tell one from any other SQLite file. */
export const APPLICATION_ID = 0x42434e31;

/** A safety copy a shell can offer when the database cannot be opened (db/safetyCopies.ts). */
export interface OfferedCopy {
  name: string;
  path: string;
  bytes: number;
  shiftStart: number | null;
}

export class DatabaseOpenError extends Error {
  /** The safety copies there are to restore from, newest first (filled in by openCore). */
  safetyCopies: OfferedCopy[] = [];

  constructor(
    readonly code: 'error.databaseNewer' | 'error.notBeaconDatabase' | 'error.corrupt' | 'error.readOnly' | 'error.busy' | 'integrity.damaged',
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

export async function migrate(conn: Connection, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  const appId = (await conn.get<{ application_id: number }>('PRAGMA application_id'))?.application_id ?? 0;
  const current = (await conn.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (appId !== APPLICATION_ID) {
    const tables = await conn.get<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'");
    if ((tables?.n ?? 0) > 0 || current !== 0) throw new DatabaseOpenError('error.notBeaconDatabase');
  }
  if (current > latest) throw new DatabaseOpenError('error.databaseNewer', { version: current, supported: latest });
  for (const migration of migrations.filter((m) => m.version > current)) {
    await conn.run('BEGIN IMMEDIATE');
    try {
      await conn.exec(migration.sql);
      await conn.exec(`PRAGMA user_version = ${migration.version}; PRAGMA application_id = ${APPLICATION_ID};`);
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
  return latest;
}
