// Operations from elsewhere that change who may do what (an operator's role, PIN, name or
// whether they are enabled; the post's settings) are authorized, not only authenticated: the
// post key proves a bundle comes from the post, not that its author could make the change.
// The author is the operation's `operator`; their role is read from the log's own history up
// to the operation's clock, as every console that holds the same operations reads it alike.
import type { OperatorRole } from '../../../shared/domain';
import { mayCall } from '../../../shared/api/roles';
import type { FieldValue } from '../oplog/entities';
import { NO_PIN } from '../operators/pinHash';
import type { Operation } from '../oplog/operation';
import type { WriteTx } from '../base/handles';

/** Who may make each guarded change: the role the API asks for the same change (shared/api/roles.ts). */
const GUARDED: Readonly<Record<string, Readonly<Record<string, OperatorRole>>>> = {
  operator: { '*': 'administrator', name: 'administrator', role: 'administrator', pinHash: 'administrator', disabled: 'administrator' },
  post: { shiftStarts: 'supervisor', language: 'administrator', digits: 'administrator' },
};

export function isGuarded(op: Operation): boolean {
  return GUARDED[op.entity]?.[op.field] !== undefined;
}

interface Standing { role: OperatorRole | null; disabled: boolean; pin: boolean }

/** What the operator-row operations before `hlc` say about one operator (last writer by HLC wins). */
function standingFrom(history: readonly { field: string; value: string }[]): Standing | null {
  let created = false;
  const state: Standing = { role: null, disabled: false, pin: false };
  const take = (field: string, value: FieldValue) => {
    if (field === 'role') state.role = value as OperatorRole;
    else if (field === 'disabled') state.disabled = value === 1;
    else if (field === 'pinHash') state.pin = typeof value === 'string' && value !== NO_PIN;
  };
  for (const h of history) {
    const value = JSON.parse(h.value) as FieldValue | Record<string, FieldValue>;
    if (h.field === '*') {
      created = true;
      for (const [field, v] of Object.entries(value as Record<string, FieldValue>)) take(field, v);
    } else take(h.field, value as FieldValue);
  }
  return created ? state : null;
}

type Row = { row_id: string; field: string; value: string; hlc: string };

/**
 * Decides, in clock order, which guarded operations of a batch may be applied; the others are
 * returned to be quarantined. Accepted ones count as history for later ones of the same batch.
 */
export async function unauthorized(tx: WriteTx, operations: readonly Operation[]): Promise<Set<Operation>> {
  const refused = new Set<Operation>();
  const guarded = operations.filter(isGuarded).sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  if (guarded.length === 0) return refused;
  const accepted: Row[] = [];
  const historyOf = async (rowId: string | null, hlc: string): Promise<Row[]> => {
    const stored = await tx.all<Row>(
      `SELECT row_id, field, value, hlc FROM operations
        WHERE entity = 'operator' AND field IN ('*', 'role', 'disabled', 'pinHash') AND hlc < ? ${rowId === null ? '' : 'AND row_id = ?'}`,
      rowId === null ? [hlc] : [hlc, rowId]);
    return [...stored, ...accepted.filter((a) => a.hlc < hlc && (rowId === null || a.row_id === rowId))]
      .sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  };
  for (const op of guarded) {
    if (await allowed(op, historyOf)) {
      if (op.entity === 'operator') accepted.push({ row_id: op.rowId, field: op.field, value: op.value, hlc: op.hlc });
    } else refused.add(op);
  }
  return refused;
}

async function allowed(op: Operation, historyOf: (rowId: string | null, hlc: string) => Promise<Row[]>): Promise<boolean> {
  if (op.operator !== null) {
    const author = standingFrom(await historyOf(op.operator, op.hlc));
    // An author without a PIN (the command line's own operator) never signs in, so authorizes nothing.
    // Whether the author was disabled is not asked: the console they worked on, offline, may not
    // have known yet, applied their change at once, and must end in the same state as the others
    // (two administrators apart disabling each other both take effect, as recovery expects).
    return author !== null && author.pin && mayCall(author.role, GUARDED[op.entity]![op.field]!);
  }
  // No author: only the creations first run and recovery make, which have none.
  if (op.entity !== 'operator' || op.field !== '*') return false;
  const created = JSON.parse(op.value) as Record<string, FieldValue>;
  // The command line's own operator, which can never sign in.
  if (created.pinHash === NO_PIN) return true;
  // A console's first operation: its first administrator, made at its first run.
  if (op.seq === 1) return true;
  // Recovery: no enabled operator with a PIN existed then.
  const rows = new Map<string, Row[]>();
  for (const row of await historyOf(null, op.hlc)) rows.set(row.row_id, [...(rows.get(row.row_id) ?? []), row]);
  return ![...rows.values()].some((history) => {
    const s = standingFrom(history);
    return s !== null && !s.disabled && s.pin;
  });
}
