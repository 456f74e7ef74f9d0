// Reads behind the queues, the incident view and duplicate detection. Each query is served
// by an index declared in the migration that made its table.
import type { z } from 'zod';
import type { DuplicateCandidate, IncidentDetail, QueueResult, QueueRow } from '../../../shared/api';
import { QUEUE_STATUSES } from '../../../shared/domain';
import { distanceMeters } from '../../../shared/geo';
import { INCIDENT_COLUMN, QUEUE_FIELDS, type QueueField } from '../../../shared/records/incident';
import { normalizeForSearch } from '../../../shared/text/search';
import { DomainError } from '../base/errors';
import { QUEUE_PAGE, type duplicateQuery, type queueQuery } from '../../../shared/api/schemas';
import { assignmentTimeline, incidentAssignments, responseTimes, toAssignmentView } from '../dispatch/assignments';
import { assembleTimeline, type StatusOperation } from '../timeline/incidentTimeline';
import type { SqlValue } from '../db/connection';
import type { UntilChanged } from '../db/untilChanged';
import {
  INCIDENT_COLUMNS, toCallView, toIncidentDetail, toTimelineEntry,
  type CallRow, type IncidentRow, type TimelineRow,
} from './incidentRows';
import type { Reader } from '../base/handles';

/** The Reader's old name (base/handles.ts), kept for those who import it from here. */
export type { Queryable } from '../db/connection';

/** What a queue is asked for: the channel's own input. */
export type QueueFilter = z.output<typeof queueQuery>;

/**
 * A queue row as the API gives it, put together by SQLite as one JSON text: the sqlite3
 * package then hands over one value per row instead of sixteen, which was half the time of
 * a page at a million incidents.
 */
const QUEUE_ROW: Record<keyof QueueRow, string> = {
  id: 'i.id',
  ...(Object.fromEntries(QUEUE_FIELDS.map((field) => [field, `i.${INCIDENT_COLUMN[field]}`])) as Record<QueueField, string>),
  callCount: '(SELECT count(*) FROM calls c WHERE c.incident_id = i.id)',
};
const QUEUE_ROW_JSON = `json_object(${Object.entries(QUEUE_ROW).map(([key, sql]) => `'${key}', ${sql}`).join(', ')})`;

/** The SQL behind one queue: exported so the benchmark runs exactly this in the sqlite3 shell. */
export function queueSql(filter: QueueFilter): { sql: string; params: SqlValue[] } {
  const statuses = QUEUE_STATUSES[filter.queue];
  const where = [`status IN (${statuses.map(() => '?').join(', ')})`];
  const params: SqlValue[] = [...statuses];
  if (filter.district) { where.push('district = ?'); params.push(filter.district); }
  if (filter.type) { where.push('type = ?'); params.push(filter.type); }
  if (filter.priority) { where.push('priority = ?'); params.push(filter.priority); }
  // The page is chosen from the queue index alone (migration 015), then only its rows are
  // loaded and their calls counted.
  return {
    sql: `SELECT ${QUEUE_ROW_JSON} AS row
       FROM (SELECT rowid AS r FROM incidents INDEXED BY incidents_queue WHERE ${where.join(' AND ')}
             ORDER BY priority, received_at, number LIMIT ? OFFSET ?) page
       JOIN incidents i ON i.rowid = page.r
      ORDER BY i.priority, i.received_at, i.number`,
    params: [...params, filter.limit ?? QUEUE_PAGE, filter.offset ?? 0],
  };
}

/**
 * One page of a queue, ordered by priority then waiting time, with the counts of all three.
 * Paged because a flare-up puts thousands in a queue and the screen draws a few dozen. The
 * counts are the same for every page until something changes: kept in `untilChanged`.
 */
export async function queue(db: Reader, filter: QueueFilter, untilChanged?: UntilChanged): Promise<QueueResult> {
  const { sql, params } = queueSql(filter);
  const count = () => queueCounts(db, filter);
  const key = `queue counts ${filter.district ?? ''} ${filter.type ?? ''} ${filter.priority ?? ''}`;
  const [rows, counts] = await Promise.all([db.all<{ row: string }>(sql, params), untilChanged ? untilChanged.get(key, count) : count()]);
  // The shape is QUEUE_ROW's, checked against the contract by the tests' checked outputs.
  return { rows: rows.map((r) => JSON.parse(r.row) as QueueRow), offset: filter.offset ?? 0, total: counts[filter.queue], counts };
}

/** Counts per queue under the same district/type/priority filters. */
async function queueCounts(db: Reader, filter: Omit<QueueFilter, 'queue'>): Promise<QueueResult['counts']> {
  const where = ["status IN ('received', 'dispatched', 'on_scene', 'cleared')"];
  const params: SqlValue[] = [];
  if (filter.district) { where.push('district = ?'); params.push(filter.district); }
  if (filter.type) { where.push('type = ?'); params.push(filter.type); }
  if (filter.priority) { where.push('priority = ?'); params.push(filter.priority); }
  const rows = await db.all<{ status: string; n: number }>(
    `SELECT status, count(*) AS n FROM incidents WHERE ${where.join(' AND ')} GROUP BY status`, params);
  const n = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  return { waiting: n('received'), active: n('dispatched') + n('on_scene'), closure: n('cleared') };
}

export async function incidentDetail(db: Reader, id: string): Promise<IncidentDetail> {
  const row = await db.get<IncidentRow & { created_by_name: string | null }>(
    `SELECT ${INCIDENT_COLUMNS}, o.name AS created_by_name FROM incidents i LEFT JOIN operators o ON o.id = i.created_by WHERE i.id = ?`,
    [id],
  );
  if (!row) throw new DomainError('error.incidentNotFound');
  const calls = await db.all<CallRow>(
    `SELECT c.id, c.incident_id, c.received_at, c.source, c.caller_name, c.caller_phone, c.description,
            c.trapped, c.injured, c.dead, o.name AS operator_name
       FROM calls c LEFT JOIN operators o ON o.id = c.operator WHERE c.incident_id = ? ORDER BY c.received_at, c.rowid`,
    [id],
  );
  const notes = await db.all<TimelineRow>(
    `SELECT t.id, t.incident_id, t.at, t.kind, t.text, t.status, t.cancel_reason, o.name AS operator_name,
            t.struck_reason, t.struck_at, s.name AS struck_by_name
       FROM timeline_entries t LEFT JOIN operators o ON o.id = t.operator LEFT JOIN operators s ON s.id = t.struck_by
      WHERE t.incident_id = ? ORDER BY t.at, t.rowid`,
    [id],
  );
  const statusOperations = await db.all<StatusOperation>(
    `SELECT p.field, p.value, o.name AS operator_name FROM operations p LEFT JOIN operators o ON o.id = p.operator
      WHERE p.row_id = ? AND p.field = 'status' ORDER BY p.hlc`,
    [id],
  );
  const callViews = calls.map(toCallView);
  const assignments = await incidentAssignments(db, id);
  const timeline = assembleTimeline(row, row.created_by_name ?? '', statusOperations, callViews,
    [...notes.map(toTimelineEntry), ...assignmentTimeline(id, assignments)]);
  return toIncidentDetail(row, callViews, timeline, assignments.map(toAssignmentView), responseTimes(row));
}

export type DuplicateQuery = z.output<typeof duplicateQuery>;

export const DUPLICATE_LIMIT = 10;

/**
 * Open incidents of the last `windowMs` at the same district and village, or with
 * coordinates within `radiusM`: most likely the same scene reported again.
 */
export async function findDuplicates(
  db: Reader,
  query: DuplicateQuery,
  windowMs: number,
  radiusM: number,
): Promise<DuplicateCandidate[]> {
  const localityKey = query.locality ? normalizeForSearch(query.locality) : '';
  if (!localityKey && !query.coordinates) return [];
  const rows = await db.all<IncidentRow & { locality_key: string | null; call_count: number }>(
    `SELECT ${INCIDENT_COLUMNS}, i.locality_key, (SELECT count(*) FROM calls c WHERE c.incident_id = i.id) AS call_count
       FROM incidents i
      WHERE i.received_at BETWEEN ? AND ?
        AND i.status IN ('received', 'dispatched', 'on_scene', 'cleared')
        AND (i.district = ? OR i.lat IS NOT NULL)`,
    [query.receivedAt - windowMs, query.receivedAt + windowMs, query.district],
  );
  const candidates: DuplicateCandidate[] = [];
  for (const row of rows) {
    const distanceM = query.coordinates && row.lat !== null && row.lon !== null
      ? distanceMeters(query.coordinates, { lat: row.lat, lon: row.lon })
      : null;
    const samePlace = row.district === query.district && localityKey !== '' && row.locality_key === localityKey;
    const near = distanceM !== null && distanceM <= radiusM;
    if (!samePlace && !near) continue;
    candidates.push({
      id: row.id, number: row.number, type: row.type, priority: row.priority, status: row.status,
      district: row.district, locality: row.locality, landmark: row.landmark, receivedAt: row.received_at,
      distanceM: distanceM === null ? null : Math.round(distanceM), callCount: row.call_count,
    });
  }
  // Nearest first when coordinates are known, then the most recent.
  candidates.sort((a, b) => (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity) || b.receivedAt - a.receivedAt);
  return candidates.slice(0, DUPLICATE_LIMIT);
}
