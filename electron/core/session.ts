// One signed-in operator per window (or per CLI run / test page). The router reads it to
// stamp every change with who made it.
export interface Session {
  operatorId: string | null;
  /** Locked after idle time: only unlocking with the operator's PIN (or signing out) answers. */
  locked?: boolean;
  /** The backup this window's administrator inspected last: restoring names it by its token, never by a path. */
  pendingRestore?: { token: string; file: string };
  // pendingJoin: added by post/postKeyFile.ts, which sits above the session.
}

export function createSession(): Session {
  return { operatorId: null, locked: false };
}
