// Who may call what (issue 8): operators log calls, dispatch and write notes; supervisors
// also close and cancel incidents and edit teams, roster and shifts; administrators also
// manage operators, hubs and the post. Each feature declares its channels' roles beside their
// schemas (shared/api/<feature>.ts); the core refuses, the renderer only hides. This file
// imports nothing of the contract, so the contract (index.ts) can import it without a circle.
import type { OperatorRole } from '../domain';
import type { Requirement } from './channel';

const RANK: Record<OperatorRole, number> = { operator: 1, supervisor: 2, administrator: 3 };

/**
 * The role a call needs: what its channel declares, raised where the input asks more (closing
 * or cancelling an incident is a supervisor's).
 */
export function roleForInput(channel: string, declared: Requirement, input: unknown): Requirement {
  if (channel === 'incidents.setStatus' && input && typeof input === 'object' && 'status' in input
    && (input.status === 'closed' || input.status === 'cancelled')) {
    return 'supervisor';
  }
  return declared;
}

export function mayCall(role: OperatorRole | null, requirement: Requirement): boolean {
  if (requirement === 'public') return true;
  return role !== null && RANK[role] >= RANK[requirement];
}
