// CAP 1.2's date-time form (§3.3.2): whole seconds with the sender's UTC offset,
// "2026-11-24T10:00:00+03:00", never "Z" and never fractions (the schema's pattern refuses both).
import { zoneOffsetMs, zonedParts } from '../../../shared/time/zoned';

const two = (n: number) => String(n).padStart(2, '0');

export function capDateTime(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  const offsetMinutes = Math.round(zoneOffsetMs(epochMs, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}`
    + `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
