// Errors are values the operator can read: an i18n key, its parameters, and the fields at fault.
// The code is a translation key by type, so a code with no English text does not compile.
import type { ApiError } from '../../../shared/api';
import type { MessageKey } from '../../../shared/i18n';

export type ErrorCode = MessageKey;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params?: Record<string, string | number>,
    readonly fields?: Record<string, ErrorCode>,
  ) {
    super(code);
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      ...(this.params ? { params: this.params } : {}),
      ...(this.fields ? { fields: this.fields } : {}),
    };
  }
}

/** A single field at fault, shown beside that field. */
export function fieldError(field: string, key: ErrorCode): DomainError {
  return new DomainError('error.invalidInput', undefined, { [field]: key });
}
