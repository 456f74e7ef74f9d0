// Operations from elsewhere, as the store sees them: the work that applies them and renews this
// console's origin lives in sync/ (applyOperations.ts, renewOrigin.ts), which sits above db/, so
// openCore lends it to the store (db/store.ts `remote`) instead of db/ importing sync/.
import type { HybridClock } from './hlc';
import type { Operation, Rejection } from './operation';
import type { WriteTx } from '../base/handles';

/** Authentic but not acceptable: a value the API refuses, or a guarded change its author could not make (issue #18). */
export type TrustRejection = 'unsafeValue' | 'notAuthorized';

export interface ApplyResult {
  applied: number;
  known: number;
  quarantined: { origin: string; seq: number; reason: Rejection | TrustRejection | 'duplicateIdentity' | 'ownOrigin' | 'constraint' }[];
}

export interface Renewal {
  previous: string;
  origin: string;
  /** This console's operations moved to the new origin (its new counter). */
  moved: number;
}

export interface RemoteWrites {
  apply(tx: WriteTx, local: { origin: string; clock: HybridClock }, operations: readonly Operation[], now: number): Promise<ApplyResult>;
  renew(tx: WriteTx, previous: string, keepThrough: number, now: number): Promise<Renewal>;
}
