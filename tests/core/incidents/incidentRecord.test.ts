import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { incidentChanges } from '../../../shared/api/schemas';
import {
  EDITABLE_FIELDS, INCIDENT, INCIDENT_COLUMNS, fieldsOfRow, type EditableField, type IncidentRow, type IncidentValue,
} from '../../../shared/records/incident';
import { ENTITIES } from '../../../electron/core/oplog/entities';
import { seedIncidents } from '../../../electron/core/demo/seed';
import { intake, openTestCore, type TestCore } from '../testCore';

let t: TestCore;
afterEach(async () => t?.close());

/** Values an edit sets, different from what `intake()` gives. */
const KNOWN: Partial<{ [F in EditableField]: IncidentValue<F> }> = {
  type: 'flood', priority: 3, district: 'jableh', subdistrict: 'jableh-center', locality: 'الرميلة', landmark: 'by the bakery',
  lat: 35.3609, lon: 35.9251, description: 'water rising in the street', trapped: 4, injured: 5, dead: 6,
};

/** A value for every editable field: a field added to the description later gets the first its rule accepts. */
const EDITED = Object.fromEntries(EDITABLE_FIELDS.map((field) => {
  const rule = INCIDENT[field].rule as z.ZodType;
  const choices: unknown[] = [...('options' in rule && Array.isArray(rule.options) ? rule.options : []), 'edited by the test', 7, 0.5];
  return [field, field in KNOWN ? KNOWN[field] : choices.find((value) => rule.safeParse(value).success)];
})) as { [F in EditableField]: IncidentValue<F> };

describe('the incident, described once (shared/records/incident.ts)', () => {
  it('lists exactly the columns of the migrated incidents table, with their SQLite types and nullability', async () => {
    t = await openTestCore();
    const table = await t.core.store.reader.all<{ name: string; type: string; notnull: number }>('PRAGMA table_info(incidents)');
    // Columns kept beside a field for search (ENTITIES' derived) are the core's, not the record's.
    const derived = Object.values(ENTITIES.incident.derived).flatMap((derive) => Object.keys(derive(null)));
    // In any order: a migration appends a column, the description puts it where the form shows it.
    expect(table.map((c) => c.name).filter((name) => !derived.includes(name)).sort()).toEqual([...INCIDENT_COLUMNS].sort());
    for (const spec of Object.values(INCIDENT)) {
      const column = table.find((c) => c.name === spec.column);
      expect({ column: spec.column, type: column?.type, notNull: column?.notnull === 1 }).toEqual({ column: spec.column, type: spec.sql, notNull: !spec.nullable });
    }
  });

  it('takes every editable field through incidents.update, dropping none', async () => {
    t = await openTestCore();
    expect(Object.keys(incidentChanges.shape).sort()).toEqual([...EDITABLE_FIELDS].sort());
    for (const field of EDITABLE_FIELDS) expect(EDITED[field], `a value its rule accepts for ${field}`).toBeDefined();
    const { incidentId: id } = await t.call('incidents.log', intake());
    const before = await t.core.store.reader.get<{ n: number }>('SELECT count(*) AS n FROM operations');

    const detail = await t.call('incidents.update', { id, changes: EDITED });

    expect(detail).toMatchObject(EDITED);
    const row = await t.core.store.reader.get<IncidentRow>('SELECT * FROM incidents WHERE id = ?', [id]);
    expect(fieldsOfRow(row!)).toMatchObject(EDITED);
    // One operation per field, each naming its field: none merged away, none left out.
    const fields = await t.core.store.reader.all<{ field: string }>('SELECT field FROM operations ORDER BY seq LIMIT -1 OFFSET ?', [before?.n ?? 0]);
    expect(fields.map((f) => f.field).sort()).toEqual([...EDITABLE_FIELDS].sort());
  });

  it('refuses coordinates given half', async () => {
    t = await openTestCore();
    const { incidentId: id } = await t.call('incidents.log', intake());
    const edit = await t.core.invoke(t.session, 'incidents.update', { id, changes: { lat: 35.5 } });
    expect(edit).toMatchObject({ ok: false, error: { code: 'error.invalidInput', fields: { 'changes.lat': 'validation.coordinates' } } });
    const log = await t.core.invoke(t.session, 'incidents.log', intake({ location: { district: 'latakia', lon: 35.8 } }));
    expect(log).toMatchObject({ ok: false, error: { code: 'error.invalidInput', fields: { 'location.lat': 'validation.coordinates' } } });
  });

  it('hands out incidents as the table holds them, seeded ones too (times not whole milliseconds)', async () => {
    t = await openTestCore();
    const operatorId = (await t.call('session.current', {}))!.id;
    await seedIncidents(t.core.context, operatorId, { count: 40, days: 5, seed: 22 });
    const { rows } = await t.call('incidents.queue', { queue: 'active' });
    const stored = await t.core.store.reader.all<{ id: string }>('SELECT id FROM incidents WHERE dispatched_at <> round(dispatched_at) LIMIT 5');
    expect(stored.length).toBeGreaterThan(0);
    for (const { id } of [...stored, ...rows.slice(0, 5)]) expect((await t.call('incidents.get', { id })).id).toBe(id);
  });
});
