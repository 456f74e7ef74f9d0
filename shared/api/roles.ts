// Who may call what (issue 8): operators log calls, dispatch and write notes; supervisors
// also close and cancel incidents and edit teams, roster and shifts; administrators also
// manage operators, hubs and the post. Each feature declares its channels' roles beside their
// schemas; the core refuses, the renderer only hides.
import type { OperatorRole } from '../domain';
import { api, type ChannelName } from './index';
import type { Requirement } from './channel';

const RANK: Record<OperatorRole, number> = { operator: 1, supervisor: 2, administrator: 3 };

/** The role a call needs; some depend on what is asked (closing an incident is a supervisor's). */
export function requiredRole(channel: ChannelName, input: unknown): Requirement {
  if (channel === 'incidents.setStatus' && input && typeof input === 'object' && 'status' in input
    && (input.status === 'closed' || input.status === 'cancelled')) {
    return 'supervisor';
  }
  // Read at call time: index.ts imports this file before its table exists.
  return api[channel].role;
}

export function mayCall(role: OperatorRole | null, requirement: Requirement): boolean {
  if (requirement === 'public') return true;
  return role !== null && RANK[role] >= RANK[requirement];
}
