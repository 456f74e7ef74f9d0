// Coordinates as operators paste them (from phones, maps and messages) and distances
// between places, for duplicate detection.

export interface LatLon {
  lat: number;
  lon: number;
}

const EARTH_RADIUS_M = 6371008.8;

export function distanceMeters(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function formatCoordinates(c: LatLon): string {
  return `${c.lat.toFixed(5)}, ${c.lon.toFixed(5)}`;
}

/** Arabic-Indic and Persian digits, Arabic comma and decimal separator → ASCII. */
function asciiDigits(text: string): string {
  return text
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/٫/g, '.')
    .replace(/[،؛]/g, ',');
}

interface Part {
  value: number;
  hemisphere: 'N' | 'S' | 'E' | 'W' | null;
}

/** One coordinate: degrees, optionally minutes and seconds, optionally a hemisphere letter before or after. */
const PART = /([NSEW])?\s*(-?\d+(?:\.\d+)?)\s*(?:[°º˚d]\s*)?(?:(\d+(?:\.\d+)?)\s*(?:['′’m]\s*)?)?(?:(\d+(?:\.\d+)?)\s*(?:["″”]|'')?\s*)?([NSEW])?/y;

const DEGREES_ONLY = /([NSEW])?\s*(-?\d+\.\d+)\s*(?:[°º˚d])?\s*([NSEW])?/y;

function parsePart(text: string, start: number): { part: Part; end: number } | null {
  PART.lastIndex = start;
  const m = PART.exec(text);
  if (!m || m[2] === undefined) return null;
  const degrees = Number(m[2]);
  if (!Number.isInteger(degrees) && (m[3] !== undefined || m[4] !== undefined)) {
    // "35.5212 35.7915": decimal degrees take no minutes; the next number is the other coordinate.
    DEGREES_ONLY.lastIndex = start;
    const d = DEGREES_ONLY.exec(text);
    if (!d || d[2] === undefined) return null;
    const hemisphere = (d[1] ?? d[3] ?? null) as Part['hemisphere'];
    return { part: { value: Number(d[2]), hemisphere }, end: DEGREES_ONLY.lastIndex };
  }
  const minutes = m[3] !== undefined ? Number(m[3]) : 0;
  const seconds = m[4] !== undefined ? Number(m[4]) : 0;
  if (minutes >= 60 || seconds >= 60) return null;
  if ((m[3] !== undefined || m[4] !== undefined) && (degrees < 0 || !Number.isInteger(degrees))) return null;
  const before = m[1] as Part['hemisphere'] | undefined;
  const after = m[5] as Part['hemisphere'] | undefined;
  const magnitude = Math.abs(degrees) + minutes / 60 + seconds / 3600;
  // "N 35 31 16 E 35 47 29": a leading letter means the trailing one begins the next coordinate.
  const end = before && after ? PART.lastIndex - 1 : PART.lastIndex;
  return { part: { value: degrees < 0 ? -magnitude : magnitude, hemisphere: before ?? after ?? null }, end };
}

/**
 * Reads "35.5212, 35.7915", "35°31'16.3"N 35°47'29.4"E", "N 35 31 16 E 35 47 29",
 * "35°31.271'N 35°47.490'E" and the same with Arabic digits. Latitude first unless the
 * hemisphere letters say otherwise; null for anything ambiguous or out of range.
 */
export function parseCoordinates(input: string): LatLon | null {
  const text = asciiDigits(input).toUpperCase().replace(/\s+/g, ' ').trim();
  if (!text || /[^0-9NSEWD°º˚'′’"″”.,;\s-]/.test(text)) return null;
  const first = parsePart(text, 0);
  if (!first) return null;
  let rest = first.end;
  const separator = /\s*[,;]?\s*/y;
  separator.lastIndex = rest;
  separator.exec(text);
  rest = separator.lastIndex;
  const second = parsePart(text, rest);
  if (!second || second.end !== text.length) return null;
  const signed = (p: Part) => (p.hemisphere === 'S' || p.hemisphere === 'W' ? -Math.abs(p.value) : p.value);
  const isLon = (p: Part) => p.hemisphere === 'E' || p.hemisphere === 'W';
  const isLat = (p: Part) => p.hemisphere === 'N' || p.hemisphere === 'S';
  let [latPart, lonPart] = [first.part, second.part];
  if (isLon(first.part) || isLat(second.part)) [latPart, lonPart] = [second.part, first.part];
  if (isLon(latPart) || isLat(lonPart)) return null;
  const lat = signed(latPart);
  const lon = signed(lonPart);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}
