// One signed-in operator per window (or per CLI run / test page). The router reads it to
// stamp every change with who made it.
export interface Session {
  operatorId: string | null;
}

export function createSession(): Session {
  return { operatorId: null };
}
