// Rows a console holds, written right after the migration that made their tables: building the
// schema of version N-1 step by step with these in it gives the upgrade tests a database as a
// Beacon of that version would have left it (a closed fire, an open flood, a duplicate call, teams
// out, sync state, a held operation, …). Plain SQL of each version's shape, not the services of
// today, whose statements expect the latest schema.
import type { Connection } from '../../../../electron/core/db/connection';

/** 2026-12-07 06:00 UTC: the morning the fixture's incidents come in. */
export const T0 = Date.UTC(2026, 11, 7, 6, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const HERE = 'c1a2b3d4';
export const THERE = 'f9e8d7c6';
const hlc = (wall: number, origin: string) => `${String(wall).padStart(15, '0')}-0000-${origin}`;

/** An operation from THERE that was held back (its row had not arrived) and later applied: in both tables at 003. */
export const APPLIED = { origin: THERE, seq: 4, hlc: hlc(T0 + 4 * MIN, THERE), value: '"dispatched"' };
/** One still held: its clock is a day ahead. */
export const HELD = { origin: THERE, seq: 6, hlc: hlc(T0 + DAY, THERE), value: '"closed"' };

/** Damascus, UTC+3 all year since 2022: one offset segment covering the whole rollup range. */
export const ZONE = { zone: 'Asia/Damascus', tzdata: '2025b', offsetMs: 3 * HOUR };
/** The fixture's day in the post's zone, as the rollups number days. */
export const LOCAL_DAY = Math.floor((T0 + ZONE.offsetMs) / DAY);

type Step = (db: Connection) => Promise<void>;

async function insert(db: Connection, table: string, rows: Record<string, string | number | null>[]): Promise<void> {
  for (const row of rows) {
    const columns = Object.keys(row);
    await db.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(row));
  }
}

const incident = (over: Record<string, string | number | null>) => ({
  number: '20261207-001', type: 'fire', priority: 1, status: 'received', district: 'DAM', subdistrict: 'DAM-MZ', locality: 'المزة',
  locality_key: 'المزه', landmark: 'قرب جامع الأكرم', lat: 33.5024, lon: 36.2461, description: 'دخان كثيف من الطابق الثالث',
  trapped: 0, injured: 0, dead: 0, received_at: T0, status_at: T0, dispatched_at: null, on_scene_at: null, cleared_at: null,
  closed_at: null, cancelled_at: null, cancel_reason: null, created_by: 'op-salma', ...over,
});

/** After migrations whose rollups start empty (rebuilt at the next open), the zone is set again as that open would. */
const zoneKnown: Step = (db) => db.run('UPDATE rollup_meta SET zone = ?, tzdata = ?', [ZONE.zone, ZONE.tzdata]).then(() => undefined);

export const ROWS: Record<number, Step> = {
  1: async (db) => {
    await insert(db, 'meta', [{ key: 'origin', value: HERE }, { key: 'post_code', value: 'DAM-01' }]);
    await insert(db, 'operators', [
      { id: 'op-salma', name: 'سلمى الحداد', name_key: 'سلمى الحداد', pin_hash: 'scrypt$16384$8$1$c2FsdA$aGFzaA', role: 'dispatcher', language: 'ar', disabled: 0, created_at: T0 - 30 * DAY },
      { id: 'op-omar', name: 'Omar Khalil', name_key: 'omar khalil', pin_hash: 'scrypt$16384$8$1$c2FsdB$aGFzaB', role: 'supervisor', language: 'en', disabled: 0, created_at: T0 - 30 * DAY },
    ]);
    await insert(db, 'incidents', [
      incident({ id: 'inc-fire', status: 'closed', trapped: 2, injured: 1, status_at: T0 + 2 * HOUR, dispatched_at: T0 + 3 * MIN,
        on_scene_at: T0 + 12 * MIN, cleared_at: T0 + 90 * MIN, closed_at: T0 + 2 * HOUR }),
      incident({ id: 'inc-flood', number: '20261207-002', type: 'flood', priority: 2, status: 'dispatched', district: 'RIF', subdistrict: null,
        locality: 'دوما', locality_key: 'دوما', landmark: null, lat: null, lon: null, description: 'Water entering basements on the main street',
        received_at: T0 + HOUR, status_at: T0 + HOUR + 5 * MIN, dispatched_at: T0 + HOUR + 5 * MIN }),
      incident({ id: 'inc-dup', number: '20261207-003', status: 'cancelled', received_at: T0 + 2 * MIN, status_at: T0 + 6 * MIN,
        cancelled_at: T0 + 6 * MIN, cancel_reason: 'duplicate', dispatched_at: T0 + 4 * MIN }),
      incident({ id: 'inc-gas', number: '20261207-004', type: 'gas_leak', priority: 3, district: 'DAM', received_at: T0 + 3 * HOUR, status_at: T0 + 3 * HOUR,
        description: 'رائحة غاز في المدخل' }),
    ]);
    await insert(db, 'calls', [
      { id: 'call-1', incident_id: 'inc-fire', received_at: T0, source: 'phone', caller_name: 'أحمد', caller_phone: '+963 944 123 456', description: 'حريق', trapped: 2, injured: 0, dead: 0, operator: 'op-salma' },
      { id: 'call-2', incident_id: 'inc-fire', received_at: T0 + MIN, source: 'radio', caller_name: null, caller_phone: null, description: 'Patrol confirms fire', trapped: 0, injured: 1, dead: 0, operator: 'op-salma' },
      { id: 'call-3', incident_id: 'inc-dup', received_at: T0 + 2 * MIN, source: 'phone', caller_name: 'Lina', caller_phone: '0944 555 010', description: 'Same fire', trapped: 0, injured: 0, dead: 0, operator: 'op-omar' },
      { id: 'call-4', incident_id: 'inc-flood', received_at: T0 + HOUR, source: 'phone', caller_name: null, caller_phone: null, description: null, trapped: 0, injured: 0, dead: 0, operator: 'op-omar' },
    ]);
    await insert(db, 'timeline_entries', [
      { id: 'tl-1', incident_id: 'inc-fire', at: T0 + 3 * MIN, kind: 'status', text: null, status: 'dispatched', cancel_reason: null, operator: 'op-salma', struck_reason: null, struck_at: null, struck_by: null },
      { id: 'tl-2', incident_id: 'inc-fire', at: T0 + 20 * MIN, kind: 'note', text: 'الدفاع المدني في الموقع', status: null, cancel_reason: null, operator: 'op-salma', struck_reason: null, struck_at: null, struck_by: null },
      { id: 'tl-3', incident_id: 'inc-dup', at: T0 + 6 * MIN, kind: 'status', text: null, status: 'cancelled', cancel_reason: 'duplicate', operator: 'op-omar', struck_reason: null, struck_at: null, struck_by: null },
      { id: 'tl-4', incident_id: 'inc-flood', at: T0 + HOUR + 9 * MIN, kind: 'note', text: 'Wrong street', status: null, cancel_reason: null, operator: 'op-omar', struck_reason: 'written on the wrong incident', struck_at: T0 + HOUR + 10 * MIN, struck_by: 'op-omar' },
    ]);
    await insert(db, 'operations', [
      { origin: HERE, seq: 1, hlc: hlc(T0, HERE), entity: 'incident', row_id: 'inc-fire', field: 'type', value: '"fire"', operator: 'op-salma' },
      { origin: HERE, seq: 2, hlc: hlc(T0 + 2 * HOUR, HERE), entity: 'incident', row_id: 'inc-fire', field: 'status', value: '"closed"', operator: 'op-salma' },
      { origin: THERE, seq: 3, hlc: hlc(T0 + HOUR, THERE), entity: 'incident', row_id: 'inc-flood', field: 'type', value: '"flood"', operator: 'op-omar' },
      { ...APPLIED, entity: 'incident', row_id: 'inc-flood', field: 'status', operator: 'op-omar' },
    ]);
    await insert(db, 'version_vector', [{ origin: HERE, seq: 2 }, { origin: THERE, seq: 5 }]);
    await insert(db, 'counters', [{ key: 'incident-number:2026-12-07', value: 4 }]);
  },
  2: async (db) => {
    await insert(db, 'centres', [{ id: 'cen-mezzeh', name: 'مركز المزة', district: 'DAM', covers: '["DAM","RIF"]' }]);
    await insert(db, 'teams', [
      { id: 'team-f12', call_sign: 'FIRE-12', call_sign_key: 'fire-12', kind: 'fire', centre_id: 'cen-mezzeh', vehicle: 'Engine 4', radio_channel: '7', status: 'available', status_at: T0 + 90 * MIN, retired: 0 },
      { id: 'team-r3', call_sign: 'RESC-3', call_sign_key: 'resc-3', kind: 'rescue', centre_id: 'cen-mezzeh', vehicle: null, radio_channel: '9', status: 'en_route', status_at: T0 + HOUR + 5 * MIN, retired: 0 },
    ]);
    await insert(db, 'volunteers', [
      { id: 'vol-1', name: 'يوسف درويش', name_key: 'يوسف درويش', role: 'driver', phone: '+963 933 000 111', centre_id: 'cen-mezzeh', qualifications: 'first aid', retired: 0 },
      { id: 'vol-2', name: 'Maya Saleh', name_key: 'maya saleh', role: 'paramedic', phone: null, centre_id: 'cen-mezzeh', qualifications: null, retired: 0 },
    ]);
    await insert(db, 'roster_entries', [
      { id: 'ros-1', volunteer_id: 'vol-1', team_id: 'team-f12', check_in_at: T0 - HOUR, check_out_at: null },
      { id: 'ros-2', volunteer_id: 'vol-2', team_id: 'team-r3', check_in_at: T0 - 10 * HOUR, check_out_at: T0 - 2 * HOUR },
    ]);
    await insert(db, 'assignments', [
      { id: 'asg-1', incident_id: 'inc-fire', team_id: 'team-f12', dispatched_at: T0 + 3 * MIN, en_route_at: T0 + 4 * MIN, on_scene_at: T0 + 12 * MIN, cleared_at: T0 + 90 * MIN, ended_reason: 'cleared', operator: 'op-salma' },
      { id: 'asg-2', incident_id: 'inc-flood', team_id: 'team-r3', dispatched_at: T0 + HOUR + 5 * MIN, en_route_at: null, on_scene_at: null, cleared_at: null, ended_reason: null, operator: 'op-omar' },
      { id: 'asg-3', incident_id: 'inc-dup', team_id: 'team-r3', dispatched_at: T0 + 4 * MIN, en_route_at: null, on_scene_at: null, cleared_at: T0 + 6 * MIN, ended_reason: 'cancelled', operator: 'op-omar' },
    ]);
  },
  3: async (db) => {
    const operation = (op: typeof APPLIED) => JSON.stringify({ origin: op.origin, seq: op.seq, hlc: op.hlc, entity: 'incident', rowId: 'inc-flood', field: 'status', value: op.value });
    await insert(db, 'quarantine', [
      { origin: APPLIED.origin, seq: APPLIED.seq, received_at: T0 + 5 * MIN, reason: 'missingRow', operation: operation(APPLIED) },
      { origin: HELD.origin, seq: HELD.seq, received_at: T0 + 2 * HOUR, reason: 'clockAhead', operation: operation(HELD) },
    ]);
  },
  5: (db) => insert(db, 'sign_in_failures', [{ name_key: 'omar khalil', failures: 3, locked_until: T0 + 5 * MIN }]),
  6: (db) => insert(db, 'import_keys', [{ key: 'sha256:4f1c…:row-17', incident_id: 'inc-gas' }]),
  7: (db) => insert(db, 'handover_notes', [{ id: 'hn-1', shift_start: T0 - 6 * HOUR, text: 'الفريق RESC-3 ما زال في دوما', operator: 'op-omar', written_at: T0 + 110 * MIN }]),
  9: async (db) => {
    await insert(db, 'zone_offsets', [{ start_ms: Date.UTC(1970, 0, 1), offset_ms: ZONE.offsetMs }]);
    await zoneKnown(db);
    // Written once the zone is known: the rollup triggers count it.
    await insert(db, 'incidents', [incident({ id: 'inc-rescue', number: '20261207-005', type: 'rescue', priority: 1, district: 'RIF', received_at: T0 + 4 * HOUR, status_at: T0 + 4 * HOUR })]);
  },
  11: (db) => insert(db, 'post_settings', [{ id: 'post:DAM-01', shift_starts: '[480,1200]', language: 'ar', digits: 'arab' }]),
  12: zoneKnown,
  13: zoneKnown,
  14: zoneKnown,
  16: zoneKnown,
  17: zoneKnown,
  18: zoneKnown,
  21: (db) => insert(db, 'operations', [{ origin: HERE, seq: 3, hlc: hlc(T0 + 5 * HOUR, HERE), entity: 'incident', row_id: 'inc-gas', field: 'priority', value: '2', operator: 'op-salma', prev: `${HERE}:1` }]),
  22: (db) => insert(db, 'alerts', [{
    id: 'alert-1', incident_id: 'inc-flood', thread_id: 'alert-1', msg_type: 'Alert', identifier: 'DAM-01-20261207-1', sender: 'dam-01@beacon', sent: T0 + 2 * HOUR,
    sent_text: '2026-12-07T11:00:00+03:00', references_text: null, event: 'Flood', response_type: 'Avoid', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed',
    instruction_ar: 'ابتعدوا عن الأقبية', instruction_en: 'Keep out of basements', area_kind: 'district', district: 'RIF', lat: null, lon: null, radius_km: null,
    expires: T0 + 8 * HOUR, expires_text: '2026-12-07T17:00:00+03:00', note: null, operator: 'op-omar',
  }]),
};
