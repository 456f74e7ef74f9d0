// A modal dialog on the native <dialog>: focus stays inside, Escape asks the owner to close,
// and on closing focus goes back to what opened it (unless the owner sends it elsewhere).
import { useEffect, useRef, type ReactNode } from 'react';
import { requestQueueFocus } from './queueFocus';

export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (opener instanceof HTMLElement && opener !== document.body && opener.isConnected) opener.focus();
      // Opened by a shortcut with nothing focused: the queue list, not the page body.
      else requestQueueFocus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog ${wide ? 'dialog--wide' : ''}`}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
