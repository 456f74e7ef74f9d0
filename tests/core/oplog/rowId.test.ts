// Row ids: valid UUIDs (version 7) that every channel accepts, ordered by creation time so new
// rows land together at the end of each id index, and never equal within one millisecond.
import { describe, expect, it } from 'vitest';
import { newRowId } from '../../../electron/core/oplog/rowId';
import { id } from '../../../shared/api/schemas';

describe('row ids', () => {
  it('are UUID version 7 with the RFC 9562 variant, accepted as ids by the channels', () => {
    const made = newRowId(Date.UTC(2026, 10, 26, 12));
    expect(made).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(made.slice(0, 13).replace('-', '')).toBe(Date.UTC(2026, 10, 26, 12).toString(16).padStart(12, '0'));
    expect(id.safeParse(made).success).toBe(true);
  });

  it('sort by the time they were made, and differ within one millisecond', () => {
    const at = Date.UTC(2026, 10, 26, 12);
    const ids = Array.from({ length: 1000 }, (_, i) => newRowId(at + Math.floor(i / 10)));
    const sorted = [...ids].sort();
    // Within a millisecond the order is random; across milliseconds it follows time.
    expect(sorted.map((x) => x.slice(0, 13))).toEqual(ids.map((x) => x.slice(0, 13)));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
