// The region's districts and sub-districts, shipped in resources/ with the app.
import { z } from 'zod';
import type { District } from '../../../shared/api';
import { district } from '../../../shared/api/schemas';
import regionList from '../../../resources/regions/latakia.json' with { type: 'json' };
import { fieldError } from '../base/errors';

export const DISTRICTS: readonly District[] = z.array(district).parse(regionList);
const BY_CODE = new Map(DISTRICTS.map((d) => [d.code, d]));

export function findDistrict(code: string): District | undefined {
  return BY_CODE.get(code);
}

/** Refuses a district or sub-district that is not on the region's list. */
export function checkLocation(districtCode: string, subdistrictCode: string | null | undefined, path = 'location'): void {
  const found = BY_CODE.get(districtCode);
  if (!found) throw fieldError(`${path}.district`, 'validation.unknownDistrict');
  if (subdistrictCode && !found.subdistricts.some((s) => s.code === subdistrictCode)) {
    throw fieldError(`${path}.subdistrict`, 'validation.unknownSubdistrict');
  }
}
