// Single-key shortcuts (1 2 3, ?) stand down while the operator is typing in a field.
export const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
