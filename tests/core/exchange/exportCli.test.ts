// `export` from the command line, as IT staff run it: a child process over a data folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '@placemarkio/check-geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { intake, openTestCore, T0 } from '../testCore';
import { standardsFile, validateWithXsd } from './standards';

const dir = mkdtempSync(join(tmpdir(), 'beacon-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args, '--data', dir], { encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('export on the command line', () => {
  it('writes HXL to standard output, GeoJSON to a file and an incident\'s alert as CAP', async () => {
    // The app's first run in this folder: an incident and an alert the duty officer issued.
    const t = await openTestCore({ dir });
    const { incidentId } = await t.call('incidents.log', intake({ location: { district: 'latakia', locality: 'الزراعة', lat: 35.535, lon: 35.795 } }));
    const [alert] = await t.call('exchange.issueAlert', {
      incidentId, event: 'building_collapse', responseType: 'Avoid', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed',
      instructionAr: 'ابتعدوا عن المبنى', area: { kind: 'circle', radiusKm: 0.3 }, expiresAt: T0 + 3_600_000,
    });
    const number = (await t.call('incidents.get', { id: incidentId })).number;
    await t.close();

    const hxl = cli('export', '--format', 'hxl', '--from', '2026-11-24', '--to', '2026-11-24', '--language', 'ar');
    expect(hxl.code, hxl.err).toBe(0);
    const lines = hxl.out.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toMatch(/^#event\+id,#date\+reported,/);
    expect(lines[2]).toContain(number);
    expect(lines[2]).toContain('الزراعة');
    expect(hxl.out).not.toContain('Abu Samer');

    const table = cli('export', '--format', 'hxl', '--table', 'type', '--from', '2026-11-24', '--to', '2026-11-24');
    expect(table.code, table.err).toBe(0);
    expect(table.out.split('\r\n')[1]).toBe('#date+start,#date+end,#event+type,#event+type+name,#indicator+code,#indicator+name,#indicator+num');
    expect(table.out).toContain('2026-11-24,2026-11-24,building_collapse,Building collapse,incidents,Incidents,1\r\n');

    const out = join(dir, 'incidents.geojson');
    const geo = cli('export', '--format', 'geojson', '--from', '2026-11-24', '--to', '2026-11-24', '--out', out);
    expect(geo.code, geo.err).toBe(0);
    expect(JSON.parse(geo.out)).toEqual({ file: out, rows: 1 });
    const parsed = check(readFileSync(out, 'utf8')) as unknown as { features: { geometry: { coordinates: number[] } }[] };
    expect(parsed.features[0]!.geometry.coordinates).toEqual([35.795, 35.535]);

    const cap = cli('export', '--format', 'cap', '--incident', number);
    expect(cap.code, cap.err).toBe(0);
    expect(cap.out).toContain(`<identifier>${alert!.identifier}</identifier>`);
    const capFile = join(dir, 'alert.xml');
    writeFileSync(capFile, cap.out);
    const valid = validateWithXsd(capFile, standardsFile('cap/CAP-v1.2.xsd'));
    expect(valid.valid, valid.output).toBe(true);
    const byId = cli('export', '--format', 'cap', '--alert', alert!.identifier, '--out', join(dir, 'by-id.xml'));
    expect(byId.code, byId.err).toBe(0);
    expect(readFileSync(join(dir, 'by-id.xml'), 'utf8')).toBe(cap.out);
  });

  it('refuses what it cannot do, with a message, exit code 1 and no file', () => {
    const out = join(dir, 'never.csv');
    const cases = [
      ['export', '--format', 'kml', '--from', '2026-11-01', '--to', '2026-11-02'],
      ['export', '--format', 'hxl', '--from', '2026-11-30', '--to', '2026-11-01', '--out', out],
      ['export', '--format', 'hxl', '--from', '2026-02-30', '--to', '2026-03-01', '--out', out],
      ['export', '--format', 'cap', '--alert', 'LTK-Z-AL9999'],
      ['export', '--format', 'hxl', '--from', '2026-11-01', '--to', '2026-11-02', '--language', 'fr'],
      ['export', '--format', 'geojson', '--table', 'day', '--from', '2026-11-01', '--to', '2026-11-02'],
      ['export', '--format', 'hxl', '--table', 'hour', '--from', '2026-11-01', '--to', '2026-11-02', '--out', out],
    ];
    for (const args of cases) {
      const run = cli(...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.err).toMatch(/^beacon: /);
    }
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.part`)).toBe(false);
  });
});
