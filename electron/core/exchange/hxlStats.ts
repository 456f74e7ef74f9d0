// A statistics table as HXL, in the long form HXL tools aggregate: one row per group and
// indicator (#indicator+code, +name, +num), with the group's key and the period on every row.
// The numbers are the statistics screen's own (statsRows), so the two never disagree.
import type { Language } from '../../../shared/domain';
import type { HxlTable } from '../../../shared/exchange';
import { createTranslator, type MessageKey } from '../../../shared/i18n';
import type { Connection } from '../db/connection';
import { findDistrict } from '../reference/districts';
import { statsRows } from '../stats/statsTable';
import { csvLine } from './hxlCsv';
import type { TextSink } from './textSink';

type StatsTable = Exclude<HxlTable, 'incidents'>;
type Row = Record<string, string | number | null>;

interface Column {
  header: MessageKey;
  hxl: string;
  value: (row: Row, language: Language) => string | number | null;
}

const KEY_COLUMNS: Readonly<Record<StatsTable, readonly Column[]>> = {
  district: [
    { header: 'exchange.col.districtCode', hxl: '#adm2+code', value: (r) => r.district ?? null },
    { header: 'exchange.col.district', hxl: '#adm2+name', value: (r, l) => findDistrict(String(r.district))?.name[l] ?? null },
  ],
  type: [
    { header: 'exchange.col.type', hxl: '#event+type', value: (r) => r.type ?? null },
    { header: 'exchange.col.typeName', hxl: '#event+type+name', value: (r, l) => createTranslator(l)(`incidentType.${String(r.type)}` as MessageKey) },
  ],
  day: [{ header: 'exchange.col.day', hxl: '#date', value: (r) => r.day ?? null }],
};

/** The statistics screen's measures, as indicators; times in seconds. */
const INDICATORS = [
  { code: 'incidents', field: 'count' },
  { code: 'dispatch_median_sec', field: 'dispatchMedianSec' },
  { code: 'dispatch_p90_sec', field: 'dispatchP90Sec' },
  { code: 'scene_median_sec', field: 'sceneMedianSec' },
  { code: 'scene_p90_sec', field: 'sceneP90Sec' },
] as const;

export function statsHxlTags(table: StatsTable): string[] {
  return ['#date+start', '#date+end', ...KEY_COLUMNS[table].map((c) => c.hxl), '#indicator+code', '#indicator+name', '#indicator+num'];
}

export async function writeStatsHxl(
  db: Connection, scope: { timeZone: string; range: { start: number; end: number }; from: string; to: string },
  table: StatsTable, language: Language, sink: TextSink,
): Promise<number> {
  const t = createTranslator(language);
  const keys = KEY_COLUMNS[table];
  const header = [t('exchange.periodFrom'), t('exchange.periodTo'), ...keys.map((c) => t(c.header)), t('exchange.col.indicatorCode'), t('exchange.col.indicator'), t('exchange.col.value')];
  await sink.write(`\uFEFF${csvLine(header)}${csvLine(statsHxlTags(table))}`);
  const rows = await statsRows(db, { timeZone: scope.timeZone, range: scope.range, filters: {} }, table);
  let n = 0;
  for (const row of rows) {
    const key = keys.map((c) => c.value(row, language));
    for (const indicator of INDICATORS) {
      await sink.write(csvLine([scope.from, scope.to, ...key, indicator.code, t(`exchange.indicator.${indicator.code}`), row[indicator.field] ?? null]));
      n += 1;
    }
  }
  return n;
}
