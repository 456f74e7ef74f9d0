// The daily rollup (migrations 009, 012, 013) is built for one time zone. When the post's zone
// differs from the one it was built for, or the tz database shipped with Node/Electron has
// changed (a country drops daylight saving), the zone's offsets are rewritten and every day row
// is recomputed from the incidents, calls and assignments, in one transaction. The triggers
// keep it right afterwards.
import type { Store } from '../db/store';
import { isOpenSql } from '../db/migrations/009_daily_rollup';
import { floorMsSql, rolledAssignmentSql } from '../db/migrations/013_team_days';
import { DISPATCH_DELAY, DISPATCH_ROWS, SCENE_DELAY, SCENE_ROWS, responseBinSql } from '../db/migrations/010_response_bins';
import { RESPONSE_DIMENSIONS } from '../db/migrations/018_response_tallies';
import { zoneOffsetMs } from '../../../shared/time/zoned';
import { countedSql, duplicateSql, DUPLICATES } from './duplicateRule';
import type { WriteTx } from '../base/handles';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** The instants zone_offsets describes exactly; statistics outside them are not read from the rollup. */
export const ROLLUP_COVERS = { start: Date.UTC(1970, 0, 1), end: Date.UTC(2100, 0, 1) };

/** The tz database in use: a new one may move offsets, so the rollup is rebuilt with it. */
export const TZDATA = process.versions.tz ?? 'unknown';

export interface ZoneSegment {
  startMs: number;
  offsetMs: number;
}

/**
 * The zone's offsets over ROLLUP_COVERS, one segment per offset in force, each found to the
 * second. Sampled daily: no two transitions in the tz database since 1970 are less than a day
 * apart, and a 6-hour step (localTime.ts) costs seconds over 130 years. The first segment
 * reaches back indefinitely so that every instant finds an offset.
 */
export function zoneSegments(timeZone: string): ZoneSegment[] {
  const { start, end } = ROLLUP_COVERS;
  const segments: ZoneSegment[] = [{ startMs: Number.MIN_SAFE_INTEGER, offsetMs: zoneOffsetMs(start, timeZone) }];
  for (let t = start; t < end; t += DAY) {
    const current = segments[segments.length - 1]!.offsetMs;
    const offset = zoneOffsetMs(t + DAY, timeZone);
    if (offset === current) continue;
    let lo = t;
    let hi = t + DAY;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (zoneOffsetMs(mid, timeZone) === current) lo = mid; else hi = mid;
    }
    segments.push({ startMs: hi, offsetMs: offset });
  }
  return segments;
}

/** The zone the rollup answers for, or null while it is not built. */
export async function rollupZone(db: { get<T>(sql: string): Promise<T | undefined> }): Promise<string | null> {
  return (await db.get<{ zone: string | null }>('/* rollup */ SELECT zone FROM rollup_meta'))?.zone ?? null;
}

/**
 * Builds the rollup for `timeZone` unless it is already built for it with this tz database.
 * Returns whether it rebuilt. Seconds at 1M incidents, so it runs at open and when the post's
 * zone is set, never during a query.
 */
export async function ensureRollup(store: Store, timeZone: string): Promise<boolean> {
  const built = await store.reader.get<{ zone: string | null; tzdata: string | null }>('SELECT zone, tzdata FROM rollup_meta');
  if (built?.zone === timeZone && built.tzdata === TZDATA) return false;
  const segments = zoneSegments(timeZone);
  if (built?.zone === timeZone && sameSegments(segments, await store.reader.all<{ start_ms: number; offset_ms: number }>('SELECT start_ms, offset_ms FROM zone_offsets ORDER BY start_ms'))) {
    // A new tz database that moves nothing for this zone (the usual upgrade): no rebuild.
    await store.write(null, ({ tx }) => tx.run('UPDATE rollup_meta SET tzdata = ?', [TZDATA]));
    return false;
  }
  await store.write(null, ({ tx }) => rebuildRollup(tx, timeZone, segments));
  return true;
}

/** Writes zone_offsets for `segments` (`timeZone`'s) and every rollup row again from the incidents, calls and assignments, in `tx`. */
export async function rebuildRollup(tx: WriteTx, timeZone: string, segments: readonly ZoneSegment[]): Promise<void> {
  await tx.run('DELETE FROM zone_offsets');
  // 2 parameters a segment; a zone has a few hundred segments at most.
  await tx.run(`INSERT INTO zone_offsets (start_ms, offset_ms) VALUES ${segments.map(() => '(?, ?)').join(', ')}`, segments.flatMap((s) => [s.startMs, s.offsetMs]));
  await rebuildDailyCounts(tx, segments);
  await rebuildCallDays(tx, segments);
  await rebuildCallTallies(tx, segments);
  await rebuildTeamDays(tx, segments);
  await rebuildTeamTallies(tx, segments);
  await rebuildResponseDays(tx, segments);
  await tx.run('UPDATE rollup_meta SET zone = ?, tzdata = ?', [timeZone, TZDATA]);
}

function sameSegments(segments: readonly ZoneSegment[], stored: readonly { start_ms: number; offset_ms: number }[]): boolean {
  return segments.length === stored.length && segments.every((s, i) => s.startMs === stored[i]!.start_ms && s.offsetMs === stored[i]!.offset_ms);
}

/**
 * Every day row again from the incidents, with the same local time the triggers compute. The
 * offset is a CASE over the segments the incidents span (a handful), cheaper per row than a
 * lookup; grouped by hour first, so that the local time is worked out once a row, then folded
 * into the 24 hour columns.
 */
/**
 * The local time of `column` as SQL, for values within the table's span: a CASE over the few
 * segments the rows span, cheaper per row than a lookup. Null when the table is empty.
 */
async function localTimeSql(tx: WriteTx, table: string, column: string, segments: readonly ZoneSegment[]): Promise<string | null> {
  const span = await tx.get<{ first: number | null; last: number | null }>(`SELECT min(${column}) AS first, max(${column}) AS last FROM ${table}`);
  if (span?.first === null || span?.first === undefined || span.last === null) return null;
  const first = span.first;
  const last = span.last;
  const used = segments.filter((s, i) => s.startMs <= last && (segments[i + 1]?.startMs ?? Infinity) > first);
  return used.length === 1
    ? `(${column} + ${used[0]!.offsetMs})`
    : `(${column} + CASE ${used.slice(1).map((s, i) => `WHEN ${column} < ${s.startMs} THEN ${used[i]!.offsetMs}`).join(' ')} ELSE ${used[used.length - 1]!.offsetMs} END)`;
}

/** Calls per local day, and those about incidents cancelled as duplicates (migration 012). */
async function rebuildCallDays(tx: WriteTx, segments: readonly ZoneSegment[]): Promise<void> {
  await tx.run('DELETE FROM call_days');
  const local = await localTimeSql(tx, 'calls c', 'c.received_at', segments);
  if (!local) return;
  const msOfDay = `((${local} % ${DAY}) + ${DAY}) % ${DAY}`;
  await tx.run(`INSERT INTO call_days (day, calls, duplicate_calls)
    SELECT (${local} - ${msOfDay}) / ${DAY} AS day, count(*), coalesce(sum(${duplicateSql('i.')}), 0)
    FROM calls c LEFT JOIN incidents i ON i.id = c.incident_id GROUP BY 1`);
}

/** Time committed per local day of dispatch and team, by the assignments migration 013 rolls up. */
async function rebuildTeamDays(tx: WriteTx, segments: readonly ZoneSegment[]): Promise<void> {
  await tx.run('DELETE FROM team_days');
  const local = await localTimeSql(tx, 'assignments a', 'a.dispatched_at', segments);
  if (!local) return;
  // NOT IN, as the triggers' lookup: an assignment whose incident has not arrived yet counts.
  await tx.run(`INSERT INTO team_days (day, team_id, ms, n)
    SELECT (t - ((t % ${DAY}) + ${DAY}) % ${DAY}) / ${DAY} AS day, team_id, sum(ms), count(*) FROM (
      SELECT ${floorMsSql('u')} AS t, team_id, ms FROM (
        SELECT ${local} AS u, a.team_id, a.cleared_at - a.dispatched_at AS ms FROM assignments a
        WHERE ${rolledAssignmentSql('a.')} AND a.incident_id NOT IN ${DUPLICATES}))
    GROUP BY 1, 2`);
}

/** team_days split by the type, district and priority of each assignment's incident (migration 017). */
async function rebuildTeamTallies(tx: WriteTx, segments: readonly ZoneSegment[]): Promise<void> {
  await tx.run('DELETE FROM team_tallies');
  const local = await localTimeSql(tx, 'assignments a', 'a.dispatched_at', segments);
  if (!local) return;
  await tx.run(`INSERT INTO team_tallies (day, team_id, type, district, priority, ms, n)
    SELECT (t - ((t % ${DAY}) + ${DAY}) % ${DAY}) / ${DAY} AS day, team_id, type, district, priority, sum(ms), count(*) FROM (
      SELECT ${floorMsSql('u')} AS t, team_id, type, district, priority, ms FROM (
        SELECT ${local} AS u, a.team_id, i.type, i.district, i.priority, a.cleared_at - a.dispatched_at AS ms
        FROM assignments a JOIN incidents i ON i.id = a.incident_id
        WHERE ${rolledAssignmentSql('a.')} AND ${countedSql('i.')}))
    GROUP BY 1, 2, 3, 4, 5`);
}

/**
 * Delays per local day and bin (migration 014), from 010's bin expression and rows: SQLite reads
 * each delay's covering index rather than the table.
 */
async function rebuildResponseDays(tx: WriteTx, segments: readonly ZoneSegment[]): Promise<void> {
  await tx.run('DELETE FROM response_days');
  const local = await localTimeSql(tx, 'incidents', 'received_at', segments);
  if (!local) return;
  const msOfDay = `((${local} % ${DAY}) + ${DAY}) % ${DAY}`;
  for (const [delay, value, rows] of [['dispatch', DISPATCH_DELAY, DISPATCH_ROWS], ['scene', SCENE_DELAY, SCENE_ROWS]] as const) {
    await tx.run(`INSERT INTO response_days (delay, day, bin, n)
      SELECT ?, (${local} - ${msOfDay}) / ${DAY} AS day, ${responseBinSql(value)} AS bin, count(*) FROM incidents WHERE ${rows} GROUP BY bin, day`, [delay]);
  }
  // The same once per district, type and priority (migration 018).
  await tx.run('DELETE FROM response_tallies');
  for (const [delay, value, rows] of [['dispatch', DISPATCH_DELAY, DISPATCH_ROWS], ['scene', SCENE_DELAY, SCENE_ROWS]] as const) {
    for (const dim of RESPONSE_DIMENSIONS) {
      await tx.run(`INSERT INTO response_tallies (delay, dim, value, bin, day, n)
        SELECT ?, ?, ${dim}, ${responseBinSql(value)} AS bin, (${local} - ${msOfDay}) / ${DAY} AS day, count(*) FROM incidents WHERE ${rows} GROUP BY ${dim}, bin, day`, [delay, dim]);
    }
  }
}

/** Calls per local day and their incident's type, district and priority, duplicates left out (migration 016). */
async function rebuildCallTallies(tx: WriteTx, segments: readonly ZoneSegment[]): Promise<void> {
  await tx.run('DELETE FROM call_tallies');
  const local = await localTimeSql(tx, 'calls c', 'c.received_at', segments);
  if (!local) return;
  const msOfDay = `((${local} % ${DAY}) + ${DAY}) % ${DAY}`;
  await tx.run(`INSERT INTO call_tallies (day, type, district, priority, calls)
    SELECT (${local} - ${msOfDay}) / ${DAY} AS day, i.type, i.district, i.priority, count(*)
    FROM calls c JOIN incidents i ON i.id = c.incident_id WHERE ${countedSql('i.')} GROUP BY 1, 2, 3, 4`);
}

async function rebuildDailyCounts(tx: WriteTx, segments: readonly ZoneSegment[]): Promise<void> {
  await tx.run('DELETE FROM daily_counts');
  const local = await localTimeSql(tx, 'incidents', 'received_at', segments);
  if (!local) return;
  const msOfDay = `((${local} % ${DAY}) + ${DAY}) % ${DAY}`;
  await tx.run(`INSERT INTO daily_counts (day, type, district, priority, n, trapped, injured, dead, closed, cancelled, open, ${HOURS.map((h) => `h${h}`).join(', ')})
    SELECT day, type, district, priority, sum(n), sum(trapped), sum(injured), sum(dead), sum(closed), sum(cancelled), sum(open),
      ${HOURS.map((h) => `sum(CASE WHEN hour = ${h} THEN n ELSE 0 END)`).join(', ')}
    FROM (
      SELECT (${local} - ${msOfDay}) / ${DAY} AS day, ${msOfDay} / ${HOUR} AS hour, type, district, priority, count(*) AS n,
        sum(trapped) AS trapped, sum(injured) AS injured, sum(dead) AS dead, sum(status = 'closed') AS closed,
        sum(status = 'cancelled') AS cancelled, sum(${isOpenSql('status')}) AS open
      FROM incidents WHERE ${countedSql()} GROUP BY 1, 2, 3, 4, 5
    ) GROUP BY day, type, district, priority`);
}
