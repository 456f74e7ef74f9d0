// A refused save sends focus to the first field that says why, so the operator can fix it
// without hunting for it.
import { useEffect, type RefObject } from 'react';

export function useFocusFirstInvalid(container: RefObject<HTMLElement | null>, error: unknown): void {
  useEffect(() => {
    if (!error) return;
    const field = container.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus();
  }, [container, error]);
}
