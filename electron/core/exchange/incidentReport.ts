// The incidents of a period as partners receive them (HXL and GeoJSON carry the same fields).
// What leaves the post is chosen here, once: never a caller's phone or name, an operator's
// name, a description or a note (names of the dead can be written there). Rows are read a page
// at a time, so a year of a busy post is written in bounded memory.
import type { Language } from '../../../shared/domain';
import { createTranslator, type MessageKey } from '../../../shared/i18n';
import { findDistrict } from '../reference/districts';
import { countedSql } from '../stats/duplicateRule';
import { capDateTime } from './capTime';
import { locate, type Located } from './gazetteer';
import type { Reader } from '../base/handles';

export interface ReportRow {
  number: string;
  reported: string;
  governorate: string;
  district: string;
  districtCode: string;
  subdistrict: string | null;
  subdistrictCode: string | null;
  village: string | null;
  lat: number | null;
  lon: number | null;
  located: Located | null;
  type: string;
  trapped: number;
  injured: number;
  dead: number;
  status: string;
}

export type ReportField = keyof ReportRow;

/**
 * Column order, header (i18n key) and HXL 1.1 hashtag of each field. The hashtags and
 * attributes are the core dictionary's (docs/exchange.md lists why each was chosen).
 */
export const REPORT_COLUMNS: readonly { field: ReportField; header: MessageKey; hxl: string }[] = [
  { field: 'number', header: 'exchange.col.number', hxl: '#event+id' },
  { field: 'reported', header: 'exchange.col.reported', hxl: '#date+reported' },
  { field: 'governorate', header: 'exchange.col.governorate', hxl: '#adm1+name' },
  { field: 'district', header: 'exchange.col.district', hxl: '#adm2+name' },
  { field: 'districtCode', header: 'exchange.col.districtCode', hxl: '#adm2+code' },
  { field: 'subdistrict', header: 'exchange.col.subdistrict', hxl: '#adm3+name' },
  { field: 'subdistrictCode', header: 'exchange.col.subdistrictCode', hxl: '#adm3+code' },
  { field: 'village', header: 'exchange.col.village', hxl: '#loc+name' },
  { field: 'lat', header: 'exchange.col.lat', hxl: '#geo+lat' },
  { field: 'lon', header: 'exchange.col.lon', hxl: '#geo+lon' },
  { field: 'located', header: 'exchange.col.located', hxl: '#geo+type' },
  { field: 'type', header: 'exchange.col.type', hxl: '#event+type' },
  { field: 'trapped', header: 'exchange.col.trapped', hxl: '#affected+missing' },
  { field: 'injured', header: 'exchange.col.injured', hxl: '#affected+injured' },
  { field: 'dead', header: 'exchange.col.dead', hxl: '#affected+killed' },
  { field: 'status', header: 'exchange.col.status', hxl: '#status+code' },
];

interface IncidentRow {
  rid: number;
  number: string;
  received_at: number;
  district: string;
  subdistrict: string | null;
  locality: string | null;
  lat: number | null;
  lon: number | null;
  type: string;
  trapped: number;
  injured: number;
  dead: number;
  status: string;
}

const PAGE = 500;

/**
 * Only these columns are read: what is not read cannot leak. An incident cancelled as a
 * duplicate of another is left out, as in the statistics: its casualties would be counted twice.
 */
const PAGE_SQL = `SELECT rowid AS rid, number, received_at, district, subdistrict, locality, lat, lon, type, trapped, injured, dead, status
  FROM incidents WHERE received_at >= ? AND received_at < ? AND (received_at, rowid) > (?, ?) AND ${countedSql()}
  ORDER BY received_at, rowid LIMIT ${PAGE}`;

export interface ReportOptions {
  start: number;
  end: number;
  timeZone: string;
  language: Language;
}

/** The period's incidents in the order they were received, one page in memory at a time. */
export async function* reportRows(db: Reader, options: ReportOptions): AsyncGenerator<ReportRow> {
  const t = createTranslator(options.language);
  const governorate = t('exchange.governorate');
  let after: [number, number] = [options.start - 1, 0];
  for (;;) {
    const page = await db.all<IncidentRow>(PAGE_SQL, [options.start, options.end, ...after]);
    for (const row of page) {
      const district = findDistrict(row.district);
      const sub = district?.subdistricts.find((s) => s.code === row.subdistrict);
      const position = locate(row);
      yield {
        number: row.number, reported: capDateTime(row.received_at, options.timeZone), governorate,
        district: district ? district.name[options.language] : row.district, districtCode: row.district,
        subdistrict: sub ? sub.name[options.language] : null, subdistrictCode: row.subdistrict, village: row.locality,
        lat: position ? round6(position.lat) : null, lon: position ? round6(position.lon) : null, located: position?.located ?? null,
        type: row.type, trapped: row.trapped, injured: row.injured, dead: row.dead, status: row.status,
      };
    }
    if (page.length < PAGE) return;
    const last = page[page.length - 1]!;
    after = [last.received_at, last.rid];
  }
}

/** RFC 7946 §11.2: six decimals are about 10 cm, more than any reported position holds. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
