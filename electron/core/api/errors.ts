// Errors are values the operator can read: an i18n key, its parameters, and the fields at fault.
import type { ApiError } from '../../../shared/api';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly params?: Record<string, string | number>,
    readonly fields?: Record<string, string>,
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
export function fieldError(field: string, key: string): DomainError {
  return new DomainError('error.invalidInput', undefined, { [field]: key });
}
