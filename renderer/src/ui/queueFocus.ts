// "Focus the queue list" as a request any screen can make (after sign-in, after intake, on
// Escape from an incident, F6 from anywhere); the queue screen serves it once its rows are
// there, so the operator's next ↑ ↓ Enter works at once.
import { useSyncExternalStore } from 'react';

let requested = 0;
let served = 0;
const listeners = new Set<() => void>();

export function requestQueueFocus(): void {
  requested += 1;
  for (const listener of listeners) listener();
}

/** A number that changes with every request; the queue screen re-runs its focus effect on it. */
export function useQueueFocusRequest(): number {
  return useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => requested);
}

/** True once per request: the caller focuses, and later renders leave focus alone. */
export function takeQueueFocusRequest(): boolean {
  if (served >= requested) return false;
  served = requested;
  return true;
}
