// Call logs as real dispatch systems export them (issue #20, #18 item 10): a fire department's
// unit-per-row log on a 12-hour clock, a 911 log with repeat calls, blank areas and titles by
// prefix, an older Arabic Excel file in Windows-1256, each also cut short. Every export is
// written here, and every figure is compared with a count the test makes on its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, afterEach } from 'vitest';
import { dateReader } from '../../../electron/core/import/dates';
import { decodeExport, importCsv, previewCsv } from '../../../electron/core/import/importCsv';
import { MappingError, parseMapping } from '../../../electron/core/import/mapping';
import { readCoordinates } from '../../../electron/core/import/rows';
import { count, openTestCore, type TestCore } from '../testCore';

let t: TestCore;
afterEach(async () => t?.close());

const operatorId = async () => (await t.call('session.current', {}))!.id;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Damascus is UTC+3 all year. */
const DAMASCUS = 3 * HOUR;

/** Everything an import could have written; equal before and after means nothing was. */
async function state(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['incidents', 'calls', 'assignments', 'operations', 'import_keys']) out[table] = await count(t, table);
  return out;
}

/** A wall time in Damascus as a 12-hour clock writes it: MM/DD/YYYY hh:mm:ss AM. */
function twelveHour(epoch: number): string {
  const d = new Date(epoch + DAMASCUS);
  const p = (n: number) => String(n).padStart(2, '0');
  const h = d.getUTCHours();
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(h % 12 || 12)}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

function mappingProblem(json: unknown): string {
  try {
    parseMapping(json);
  } catch (err) {
    expect(err).toBeInstanceOf(MappingError);
    return String((err as MappingError).params?.problems);
  }
  throw new Error('accepted');
}

describe('12-hour clocks', () => {
  it('reads hh with AM/PM or ص/م: 12 AM is midnight, 12 PM noon, and an hour past 12 is no time', () => {
    const read = dateReader('MM/DD/YYYY hh:mm A', 'UTC');
    expect(read('11/20/2026 12:05 AM')).toBe(Date.UTC(2026, 10, 20, 0, 5));
    expect(read('11/20/2026 12:05 PM')).toBe(Date.UTC(2026, 10, 20, 12, 5));
    expect(read('11/20/2026 01:30 pm')).toBe(Date.UTC(2026, 10, 20, 13, 30));
    expect(read('11/20/2026 1:30 p.m.')).toBe(Date.UTC(2026, 10, 20, 13, 30));
    expect(read('11/20/2026 11:59 AM')).toBe(Date.UTC(2026, 10, 20, 11, 59));
    expect(read('11/20/2026 13:30 PM')).toBeNull();
    expect(read('11/20/2026 00:30 AM')).toBeNull();
    expect(read('11/20/2026 01:30')).toBeNull();
    const arabic = dateReader('DD/MM/YYYY hh:mm A', 'Asia/Damascus');
    expect(arabic('٢٠/١١/٢٠٢٦ ٠٣:١٥ م')).toBe(Date.UTC(2026, 10, 20, 12, 15));
    expect(arabic('20/11/2026 03:15 ص')).toBe(Date.UTC(2026, 10, 20, 0, 15));
    expect(arabic('20/11/2026 03:15 مساءً')).toBe(Date.UTC(2026, 10, 20, 12, 15));
    // Literal letters in brackets.
    expect(dateReader('YYYY-MM-DD[T]HH:mm', 'UTC')('2026-11-20T08:00')).toBe(Date.UTC(2026, 10, 20, 8, 0));
  });

  it('refuses, when the mapping is read, a format with letters that are not tokens (a literal PM would store afternoons 12 hours early)', () => {
    const base = { columns: { received: 'R', type: 'T', district: 'D' } };
    expect(mappingProblem({ ...base, dateFormat: 'MM/DD/YYYY HH:mm PM' })).toMatch(/dateFormat: "P" is not a token/);
    expect(mappingProblem({ ...base, dateFormat: 'MM/DD/YYYY hh:mm' })).toMatch(/hh\) needs A/);
    expect(mappingProblem({ ...base, dateFormat: 'MM/DD/YYYY HH:mm A' })).toMatch(/dateFormat/);
    expect(mappingProblem({ ...base, dateFormat: 'DD/MM/YYYY HH:mm م' })).toMatch(/"م" is not a token/);
    expect(mappingProblem({ ...base, dateFormat: 'YYYY-MM-DDTHH:mm' })).toMatch(/"T" is not a token/);
    expect(parseMapping({ ...base, dateFormat: 'MM/DD/YYYY hh:mm:ss A' }).dateFormat).toBe('MM/DD/YYYY hh:mm:ss A');
  });
});

describe('coordinates as exports write them', () => {
  it('reads (lat, lon), lat lon, WKT POINT (lon lat) and degrees-minutes-seconds; refuses out-of-range values', () => {
    expect(readCoordinates('(35.52, 35.79)')).toEqual({ lat: 35.52, lon: 35.79 });
    expect(readCoordinates('35.52 35.79')).toEqual({ lat: 35.52, lon: 35.79 });
    expect(readCoordinates('POINT (35.79 35.52)')).toEqual({ lat: 35.52, lon: 35.79 });
    const dms = readCoordinates('35°31\'12"N 35°47\'24"E')!;
    expect([dms.lat, dms.lon].map((v) => v.toFixed(6))).toEqual(['35.520000', '35.790000']);
    expect(readCoordinates('(135.52, 35.79)')).toBeNull();
    expect(readCoordinates('POINT (35.79 95.52)')).toBeNull();
    expect(readCoordinates('POINT (east)')).toBeNull();
  });
});

// ── A fire department's log: one row per responding unit, 12-hour clock, (lat, lon) ─────────
const FIRE_HEADER = 'Incident Number,Received DtTm,Unit ID,Dispatch DtTm,Response DtTm,On Scene DtTm,Available DtTm,Call Type,Battalion,Address,case_location';
const FIRE_MAPPING = {
  columns: {
    incidentNumber: 'Incident Number', received: 'Received DtTm', unit: 'Unit ID', dispatched: 'Dispatch DtTm', enRoute: 'Response DtTm',
    onScene: 'On Scene DtTm', cleared: 'Available DtTm', type: 'Call Type', district: 'Battalion', location: 'Address', coordinates: 'case_location',
  },
  dateFormat: 'MM/DD/YYYY hh:mm:ss A', timeZone: 'Asia/Damascus', groupBy: 'Incident Number',
  values: { type: { 'Structure Fire': 'fire', 'Medical Incident': 'medical', 'Traffic Collision': 'road_accident' }, district: { B01: 'jableh', B02: 'latakia' } },
};
const UNITS = ['E1', 'M3', 'T5'];
const FIRE_TYPES = [['Structure Fire', 'fire'], ['Medical Incident', 'medical'], ['Traffic Collision', 'road_accident']] as const;

interface FireIncident { number: string; receivedAt: number; units: number; type: string; lat: number; lon: number; lines: number[] }

/** n incidents at every hour of the day, 1–3 units each; returns the CSV lines and what each incident is. */
function fireLog(n: number): { lines: string[]; incidents: FireIncident[] } {
  const lines = [FIRE_HEADER];
  const incidents: FireIncident[] = [];
  for (let i = 0; i < n; i++) {
    const receivedAt = Date.UTC(2026, 10, 1 + (i % 20), 0, 0) - DAMASCUS + ((i * 5) % 24) * HOUR + ((i * 7) % 60) * MINUTE;
    const units = 1 + (i % 3);
    const [title, type] = FIRE_TYPES[i % 3]!;
    const incident: FireIncident = { number: `F26-${String(i).padStart(4, '0')}`, receivedAt, units, type, lat: 35.5 + i / 1000, lon: 35.7 + i / 1000, lines: [] };
    for (let u = 0; u < units; u++) {
      const at = (min: number) => twelveHour(receivedAt + (min + u) * MINUTE);
      incident.lines.push(lines.length + 1);
      lines.push([incident.number, twelveHour(receivedAt), UNITS[u], at(1), at(2), at(8), at(40), title, i % 2 ? 'B02' : 'B01',
        `"${100 + i} Port St, Apt ${u}"`, `"(${incident.lat}, ${incident.lon})"`].join(','));
    }
    incidents.push(incident);
  }
  return { lines, incidents };
}

async function unitTeams(): Promise<Record<string, string>> {
  const { id: centreId } = await t.call('teams.saveCentre', { name: 'Jableh centre', district: 'jableh', covers: [] });
  const ids: Record<string, string> = {};
  for (const callSign of UNITS) ids[callSign] = (await t.call('teams.save', { callSign, kind: 'fire', centreId })).id;
  return ids;
}

interface StoredIncident {
  id: string; type: string; district: string; received_at: number; dispatched_at: number; on_scene_at: number; cleared_at: number; lat: number; lon: number;
}

describe('a unit-per-row log on a 12-hour clock', () => {
  it('imports every incident at the right hour of the day, each unit as an assignment, figures matching an independent count', async () => {
    t = await openTestCore();
    await unitTeams();
    const { lines, incidents } = fireLog(48);
    const result = await importCsv(t.core.context, await operatorId(), lines.join('\r\n'), parseMapping(FIRE_MAPPING));
    expect(result).toMatchObject({ imported: incidents.length, callsAdded: 0, skippedAsAlreadyImported: 0, warnings: [], rejected: [] });

    const stored = await t.core.store.reader.all<StoredIncident>('SELECT * FROM incidents ORDER BY received_at');
    const expected = [...incidents].sort((a, b) => a.receivedAt - b.receivedAt);
    expect(stored.map((r) => r.received_at)).toEqual(expected.map((i) => i.receivedAt));
    // Afternoon times were not stored 12 hours early: the hours of day agree one by one.
    const hourOf = (epoch: number) => new Date(epoch + DAMASCUS).getUTCHours();
    expect(stored.filter((r) => hourOf(r.received_at) >= 12)).toHaveLength(incidents.filter((i) => hourOf(i.receivedAt) >= 12).length);
    expect(stored.map((r) => [r.type, r.lat, r.lon, r.on_scene_at - r.received_at, r.cleared_at - r.received_at]))
      .toEqual(expected.map((i) => [i.type, i.lat, i.lon, 8 * MINUTE, (40 + i.units - 1) * MINUTE]));
    expect(await count(t, 'assignments')).toBe(incidents.reduce((n, i) => n + i.units, 0));
    // One call per incident: unit rows repeat the call, they are not calls of their own.
    expect(await count(t, 'calls')).toBe(incidents.length);
    expect((await t.core.store.reader.get<{ n: number }>("SELECT count(*) AS n FROM incidents WHERE district = 'latakia'"))!.n).toBe(incidents.length / 2);
  });

  it('previews the parsed times beside the cells as written', async () => {
    t = await openTestCore();
    const { lines, incidents } = fireLog(4);
    const before = await state();
    const preview = await previewCsv(t.core.context, lines.join('\n'), parseMapping(FIRE_MAPPING));
    const last = preview.incidents[3]!;
    expect(last.incident.receivedAt).toBe(incidents[3]!.receivedAt);
    expect(last.raw.received).toBe(twelveHour(incidents[3]!.receivedAt));
    expect(last.raw.received).toMatch(/ 03:21:00 PM$/);
    expect(new Date(last.incident.receivedAt).toISOString()).toMatch(/T12:21:00/);
    expect(last.raw.onScene).toBe(twelveHour(incidents[3]!.receivedAt + 8 * MINUTE));
    expect(last.incident.onSceneAt).toBe(incidents[3]!.receivedAt + 8 * MINUTE);
    expect(await state()).toEqual(before);
    expect(before.incidents).toBe(0);
  });

  it('keeps an incident whose one unit has contradicting times, without those times, and warns with its line', async () => {
    t = await openTestCore();
    const ids = await unitTeams();
    const { lines, incidents } = fireLog(3);
    const target = incidents[2]!; // three units
    const bad = target.lines[1]! - 1;
    const cells = lines[bad]!.split(',');
    [cells[4], cells[5]] = [cells[5]!, cells[4]!]; // on scene before en route
    lines[bad] = cells.join(',');
    const result = await importCsv(t.core.context, await operatorId(), lines.join('\n'), parseMapping(FIRE_MAPPING));
    expect(result).toMatchObject({ imported: 3, rejected: [] });
    expect(result.warnings).toEqual([{ line: target.lines[1], reason: 'import.unitTimesDropped', params: { column: 'On Scene DtTm', earlierColumn: 'Response DtTm' } }]);
    const units = await t.core.store.reader.all<{ team_id: string; en_route_at: number | null; on_scene_at: number | null }>(
      'SELECT a.team_id, a.en_route_at, a.on_scene_at FROM assignments a JOIN incidents i ON i.id = a.incident_id WHERE i.received_at = ? ORDER BY a.dispatched_at', [target.receivedAt]);
    expect(units).toEqual([
      { team_id: ids.E1, en_route_at: target.receivedAt + 2 * MINUTE, on_scene_at: target.receivedAt + 8 * MINUTE },
      { team_id: ids.M3, en_route_at: null, on_scene_at: null },
      { team_id: ids.T5, en_route_at: target.receivedAt + 4 * MINUTE, on_scene_at: target.receivedAt + 10 * MINUTE },
    ]);
  });
});

describe('a file cut short', () => {
  it('rejects a last row cut inside a quoted address with "the file ends inside a row", and its incident whole', async () => {
    t = await openTestCore();
    await unitTeams();
    const { lines, incidents } = fireLog(6);
    const text = lines.join('\n');
    const cut = text.slice(0, text.lastIndexOf(' Port St')); // inside the last row's quoted address
    const result = await importCsv(t.core.context, await operatorId(), cut, parseMapping(FIRE_MAPPING));
    const last = incidents[5]!; // three units: lines 11–13 of 13
    expect(result.imported).toBe(5);
    expect(result.rejected).toEqual([
      { line: last.lines[0], reason: 'import.groupRejected', params: { line: last.lines[2] } },
      { line: last.lines[1], reason: 'import.groupRejected', params: { line: last.lines[2] } },
      { line: last.lines[2], reason: 'import.endsInsideRow', params: { lines: 1 } },
    ]);
    expect(await count(t, 'assignments')).toBe(incidents.slice(0, 5).reduce((n, i) => n + i.units, 0));
  });

  it('rejects a last row with fewer fields than the header', async () => {
    t = await openTestCore();
    const { lines, incidents } = fireLog(4); // the last incident has one unit
    const text = lines.join('\n');
    const cut = text.slice(0, text.lastIndexOf(',"'));
    const result = await importCsv(t.core.context, await operatorId(), cut, parseMapping(FIRE_MAPPING));
    expect(result.imported).toBe(3);
    expect(result.rejected).toEqual([{ line: incidents[3]!.lines[0], reason: 'import.endsInsideRow', params: { lines: 1 } }]);
  });

  it('reports every line a quote left open swallowed (#18 item 10), and imports only what came before', async () => {
    t = await openTestCore();
    const rows = ['Call,Type,Area,Place'];
    for (let i = 0; i < 12; i++) rows.push(`2026-11-20 ${String(8 + i).padStart(2, '0')}:00,fire,Jableh,${i === 4 ? '"Souq, near the mosque' : `shop ${i}`}`);
    const mapping = parseMapping({ columns: { received: 'Call', type: 'Type', district: 'Area', location: 'Place' }, dateFormat: 'YYYY-MM-DD HH:mm' });
    const result = await importCsv(t.core.context, await operatorId(), `${rows.join('\n')}\n`, mapping);
    expect(result.imported).toBe(4);
    expect(result.rejected).toEqual([
      { line: 6, reason: 'import.endsInsideRow', params: { lines: 8 } },
      ...[7, 8, 9, 10, 11, 12, 13].map((line) => ({ line, reason: 'import.swallowedLine', params: { line: 6 } })),
    ]);
    expect(result.imported + result.rejected.length).toBe(rows.length - 1);
  });

  it('refuses an empty file and a header-only file with a clear error, writing nothing', async () => {
    t = await openTestCore();
    const mapping = parseMapping(FIRE_MAPPING);
    await importCsv(t.core.context, await operatorId(), fireLog(2).lines.join('\n'), mapping);
    const before = await state();
    for (const [text, code] of [['', 'import.emptyFile'], ['\uFEFF', 'import.emptyFile'], ['\r\n\r\n', 'import.emptyFile'], [`${FIRE_HEADER}\r\n`, 'import.noRows'], [`${FIRE_HEADER}\n,,,\n`, 'import.noRows']] as const) {
      await expect(importCsv(t.core.context, await operatorId(), text, mapping), JSON.stringify(text)).rejects.toMatchObject({ code });
      await expect(previewCsv(t.core.context, text, mapping)).rejects.toMatchObject({ code });
    }
    expect(await state()).toEqual(before);
  });
});

// ── A county 911 log: a row per call, repeat calls, blank areas, titles by prefix ───────────
const CALL_TITLES = [['EMS: CHEST PAIN', 'medical'], ['FIRE: BRUSH', 'fire'], ['EMS: FALL', 'medical'], ['TRAFFIC: HIT AND RUN', 'road_accident'], ['SUSPICIOUS PERSON', 'other']] as const;
const MAPPING_911 = {
  columns: { incidentNumber: 'CAD Number', received: 'Call Date Time', type: 'Call Title', district: 'Area', description: 'Remarks', priority: 'Priority' },
  dateFormat: 'YYYY-MM-DD HH:mm:ss', timeZone: 'Asia/Damascus',
  values: { type: { 'ems:*': 'medical', 'FIRE:*': 'fire', 'TRAFFIC: *': 'road_accident' } },
  defaults: { type: { unknown: 'other' }, district: 'latakia' },
};

interface Call911 { number: string; at: number; title: string; type: string; area: string; remark: string }

function log911(incidents: number): { lines: string[]; calls: Call911[] } {
  const calls: Call911[] = [];
  for (let k = 0; k < incidents; k++) {
    const first = Date.UTC(2026, 10, 3, 5, 0) + k * 37 * MINUTE;
    const [title, type] = CALL_TITLES[k % CALL_TITLES.length]!;
    for (let c = 0; c <= k % 3; c++) {
      calls.push({ number: `911-${k}`, at: first + c * 4 * MINUTE, title, type, area: k % 4 === 0 ? '' : 'Jableh', remark: `caller ${c + 1}: smoke seen` });
    }
  }
  // Sorted by call time as CAD exports are, so an incident's repeat calls are rows apart.
  calls.sort((a, b) => a.at - b.at);
  const wall = (epoch: number) => new Date(epoch + DAMASCUS).toISOString().slice(0, 19).replace('T', ' ');
  const lines = ['CAD Number,Call Date Time,Call Title,Area,Remarks,Priority', ...calls.map((c) => [c.number, wall(c.at), c.title, c.area, c.remark, '2'].join(','))];
  return { lines, calls };
}

describe('a 911 log with repeat calls', () => {
  it('makes repeat calls calls of their incident, gives blank areas and unlisted titles the defaults, and counts them', async () => {
    t = await openTestCore();
    const { lines, calls } = log911(20);
    // One row exported twice, identical in every mapped column: skipped as a duplicate.
    const duplicated = lines[7]!;
    const text = [...lines.slice(0, 9), duplicated, ...lines.slice(9)].join('\n');
    const result = await importCsv(t.core.context, await operatorId(), text, parseMapping(MAPPING_911));

    const numbers = [...new Set(calls.map((c) => c.number))];
    expect(result.imported).toBe(numbers.length);
    expect(result.rejected).toEqual([{ line: 10, reason: 'import.duplicateInFile', params: { line: 8 } }]);
    expect(await count(t, 'calls')).toBe(calls.length);
    // Each incident's calls at their own times and with their own words.
    const stored = await t.core.store.reader.all<{ received_at: number; description: string; type: string; district: string; call_at: number }>(
      'SELECT i.received_at, c.description, i.type, i.district, c.received_at AS call_at FROM calls c JOIN incidents i ON i.id = c.incident_id ORDER BY c.received_at');
    expect(stored.map((s) => [s.call_at, s.description, s.type, s.district])).toEqual(calls.map((c) => [c.at, c.remark, c.type, c.area === '' ? 'latakia' : 'jableh']));
    const firstCall = new Map<string, number>();
    for (const c of calls) if (!firstCall.has(c.number)) firstCall.set(c.number, c.at);
    expect(stored.map((s) => s.received_at)).toEqual(calls.map((c) => firstCall.get(c.number)));

    // The report counts the rows the defaults stood in for, by column and value.
    const rowsWith = (pick: (c: Call911) => boolean) => calls.filter(pick).length;
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings).toEqual(expect.arrayContaining([
      { line: calls.findIndex((c) => c.area === '') + 2, reason: 'import.defaultForEmpty', params: { column: 'Area', value: '', default: 'latakia', rows: rowsWith((c) => c.area === '') } },
      { line: expect.any(Number), reason: 'import.defaultForUnknown', params: { column: 'Call Title', value: 'SUSPICIOUS PERSON', default: 'other', rows: rowsWith((c) => c.title === 'SUSPICIOUS PERSON') } },
    ]));
  });

  it('adds the repeat calls of a grown export to the incidents already imported, and nothing the third time', async () => {
    t = await openTestCore();
    const operator = await operatorId();
    const { lines, calls } = log911(9);
    await importCsv(t.core.context, operator, lines.join('\n'), parseMapping(MAPPING_911));
    const numbers = new Set(calls.map((c) => c.number)).size;
    // The export a day later: a fourth call about 911-2 and a new incident.
    const grown = [...lines, '911-2,2026-11-03 11:30:00,FIRE: BRUSH,Jableh,caller 4: spreading,2', '911-99,2026-11-03 12:00:00,EMS: FALL,,elderly man,2'].join('\n');
    const second = await importCsv(t.core.context, operator, grown, parseMapping(MAPPING_911));
    expect(second).toMatchObject({ imported: 1, callsAdded: 1, skippedAsAlreadyImported: numbers, rejected: [] });
    expect(await count(t, 'calls')).toBe(calls.length + 2);
    expect(await count(t, 'incidents')).toBe(numbers + 1);
    const third = await importCsv(t.core.context, operator, grown, parseMapping(MAPPING_911));
    expect(third).toMatchObject({ imported: 0, callsAdded: 0, skippedAsAlreadyImported: numbers + 1 });
    expect(await count(t, 'calls')).toBe(calls.length + 2);
  });
});

// ── An older Arabic Excel file: Windows-1256, a 12-hour clock in Arabic ───────────────────────
/** Windows-1256 bytes of a text, from the decoder's own table. */
function windows1256(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1256');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Uint8Array.from([...text].map((ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`not in Windows-1256: ${ch}`);
    return b;
  }));
}

describe('an older Arabic Excel export', () => {
  const rows = (n: number) => ['رقم;التاريخ;النوع;المنطقة;العنوان', ...Array.from({ length: n }, (_, i) =>
    `${i + 1};${String(1 + (i % 18)).padStart(2, '0')}/11/2026 ${String((i % 12) + 1).padStart(2, '0')}:15 ${i % 2 ? 'م' : 'ص'};حريق;جبلة;"حي ${i + 1}؛ قرب الجامع"`)];
  const MAPPING = {
    columns: { incidentNumber: 'رقم', received: 'التاريخ', type: 'النوع', district: 'المنطقة', location: 'العنوان' },
    dateFormat: 'DD/MM/YYYY hh:mm A', timeZone: 'Asia/Damascus', encoding: 'windows-1256',
  };

  it('reads Windows-1256 with ص/م, every row at its hour, and rejects the row cut short', async () => {
    t = await openTestCore();
    const lines = rows(30);
    const bytes = windows1256(lines.join('\r\n'));
    const mapping = parseMapping(MAPPING);
    const result = await importCsv(t.core.context, await operatorId(), decodeExport(bytes, mapping), mapping);
    expect(result).toMatchObject({ imported: 30, rejected: [], warnings: [] });
    const stored = await t.core.store.reader.all<{ received_at: number; locality: string }>('SELECT received_at, locality FROM incidents');
    const expected = Array.from({ length: 30 }, (_, i) => Date.UTC(2026, 10, 1 + (i % 18), ((i % 12) + 1) % 12 + (i % 2 ? 12 : 0) - 3, 15)).sort((a, b) => a - b);
    expect(stored.map((r) => r.received_at).sort((a, b) => a - b)).toEqual(expected);
    expect(stored.filter((r) => r.locality === 'حي 7؛ قرب الجامع')).toHaveLength(1);

    // The same file cut inside its last quoted address.
    await t.close();
    t = await openTestCore();
    const cut = bytes.subarray(0, bytes.length - 8);
    const partial = await importCsv(t.core.context, await operatorId(), decodeExport(cut, mapping), mapping);
    expect(partial).toMatchObject({ imported: 29, rejected: [{ line: 31, reason: 'import.endsInsideRow', params: { lines: 1 } }] });
  });
});

describe('import edge cases (#18 item 10)', () => {
  it('warns when a mapped column name is in the header twice, naming the column read', async () => {
    t = await openTestCore();
    const csv = 'Time,Type,Area,Time\n2026-11-20 08:00,fire,Jableh,2026-11-20 09:00\n';
    const result = await importCsv(t.core.context, await operatorId(), csv, parseMapping({ columns: { received: 'Time', type: 'Type', district: 'Area' }, dateFormat: 'YYYY-MM-DD HH:mm', timeZone: 'UTC' }));
    expect(result.warnings).toEqual([{ line: 1, reason: 'import.duplicateColumn', params: { column: 'Time', used: 1, positions: '1, 4' } }]);
    expect((await t.core.store.reader.get<{ received_at: number }>('SELECT received_at FROM incidents'))!.received_at).toBe(Date.UTC(2026, 10, 20, 8, 0));
  });

  it('reads a UTF-16 file (with or without its byte-order mark), and refuses a broken one naming UTF-16', () => {
    const text = 'Call;Type;Area\r\n20/11/2026 08:00;حريق;جبلة\r\n';
    const mapping = parseMapping({ columns: { received: 'Call', type: 'Type', district: 'Area' }, dateFormat: 'DD/MM/YYYY HH:mm' });
    expect(decodeExport(Buffer.from(`\uFEFF${text}`, 'utf16le'), mapping)).toBe(text);
    expect(decodeExport(Buffer.from(text, 'utf16le'), mapping)).toBe(text);
    const be = Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
    expect(decodeExport(be, mapping)).toBe(text);
    const broken = Buffer.from(`\uFEFF${text}`, 'utf16le').subarray(0, 21);
    expect(() => decodeExport(broken, mapping)).toThrow(expect.objectContaining({ code: 'import.badEncoding', params: { encoding: 'UTF-16' } }));
  });
});

describe('the import-csv command on a new post in another zone', () => {
  it('creates the post in --time-zone, reads the 12-hour clock there, gives `stats --by total`, and leaves the data untouched on every error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-import-logs-'));
    try {
      const data = join(dir, 'data');
      const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args, '--data', data], { encoding: 'utf8', timeout: 120_000 });
      const file = (name: string, text: string) => {
        writeFileSync(join(dir, name), text);
        return join(dir, name);
      };
      const mapping = file('mapping.json', JSON.stringify({
        columns: { incidentNumber: 'No', received: 'Received', type: 'Type', district: 'Area' }, dateFormat: 'MM/DD/YYYY hh:mm A',
      }));
      const header = 'No,Received,Type,Area';
      const log = file('log.csv', [header, '1,11/20/2026 02:05 PM,fire,Jableh', '2,11/20/2026 12:10 AM,fire,Jableh', '3,11/20/2026 12:20 PM,medical,Latakia'].join('\r\n'));

      const first = cli('import-csv', log, '--mapping', mapping, '--post', 'DXB', '--time-zone', 'Asia/Dubai');
      expect(first.status, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ imported: 3, rejected: [], warnings: [] });
      const stats = cli('stats', '--from', '2026-11-20', '--to', '2026-11-20', '--by', 'total', '--by', 'hour', '--json');
      expect(stats.status, stats.stderr).toBe(0);
      const report = JSON.parse(stats.stdout) as { timeZone: string; total: { total: string; count: number }[]; hour: { hour: number; count: number }[] };
      expect(report.timeZone).toBe('Asia/Dubai');
      expect(report.total).toEqual([expect.objectContaining({ total: 'period', count: 3 })]);
      expect(report.hour.filter((h) => h.count > 0).map((h) => [h.hour, h.count])).toEqual([[0, 1], [12, 1], [14, 1]]);

      const before = cli('check');
      expect(before.status, before.stderr).toBe(0);
      const failures = [
        [cli('import-csv', join(dir, 'missing.csv'), '--mapping', mapping), /cannot read .*missing\.csv: no such file/],
        [cli('import-csv', log, '--mapping', join(dir, 'nope.json')), /cannot read .*nope\.json: no such file/],
        [cli('import-csv', file('empty.csv', ''), '--mapping', mapping), /The file is empty/],
        [cli('import-csv', file('header.csv', `${header}\r\n`), '--mapping', mapping), /a header but no rows/],
        [cli('import-csv', log, '--mapping', mapping, '--time-zone', 'Europe/Berlin'), /the post already exists \(DXB, Asia\/Dubai\)/],
        [cli('import-csv', log, '--mapping', mapping, '--post', 'LTK'), /the post already exists/],
      ] as const;
      for (const [run, message] of failures) {
        expect(run.status, run.stderr).toBe(1);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).not.toMatch(/ENOENT|at .*\.ts:/);
      }
      const after = cli('check');
      expect(JSON.parse(after.stdout)).toEqual(JSON.parse(before.stdout));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000); // eleven commands, each a process of its own: generous on a busy machine, never a measure
});

describe('big logs', () => {
  it('groups a unit-per-row log by incident holding only the incidents still open, with progress in rows', async () => {
    t = await openTestCore();
    await unitTeams();
    const { lines, incidents } = fireLog(2400);
    // Units of neighbouring incidents interleaved, as CAD exports sorted by unit time have them.
    const body = lines.slice(1);
    for (let k = 0; k + 3 < body.length; k += 4) [body[k + 1], body[k + 2]] = [body[k + 2]!, body[k + 1]!];
    const progress: { rows: number; maxOpenGroups: number }[] = [];
    const result = await importCsv(t.core.context, await operatorId(), [lines[0], ...body].join('\n'), parseMapping(FIRE_MAPPING), (p) => progress.push(p));
    expect(result).toMatchObject({ imported: incidents.length, rejected: [], warnings: [] });
    expect(await count(t, 'assignments')).toBe(body.length);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.map((p) => p.rows)).toEqual([...progress.map((p) => p.rows)].sort((a, b) => a - b));
    expect(progress.at(-1)!.rows).toBe(body.length);
    // Never more than a few incidents open at once, however long the file.
    expect(Math.max(...progress.map((p) => p.maxOpenGroups))).toBeLessThanOrEqual(3);
  }, 600_000);
});
