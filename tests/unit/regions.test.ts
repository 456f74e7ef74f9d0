import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { district } from '../../shared/api/schemas';
import regions from '../../resources/regions/latakia.json' with { type: 'json' };
import localities from '../../resources/regions/localities.json' with { type: 'json' };

const ARABIC = /[\u0600-\u06FF]/;

describe("the region's district list", () => {
  const parsed = z.array(district).parse(regions);

  it('has the four districts of the governorate, each with sub-districts, named in Arabic and English', () => {
    expect(parsed.map((d) => d.code)).toEqual(['latakia', 'jableh', 'al-haffah', 'al-qardaha']);
    for (const d of parsed) {
      expect(d.subdistricts.length).toBeGreaterThan(2);
      for (const name of [d.name, ...d.subdistricts.map((s) => s.name)]) {
        expect(name.ar).toMatch(ARABIC);
        expect(name.en).toMatch(/^[A-Za-z' -]+$/);
      }
    }
  });

  it('has unique codes, and villages only for sub-districts that exist, inside the region', () => {
    const codes = parsed.flatMap((d) => [d.code, ...d.subdistricts.map((s) => s.code)]);
    expect(new Set(codes).size).toBe(codes.length);
    const subdistricts = new Set(parsed.flatMap((d) => d.subdistricts.map((s) => s.code)));
    for (const [code, places] of Object.entries(localities as Record<string, { ar: string; lat: number; lon: number }[]>)) {
      expect(subdistricts.has(code), code).toBe(true);
      for (const p of places) {
        expect(p.ar).toMatch(ARABIC);
        expect(p.lat).toBeGreaterThan(35.1);
        expect(p.lat).toBeLessThan(36.0);
        expect(p.lon).toBeGreaterThan(35.7);
        expect(p.lon).toBeLessThan(36.3);
      }
    }
  });
});
