// Is this console's folder a copy of another's (issue #21 item 3)? Its own operations and the
// hub's under the same identities are compared: a copy shares a prefix with the original, then
// the two part. The hub holds whichever pushed first; the one found to differ is the copy.
import type pg from 'pg';
import type { Store } from '../db/store';

interface Content { hlc: string; entity: string; row_id: string; field: string; value: string }

const same = (a: Content | undefined, b: Content | undefined) =>
  !!a && !!b && a.hlc === b.hlc && a.entity === b.entity && a.row_id === b.row_id && a.field === b.field && a.value === b.value;

/** The last seq of this console's origin at which it and the hub still agree; null when they agree throughout. */
export async function partingPoint(store: Store, client: pg.Client, hubSeq: number): Promise<number | null> {
  const origin = store.origin;
  const ours = (await store.reader.get<{ seq: number }>('SELECT seq FROM version_vector WHERE origin = ?', [origin]))?.seq ?? 0;
  const top = Math.min(ours, hubSeq);
  if (top === 0) return null;
  const local = (seq: number) => store.reader.get<Content>('SELECT hlc, entity, row_id, field, value FROM operations WHERE origin = ? AND seq = ?', [origin, seq]);
  const remote = async (seq: number) => (await client.query<Content>(
    'SELECT hlc, entity, row_id, field, value FROM beacon.operations WHERE origin = $1 AND seq = $2', [origin, seq])).rows[0];
  const agree = async (seq: number) => same(await local(seq), await remote(seq));
  if (await agree(top)) return null;
  // The two agree up to some seq and differ after it: a binary search for it.
  let lo = 0;
  let hi = top;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await agree(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
