// "Focus the queue list" as a request any screen can make (after sign-in, after intake, on
// Escape from an incident, F6 from anywhere); the queue screen serves it once its rows are
// there, so the operator's next ↑ ↓ Enter works at once.
import { useSyncExternalStore } from 'react';

let requested = 0;
let served = 0;
let forced = false;
const listeners = new Set<() => void>();

/**
 * `force`: the operator asked for the queue (F6, 1 2 3) or has just added to it (intake). Without
 * it (leaving an incident, a dialog with no opener) the list takes focus only if nothing else
 * has it by the time the rows arrive: a key the operator pressed meanwhile wins.
 */
export function requestQueueFocus(force = false): void {
  requested += 1;
  forced = force;
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
  const free = !document.activeElement || document.activeElement === document.body;
  return forced || free;
}
