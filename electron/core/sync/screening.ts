// The checks an operation from outside gets before it is applied that do not need the
// database or the time: its shape (oplog/operation.ts) and the API's rules for its values
// (syncedValues.ts). Worked out once per operation and kept, so that a catch-up screens its
// next batch while SQLite writes the last (bundles.ts, hub.ts), and the transaction only
// looks the answer up. A screened operation is frozen: what was checked is what is applied.
import { rejectionFrom, shapeOf, type Operation, type OperationShape, type Rejection } from '../oplog/operation';
import { decodeHlc } from '../oplog/hlc';
import { hasUnsafeValue } from './syncedValues';

interface Verdict extends OperationShape {
  /** Its values break the API's rules (only asked of an operation with no other refusal). */
  unsafe: boolean;
}

/** Nothing refused it (but maybe its clock): its value parsed, its entity known. */
const usable = (v: Verdict) => v.early === null && v.late === null;

const verdicts = new WeakMap<object, Verdict>();

function verdictOf(op: Operation): Verdict {
  const kept = typeof op === 'object' && op !== null ? verdicts.get(op) : undefined;
  if (kept) return kept;
  const shape = shapeOf(op);
  // Every verdict of one shape (not spread): read for each of a catch-up's operations several times.
  const verdict: Verdict = {
    early: shape.early, wall: shape.wall, late: shape.late, value: shape.value,
    unsafe: shape.early === null && shape.late === null && hasUnsafeValue(op, shape.value),
  };
  if (typeof op === 'object' && op !== null) {
    Object.freeze(op);
    verdicts.set(op, verdict);
  }
  return verdict;
}

/** Operations screened between two turns of the event loop: a few milliseconds' work. */
const SLICE = 500;

/**
 * Screens operations ahead of their transaction (`unknown`: straight from a file or a hub), a
 * slice at a time: the batch before is being written meanwhile, and each of its statements
 * that ends gets the main thread back within a slice to send SQLite the next.
 */
export async function screenAhead(operations: readonly unknown[]): Promise<void> {
  for (let start = 0; start < operations.length; start += SLICE) {
    for (let i = start; i < Math.min(operations.length, start + SLICE); i++) verdictOf(operations[i] as Operation);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Why an operation may not be applied (oplog/operation.ts `rejectionFrom`), or null when it may. */
export function screenedRejection(op: Operation, maxWall: number): Rejection | null {
  return rejectionFrom(verdictOf(op), maxWall);
}

/** Whether an operation with no other refusal carries a value the API would have refused (syncedValues.ts). */
export function screenedUnsafe(op: Operation): boolean {
  return verdictOf(op).unsafe;
}

/** The value of an operation `screenedRejection` let through, parsed once (read-only). */
export function screenedValue(op: Operation): unknown {
  const verdict = verdictOf(op);
  return usable(verdict) ? verdict.value : JSON.parse(op.value);
}

/** The wall time of an operation's clock, null where its clock does not decode (worked out once for a screened operation). */
export function screenedWall(op: Operation): number | null {
  const verdict = verdictOf(op);
  if (verdict.early === null) return verdict.wall;
  return typeof op.hlc === 'string' ? (decodeHlc(op.hlc)?.wall ?? null) : null;
}
