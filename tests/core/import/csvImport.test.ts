// CSV import of other systems' call logs, with exports shaped as they arrive from the field:
// Excel's BOM and semicolons, Arabic headers and names, quoted line breaks, local wall times,
// one row per responding unit. Everything lands through the operation log of a real core.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '../../../electron/core/import/csv';
import { importCsv, previewCsv } from '../../../electron/core/import/importCsv';
import { MappingError, parseMapping } from '../../../electron/core/import/mapping';
import { count, openTestCore, type TestCore } from '../testCore';

let t: TestCore;
afterEach(async () => t?.close());

/** Epoch of a wall time in Damascus (UTC+3 all year). */
const damascus = (y: number, mo: number, d: number, h: number, mi: number) => Date.UTC(y, mo - 1, d, h - 3, mi);

async function operatorId(): Promise<string> {
  return (await t.call('session.current', {}))!.id;
}

interface IncidentRow {
  id: string; number: string; type: string; priority: number; status: string; district: string; locality: string | null;
  landmark: string | null; description: string | null; lat: number | null; lon: number | null; injured: number; dead: number;
  received_at: number; dispatched_at: number | null; on_scene_at: number | null; cleared_at: number | null; closed_at: number | null;
}

const incidents = () => t.core.store.reader.all<IncidentRow>('SELECT * FROM incidents ORDER BY received_at');

describe('the CSV reader', () => {
  it('reads quoted delimiters, doubled quotes and line breaks, and reports the line each record starts on', () => {
    const text = 'a,b\r\n"x, y","he said ""hi"""\r\n\r\n"multi\r\nline",z\rlast,row\nend,';
    expect([...parseCsv(text)]).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'he said "hi"'] },
      { line: 4, fields: ['multi\nline', 'z'] },
      { line: 6, fields: ['last', 'row'] },
      { line: 7, fields: ['end', ''] },
    ]);
  });

  it('strips the BOM, finds the delimiter on the header line, and skips rows of empty cells', () => {
    expect(detectDelimiter('\uFEFFa;b;"c,d,e"\n1,2')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
    expect([...parseCsv('\uFEFFname;"c,d"\n;;\n  \nx;y')]).toEqual([
      { line: 1, fields: ['name', 'c,d'] },
      { line: 4, fields: ['x', 'y'] },
    ]);
  });

  it('marks a quote left open at the end of the file', () => {
    expect([...parseCsv('a,b\n1,"oops\n2,3')]).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'oops\n2,3'], unterminated: true, endLine: 3 },
    ]);
  });
});

describe('the mapping file', () => {
  it('needs the received, type and district columns and a date format it can read', () => {
    const bad = (json: unknown) => {
      try {
        parseMapping(json);
      } catch (err) {
        expect(err).toBeInstanceOf(MappingError);
        return String((err as MappingError).params?.problems);
      }
      throw new Error('accepted');
    };
    expect(bad({ columns: { type: 'T', district: 'D' }, dateFormat: 'iso' })).toMatch(/columns\.received/);
    expect(bad({ columns: { received: 'R', type: 'T', district: 'D' }, dateFormat: 'MM/YYYY' })).toMatch(/dateFormat/);
    expect(bad({ columns: { received: 'R', type: 'T', district: 'D' }, dateFormat: 'iso', timeZone: 'Mars/Olympus' })).toMatch(/timeZone/);
    expect(bad({ columns: { received: 'R', type: 'T', district: 'D' }, dateFormat: 'iso', values: { district: { Aleppo: 'aleppo' } } })).toMatch(/values\.district\.Aleppo/);
    expect(bad({ columns: { received: 'R', type: 'T', district: 'D', colour: 'C' }, dateFormat: 'iso' })).toMatch(/colour/);
    expect(parseMapping({ columns: { received: ['Date', 'Time'], type: 'T', district: 'D' }, dateFormat: 'DD/MM/YYYY HH:mm' }).callSource).toBe('phone');
  });

  it('refuses the whole file when a mapped column is not in its header, before writing anything', async () => {
    t = await openTestCore();
    const mapping = parseMapping({ columns: { received: 'Call Time', type: 'Type', district: 'Area' }, dateFormat: 'iso' });
    await expect(importCsv(t.core.context, await operatorId(), 'Call time,Kind,Area\n2026-11-20T08:00:00Z,fire,jableh', mapping))
      .rejects.toMatchObject({ code: 'import.unknownColumn', params: { column: 'Type' } });
    expect(await count(t, 'incidents')).toBe(0);
  });
});

// An Arabic Excel export: BOM, `;`, CRLF, a description with a line break and quotes, a blank
// line, then three bad rows among good ones, and a last row with Arabic-Indic digits.
const ARABIC_EXPORT = [
  '\uFEFFرقم;وقت البلاغ;وقت الإرسال;وقت الوصول;النوع;المنطقة;الموقع;الوصف;جرحى;وفيات',
  '1;24/11/2026 08:15;24/11/2026 08:20;24/11/2026 08:41;انهيار مبنى;جبلة;"حي الفيض; قرب الجامع";"سقوط سقف',
  'عالقون تحت الأنقاض ""ثلاثة"" أشخاص";2;0',
  '2;23/11/2026 22:05;23/11/2026 22:07;;حريق;اللاذقيه;الرمل الجنوبي;;0;0',
  '',
  '3;31/11/2026 10:00;;;حريق;اللاذقية;;;0;0',
  '4;22/11/2026 14:00;;;حريق;حلب;;;0;0',
  '5;22/11/2026 14:00;22/11/2026 13:50;;حريق;جبلة;;;0;0',
  '6;22/11/2026 15:00;;;قذيفة;الحفة;;;0;1',
  '7;٢٠/١١/٢٠٢٦ ٠٩:٣٠;;;Road accident;Al-Haffah;;;١;0',
].join('\r\n');

const ARABIC_MAPPING = {
  columns: {
    incidentNumber: 'رقم', received: 'وقت البلاغ', dispatched: 'وقت الإرسال', onScene: 'وقت الوصول', type: 'النوع',
    district: 'المنطقة', location: 'الموقع', description: 'الوصف', injured: 'جرحى', dead: 'وفيات',
  },
  dateFormat: 'DD/MM/YYYY HH:mm',
  values: { type: { 'قذيفة': 'explosion' } },
};

describe('importing a call log', () => {
  it('imports the good rows of an Arabic export and rejects the others with their line and reason', async () => {
    t = await openTestCore();
    const result = await importCsv(t.core.context, await operatorId(), ARABIC_EXPORT, parseMapping(ARABIC_MAPPING));

    expect(result.imported).toBe(4);
    expect(result.skippedAsAlreadyImported).toBe(0);
    expect(result.rejected).toEqual([
      { line: 6, reason: 'import.badDate', params: { column: 'وقت البلاغ', value: '31/11/2026 10:00' } },
      { line: 7, reason: 'import.unknownDistrict', params: { value: 'حلب' } },
      { line: 8, reason: 'import.timesOutOfOrder', params: { column: 'وقت الإرسال', earlierColumn: 'وقت البلاغ' } },
    ]);

    const rows = await incidents();
    expect(rows.map((r) => [r.received_at, r.type, r.district])).toEqual([
      [damascus(2026, 11, 20, 9, 30), 'road_accident', 'al-haffah'],
      [damascus(2026, 11, 22, 15, 0), 'explosion', 'al-haffah'],
      [damascus(2026, 11, 23, 22, 5), 'fire', 'latakia'],
      [damascus(2026, 11, 24, 8, 15), 'building_collapse', 'jableh'],
    ]);
    const collapse = rows[3]!;
    expect(collapse).toMatchObject({
      locality: 'حي الفيض; قرب الجامع', injured: 2, priority: 2, status: 'closed',
      dispatched_at: damascus(2026, 11, 24, 8, 20), on_scene_at: damascus(2026, 11, 24, 8, 41), closed_at: damascus(2026, 11, 24, 8, 41),
    });
    expect(collapse.description).toBe('سقوط سقف\nعالقون تحت الأنقاض "ثلاثة" أشخاص\nرقم: 1');
    expect(collapse.number).toBe('LTK-261124-A001');
    expect(rows[0]!.injured).toBe(1);
    // As ordinary operations, each with its call, and nothing left waiting in today's queues.
    expect(await count(t, 'calls')).toBe(4);
    expect(await t.core.store.reader.get<{ n: number }>("SELECT count(*) AS n FROM operations WHERE entity = 'incident'")).toEqual({ n: 4 });
    expect((await t.call('incidents.queue', { queue: 'waiting' })).counts).toMatchObject({ waiting: 0, active: 0, closure: 0 });
  });

  it('imports nothing the second time, and only the new rows when the export has grown', async () => {
    t = await openTestCore();
    const operator = await operatorId();
    const mapping = parseMapping(ARABIC_MAPPING);
    await importCsv(t.core.context, operator, ARABIC_EXPORT, mapping);
    const again = await importCsv(t.core.context, operator, ARABIC_EXPORT, mapping);
    expect(again).toMatchObject({ imported: 0, skippedAsAlreadyImported: 4 });
    expect(again.rejected).toHaveLength(3);
    const grown = await importCsv(t.core.context, operator, `${ARABIC_EXPORT}\r\n8;21/11/2026 11:00;;;حريق;جبلة;;;0;0\r\n`, mapping);
    expect(grown).toMatchObject({ imported: 1, skippedAsAlreadyImported: 4 });
    expect(await count(t, 'incidents')).toBe(5);
    expect(await count(t, 'import_keys')).toBe(5);
  });

  it('tells open views when an import started from the screen has finished, once and only if it wrote', async () => {
    t = await openTestCore();
    const events: string[][] = [];
    t.core.onChange((e) => events.push(e.entities));
    const run = async () => {
      const { jobId } = await t.call('import.start', { text: ARABIC_EXPORT, mapping: ARABIC_MAPPING });
      for (let i = 0; (await t.call('import.status', { jobId })).state === 'running'; i++) {
        if (i > 500) throw new Error('the import job never finished');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    await run();
    expect(events.filter((e) => e.includes('incident'))).toHaveLength(1);
    await run(); // the same file again: nothing new, nothing to announce
    expect(events.filter((e) => e.includes('incident'))).toHaveLength(1);
  });

  it('reads wall times in the mapping\'s zone across a daylight-saving change, from a date and a time column', async () => {
    t = await openTestCore();
    const tsv = 'Date\tTime\tType\tDistrict\n24.10.2026\t10:00\tfire\tjableh\n26.10.2026\t10:00\tFIRE\tJableh\n26.10.2026\t10:00\tFIRE\tJableh\n';
    const mapping = parseMapping({
      columns: { received: ['Date', 'Time'], type: 'Type', district: 'District' },
      dateFormat: 'DD.MM.YYYY HH:mm', timeZone: 'Europe/Berlin', delimiter: 'tab',
    });
    const result = await importCsv(t.core.context, await operatorId(), tsv, mapping);
    // Without an incident number the row itself is the key: the same row twice is one incident.
    expect(result).toEqual({ imported: 2, callsAdded: 0, skippedAsAlreadyImported: 0, warnings: [], rejected: [{ line: 4, reason: 'import.duplicateInFile', params: { line: 3 } }] });
    expect((await incidents()).map((r) => r.received_at)).toEqual([Date.UTC(2026, 9, 24, 8, 0), Date.UTC(2026, 9, 26, 9, 0)]);
    expect(await importCsv(t.core.context, await operatorId(), tsv, mapping)).toMatchObject({ imported: 0, skippedAsAlreadyImported: 2 });
  });

  it('takes ISO 8601 times with their offset as exact, and without one as the zone\'s wall time', async () => {
    t = await openTestCore();
    const csv = [
      'at,type,district,priority,coordinates',
      '2026-11-20T08:00:00+02:00,fire,jableh,1,',
      '2026-11-20T09:00:00Z,fire,jableh,P3,"35.5212, 35.7915"',
      '2026-11-20 10:00,fire,jableh,,',
      '2026-11-20T08:00:00+0530,fire,jableh,٢,',
      '2026-11-30T08:00:00+03:00,fire,jableh,,',
      '2026-11-20T11:00:00Z,fire,jableh,urgent,',
      '2026-11-20T12:00:00Z,fire,jableh,,north of the port',
    ].join('\n');
    const mapping = parseMapping({ columns: { received: 'at', type: 'type', district: 'district', priority: 'priority', coordinates: 'coordinates' }, dateFormat: 'iso' });
    const result = await importCsv(t.core.context, await operatorId(), csv, mapping);
    expect(result.rejected).toEqual([
      { line: 6, reason: 'import.inFuture', params: { column: 'at', value: '2026-11-30T08:00:00+03:00' } },
      { line: 7, reason: 'import.unknownPriority', params: { value: 'urgent' } },
      { line: 8, reason: 'import.badCoordinates', params: { value: 'north of the port' } },
    ]);
    const rows = await incidents();
    expect(rows.map((r) => [r.received_at, r.priority])).toEqual([
      [Date.UTC(2026, 10, 20, 2, 30), 2], [Date.UTC(2026, 10, 20, 6, 0), 1], [Date.UTC(2026, 10, 20, 7, 0), 2], [Date.UTC(2026, 10, 20, 9, 0), 3],
    ]);
    expect(rows[3]).toMatchObject({ lat: 35.5212, lon: 35.7915 });
  });
});

describe('an export with one row per responding unit', () => {
  const EXPORT = [
    'Incident,Call Time,Unit,Dispatched,Arrived,Cleared,Type,Area,Location,Lat,Lon,Injured',
    'A-1,2026-11-23 18:00:00,Rescue 3 Jableh,2026-11-23 18:04:00,2026-11-23 18:20:00,2026-11-23 19:30:00,Building collapse,Jableh,"Al-Fayd, near the mosque",35.36,35.92,4',
    'A-2,2026-11-23 18:10:00,Fire 2 Latakia,2026-11-23 18:12:00,2026-11-23 18:25:00,2026-11-23 18:50:00,Fire,Latakia,,,,1',
    'A-1,2026-11-23 18:01:00,ambulance 1,2026-11-23 18:02:00,2026-11-23 18:15:00,2026-11-23 19:00:00,Building collapse,Jableh,"Al-Fayd, near the mosque",35.36,35.92,5',
    'A-1,2026-11-23 18:00:00,Civil Defence Van 9,2026-11-23 18:30:00,,2026-11-23 19:10:00,Building collapse,Jableh,"Al-Fayd, near the mosque",35.36,35.92,4',
    'A-3,2026-11-23 19:00:00,Rescue 3 Jableh,2026-11-23 19:40:00,,,Fire,Jableh,,,,0',
    'A-3,2026-11-23 19:00:00,Ambulance 1,2026-11-23 19:05:00,2026-11-23 19:03:00,,Fire,Jableh,,,,0',
  ].join('\n');
  const MAPPING = {
    columns: {
      incidentNumber: 'Incident', received: 'Call Time', unit: 'Unit', dispatched: 'Dispatched', onScene: 'Arrived', cleared: 'Cleared',
      type: 'Type', district: 'Area', location: 'Location', lat: 'Lat', lon: 'Lon', injured: 'Injured',
    },
    dateFormat: 'YYYY-MM-DD HH:mm:ss', timeZone: 'Asia/Damascus', groupBy: 'Incident',
  };

  async function teams(): Promise<Record<string, string>> {
    const { id: centreId } = await t.call('teams.saveCentre', { name: 'Jableh centre', district: 'jableh', covers: [] });
    const ids: Record<string, string> = {};
    for (const [callSign, kind] of [['Rescue 3 Jableh', 'search_rescue'], ['Ambulance 1', 'ambulance'], ['Fire 2 Latakia', 'fire']] as const) {
      ids[callSign] = (await t.call('teams.save', { callSign, kind, centreId })).id;
    }
    return ids;
  }

  it('becomes one incident per group, with an assignment per known team and unknown units kept in the description', async () => {
    t = await openTestCore();
    const ids = await teams();
    const result = await importCsv(t.core.context, await operatorId(), EXPORT, parseMapping(MAPPING));
    expect(result.imported).toBe(3);
    // One unit's contradicting times are left out and reported; its incident and other units stay (issue #20 item 4).
    expect(result.rejected).toEqual([]);
    expect(result.warnings).toEqual([{ line: 7, reason: 'import.unitTimesDropped', params: { column: 'Arrived', earlierColumn: 'Dispatched' } }]);

    const [collapse, fire] = await incidents();
    expect(collapse).toMatchObject({
      type: 'building_collapse', district: 'jableh', locality: 'Al-Fayd, near the mosque', lat: 35.36, lon: 35.92, injured: 5, status: 'closed',
      received_at: damascus(2026, 11, 23, 18, 0), dispatched_at: damascus(2026, 11, 23, 18, 2), on_scene_at: damascus(2026, 11, 23, 18, 15),
      cleared_at: damascus(2026, 11, 23, 19, 30), closed_at: damascus(2026, 11, 23, 19, 30),
    });
    expect(collapse!.description).toBe('Incident: A-1\nUnit: Civil Defence Van 9');
    const assignments = await t.core.store.reader.all<{ team_id: string; dispatched_at: number; on_scene_at: number; cleared_at: number }>(
      'SELECT team_id, dispatched_at, on_scene_at, cleared_at FROM assignments WHERE incident_id = ? ORDER BY dispatched_at', [collapse!.id]);
    expect(assignments).toEqual([
      { team_id: ids['Ambulance 1'], dispatched_at: damascus(2026, 11, 23, 18, 2), on_scene_at: damascus(2026, 11, 23, 18, 15), cleared_at: damascus(2026, 11, 23, 19, 0) },
      { team_id: ids['Rescue 3 Jableh'], dispatched_at: damascus(2026, 11, 23, 18, 4), on_scene_at: damascus(2026, 11, 23, 18, 20), cleared_at: damascus(2026, 11, 23, 19, 30) },
    ]);
    expect(fire).toMatchObject({ type: 'fire', district: 'latakia', received_at: damascus(2026, 11, 23, 18, 10) });
    // Every imported assignment has ended: no team looks busy on an old incident.
    expect(await t.call('teams.conflicts', {})).toEqual([]);
    expect(await t.core.store.reader.get('SELECT 1 FROM assignments WHERE cleared_at IS NULL')).toBeUndefined();

    const again = await importCsv(t.core.context, await operatorId(), EXPORT, parseMapping(MAPPING));
    expect(again).toMatchObject({ imported: 0, skippedAsAlreadyImported: 3 });
    expect(await count(t, 'assignments')).toBe(5);
  });

  it('previews the incidents as they will be stored, writing nothing', async () => {
    t = await openTestCore();
    await teams();
    const preview = await previewCsv(t.core.context, EXPORT, parseMapping(MAPPING), 1);
    expect(preview.columns[0]).toBe('Incident');
    expect(preview.incidents).toHaveLength(1);
    expect(preview.incidents[0]).toMatchObject({ lines: [2, 4, 5], alreadyImported: false, unmatchedUnits: ['Civil Defence Van 9'] });
    expect(preview.incidents[0]!.incident.assignments).toHaveLength(2);
    expect(await count(t, 'incidents')).toBe(0);
    // Their unit names can be given Beacon's call signs in the mapping.
    const renamed = await previewCsv(t.core.context, EXPORT, parseMapping({ ...MAPPING, values: { unit: { 'civil defence van 9': 'Fire 2 Latakia' } } }), 1);
    expect(renamed.incidents[0]).toMatchObject({ unmatchedUnits: [] });
    expect(renamed.incidents[0]!.incident.assignments).toHaveLength(3);
    await importCsv(t.core.context, await operatorId(), EXPORT, parseMapping(MAPPING));
    expect((await previewCsv(t.core.context, EXPORT, parseMapping(MAPPING))).incidents.map((i) => i.alreadyImported)).toEqual([true, true, true]);
  });
});

describe('the import-csv command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-import-cli-'));

  it('prints what it imported as JSON, progress on stderr, and imports nothing the second time', () => {
    try {
      const file = join(dir, 'log.csv');
      const mapping = join(dir, 'mapping.json');
      writeFileSync(file, '\uFEFFCall Time;Type;District;Location\r\n03/05/2025 14:20;حريق;جبلة;"السوق; الطابق الثاني"\r\n03/05/2025 25:00;حريق;جبلة;\r\n');
      writeFileSync(mapping, JSON.stringify({ columns: { received: 'Call Time', type: 'Type', district: 'District', location: 'Location' }, dateFormat: 'DD/MM/YYYY HH:mm', timeZone: 'Asia/Damascus' }));
      const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'import-csv', file, '--mapping', mapping, '--data', join(dir, 'data')], { encoding: 'utf8', timeout: 60_000 });
      const first = run();
      expect(first.status, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout)).toEqual({
        imported: 1, callsAdded: 0, skippedAsAlreadyImported: 0, warnings: [],
        rejected: [{ line: 3, reason: 'import.badDate', params: { column: 'Call Time', value: '03/05/2025 25:00' } }],
      });
      expect(first.stderr).toMatch(/imported 1/);
      const second = run();
      expect(second.status, second.stderr).toBe(0);
      expect(JSON.parse(second.stdout)).toMatchObject({ imported: 0, skippedAsAlreadyImported: 1 });

      writeFileSync(mapping, JSON.stringify({ columns: { received: 'Call time', type: 'Kind', district: 'District' }, dateFormat: 'iso' }));
      const wrong = run();
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toMatch(/no column "Kind"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
