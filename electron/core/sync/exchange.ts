// What two parties exchange: version vectors, and per origin the operations above the other's
// counter, in order. Equal vectors mean converged; the state hash proves equal rows.
import { createHash } from 'node:crypto';
import { ENTITIES } from '../oplog/entities';
import type { Operation } from '../oplog/operation';
import type { Reader } from '../base/handles';

export type VersionVector = Record<string, number>;

export async function versionVector(db: Reader): Promise<VersionVector> {
  const rows = await db.all<{ origin: string; seq: number }>('SELECT origin, seq FROM version_vector ORDER BY origin');
  return Object.fromEntries(rows.map((r) => [r.origin, r.seq]));
}

/** Operations this party holds that a party with `theirs` lacks, origin by origin, in order. */
export async function operationsAbove(db: Reader, theirs: VersionVector, limit = 5000): Promise<Operation[]> {
  const ours = await versionVector(db);
  const out: Operation[] = [];
  for (const [origin, seq] of Object.entries(ours)) {
    const from = theirs[origin] ?? 0;
    if (seq <= from) continue;
    const rows = await db.all<OperationRow>(
      'SELECT origin, seq, hlc, entity, row_id, field, value, operator, prev FROM operations WHERE origin = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
      [origin, from, seq, limit - out.length],
    );
    // One at a time: spreading a page of hundreds of thousands into push() overflows the stack.
    for (const r of rows) out.push(operationOf(r));
    if (out.length >= limit) break;
  }
  return out;
}

type OperationRow = { origin: string; seq: number; hlc: string; entity: string; row_id: string; field: string; value: string; operator: string | null; prev: string | null };

/** An operation as it travels: `prev` only when it says (older readers see older operations unchanged). */
export function operationOf(r: OperationRow): Operation {
  const op: Operation = { origin: r.origin, seq: r.seq, hlc: r.hlc, entity: r.entity, rowId: r.row_id, field: r.field, value: r.value, operator: r.operator };
  if (r.prev !== null) op.prev = r.prev;
  return op;
}

/** What a party with `theirs` lacks, bounded by what we hold now, optionally only from an HLC on. */
export interface OperationRange {
  theirs: VersionVector;
  /** HLCs at or after this one (HLCs compare as strings). */
  fromHlc?: string;
}

function rangeSql(origin: string, from: number, to: number, fromHlc: string | undefined): { where: string; params: (string | number)[] } {
  return fromHlc === undefined
    ? { where: 'origin = ? AND seq > ? AND seq <= ?', params: [origin, from, to] }
    : { where: 'origin = ? AND seq > ? AND seq <= ? AND hlc >= ?', params: [origin, from, to, fromHlc] };
}

/**
 * The operations of a range in pages, with their count first: a whole post's log is read a
 * page at a time (the writer's version vector, read once, bounds it, so the count holds).
 */
export async function operationPages(db: Reader, range: OperationRange, pageSize = 5000): Promise<{ total: number; pages: AsyncGenerator<Operation[]> }> {
  const ours = await versionVector(db);
  const origins = Object.entries(ours).filter(([origin, seq]) => seq > (range.theirs[origin] ?? 0));
  let total = 0;
  for (const [origin, seq] of origins) {
    const { where, params } = rangeSql(origin, range.theirs[origin] ?? 0, seq, range.fromHlc);
    total += (await db.get<{ n: number }>(`SELECT count(*) AS n FROM operations WHERE ${where}`, params))?.n ?? 0;
  }
  async function* pages(): AsyncGenerator<Operation[]> {
    for (const [origin, seq] of origins) {
      let from = range.theirs[origin] ?? 0;
      for (;;) {
        const { where, params } = rangeSql(origin, from, seq, range.fromHlc);
        const rows = await db.all<OperationRow>(`SELECT origin, seq, hlc, entity, row_id, field, value, operator, prev FROM operations WHERE ${where} ORDER BY seq LIMIT ?`, [...params, pageSize]);
        if (rows.length === 0) break;
        yield rows.map(operationOf);
        from = rows[rows.length - 1]!.seq;
        if (rows.length < pageSize) break;
      }
    }
  }
  return { total, pages: pages() };
}

/** SHA-256 over every synced table's rows in id order: equal on two consoles means equal data. */
export async function stateHash(db: Reader): Promise<string> {
  const hash = createHash('sha256');
  for (const spec of Object.values(ENTITIES)) {
    const columns = ['id', ...Object.values(spec.fields)];
    const rows = await db.all<Record<string, unknown>>(`SELECT ${columns.join(', ')} FROM ${spec.table} ORDER BY id`);
    hash.update(`${spec.table}\n`);
    for (const row of rows) hash.update(`${JSON.stringify(columns.map((c) => row[c] ?? null))}\n`);
  }
  return hash.digest('hex');
}
