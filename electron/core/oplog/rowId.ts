// Row ids for new records: UUID version 7 (RFC 9562), whose first 48 bits are the creation
// time in milliseconds. Ids made one after another sort together, so a new incident, call or
// operation lands on the last pages of each id index instead of a random page of a B-tree
// holding millions of rows: fewer pages read and rewritten per commit. Still 74 random bits,
// so consoles that create rows at the same millisecond do not collide.
import { randomBytes } from 'node:crypto';

export function newRowId(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
