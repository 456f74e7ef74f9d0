// What two parties exchange: version vectors, and per origin the operations above the other's
// counter, in order. Equal vectors mean converged; the state hash proves equal rows.
import { createHash } from 'node:crypto';
import type { Queryable } from '../incidents/queries';
import { ENTITIES } from '../oplog/entities';
import type { Operation } from './operation';

export type VersionVector = Record<string, number>;

export async function versionVector(db: Queryable): Promise<VersionVector> {
  const rows = await db.all<{ origin: string; seq: number }>('SELECT origin, seq FROM version_vector ORDER BY origin');
  return Object.fromEntries(rows.map((r) => [r.origin, r.seq]));
}

/** Operations this party holds that a party with `theirs` lacks, origin by origin, in order. */
export async function operationsAbove(db: Queryable, theirs: VersionVector, limit = 5000): Promise<Operation[]> {
  const ours = await versionVector(db);
  const out: Operation[] = [];
  for (const [origin, seq] of Object.entries(ours)) {
    const from = theirs[origin] ?? 0;
    if (seq <= from) continue;
    const rows = await db.all<{ origin: string; seq: number; hlc: string; entity: string; row_id: string; field: string; value: string; operator: string | null }>(
      'SELECT origin, seq, hlc, entity, row_id, field, value, operator FROM operations WHERE origin = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
      [origin, from, seq, limit - out.length],
    );
    out.push(...rows.map((r) => ({ origin: r.origin, seq: r.seq, hlc: r.hlc, entity: r.entity, rowId: r.row_id, field: r.field, value: r.value, operator: r.operator })));
    if (out.length >= limit) break;
  }
  return out;
}

/** SHA-256 over every synced table's rows in id order: equal on two consoles means equal data. */
export async function stateHash(db: Queryable): Promise<string> {
  const hash = createHash('sha256');
  for (const spec of Object.values(ENTITIES)) {
    const columns = ['id', ...Object.values(spec.fields)];
    const rows = await db.all<Record<string, unknown>>(`SELECT ${columns.join(', ')} FROM ${spec.table} ORDER BY id`);
    hash.update(`${spec.table}\n`);
    for (const row of rows) hash.update(`${JSON.stringify(columns.map((c) => row[c] ?? null))}\n`);
  }
  return hash.digest('hex');
}
