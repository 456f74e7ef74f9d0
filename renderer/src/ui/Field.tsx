// A labelled form field with its error beside it, announced to screen readers.
import { useId, type ReactElement, type ReactNode } from 'react';
import { cloneElement } from 'react';

export function Field({ label, error, hint, children, className }: {
  label: string;
  error?: string | undefined;
  hint?: ReactNode | undefined;
  children: ReactElement<Record<string, unknown>>;
  className?: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  // Chromium draws an empty date field's placeholder from its own locale, and in Arabic draws it
  // with its letters reversed: marked so the stylesheet can leave an empty field blank until used.
  const emptyDate = children.props.type === 'date' && children.props.value === '';
  return (
    <div className={`field ${className ?? ''} ${error ? 'field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, 'data-empty': emptyDate || undefined })}
      {hint ? <small id={hintId} className="field__hint">{hint}</small> : null}
      {error ? <span id={errorId} className="field__error" role="alert">{error}</span> : null}
    </div>
  );
}

export function ErrorBanner({ children }: { children: ReactNode }) {
  return children ? <div className="banner banner--error" role="alert">{children}</div> : null;
}
