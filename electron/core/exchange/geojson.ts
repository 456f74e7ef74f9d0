// A period's incidents as a GeoJSON FeatureCollection (RFC 7946): WGS 84, longitude before
// latitude, the same properties as the HXL report. Written feature by feature.
import type { ReportRow } from './incidentReport';
import type { TextSink } from './textSink';

export function incidentFeature(row: ReportRow): object {
  const { lat, lon, ...properties } = row;
  const geometry = lat !== null && lon !== null ? { type: 'Point', coordinates: [lon, lat] } : null;
  return { type: 'Feature', id: row.number, geometry, properties: { ...properties, lat, lon } };
}

export async function writeGeojson(rows: AsyncIterable<ReportRow>, sink: TextSink): Promise<number> {
  await sink.write('{"type":"FeatureCollection","features":[\n');
  let n = 0;
  for await (const row of rows) {
    await sink.write(`${n === 0 ? '' : ',\n'}${JSON.stringify(incidentFeature(row))}`);
    n += 1;
  }
  await sink.write('\n]}\n');
  return n;
}
