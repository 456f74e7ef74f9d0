// Where to put an incident on a map when the operator gave no coordinates: at its village, from
// the region's list of localities (resources/regions/localities.json), else at its district's
// centre. Sub-districts carry no centre in the region's list, so the district's is the fallback.
import { normalizeForSearch } from '../../../shared/text/search';
import localityList from '../../../resources/regions/localities.json' with { type: 'json' };
import { DISTRICTS, findDistrict } from '../reference/districts';

/** How a position was found: given by the operator, the village's, or the district's centre. */
export type Located = 'reported' | 'village' | 'district';

interface Place {
  lat: number;
  lon: number;
}

const VILLAGES = new Map<string, Map<string, Place>>();
for (const [subdistrict, places] of Object.entries(localityList as Record<string, { en: string; ar: string; lat: number; lon: number }[]>)) {
  const byName = new Map<string, Place>();
  for (const p of places) {
    byName.set(normalizeForSearch(p.ar), { lat: p.lat, lon: p.lon });
    byName.set(normalizeForSearch(p.en), { lat: p.lat, lon: p.lon });
  }
  VILLAGES.set(subdistrict, byName);
}

const SUBDISTRICTS_OF = new Map(DISTRICTS.map((d) => [d.code, d.subdistricts.map((s) => s.code)]));

export interface Position extends Place {
  located: Located;
}

export function locate(incident: { lat: number | null; lon: number | null; district: string; subdistrict: string | null; locality: string | null }): Position | null {
  if (incident.lat !== null && incident.lon !== null) return { lat: incident.lat, lon: incident.lon, located: 'reported' };
  if (incident.locality) {
    const key = normalizeForSearch(incident.locality);
    // The sub-district's villages first; a village named without its sub-district is looked for in the district.
    const where = incident.subdistrict ? [incident.subdistrict] : SUBDISTRICTS_OF.get(incident.district) ?? [];
    for (const sub of where) {
      const found = VILLAGES.get(sub)?.get(key);
      if (found) return { ...found, located: 'village' };
    }
  }
  const centre = findDistrict(incident.district)?.center;
  return centre ? { lat: centre.lat, lon: centre.lon, located: 'district' } : null;
}
