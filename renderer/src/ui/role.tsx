// What the signed-in operator's role allows, from the same table the core enforces. The
// renderer only hides; the core is what refuses.
import { createContext, useContext } from 'react';
import { mayCall, requiredRole, type ChannelName } from '../../../shared/api';
import type { OperatorRole } from '../../../shared/domain';

export const RoleContext = createContext<OperatorRole | null>(null);

export function useMay(): (channel: ChannelName, input?: unknown) => boolean {
  const role = useContext(RoleContext);
  return (channel, input) => mayCall(role, requiredRole(channel, input ?? {}));
}
