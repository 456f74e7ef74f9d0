// Turns a schema's complaints into the contract's error: one i18n key per field at fault.
import type { z } from 'zod';
import type { ApiError } from '../../../shared/api';

function keyFor(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('validation.')) return issue.message;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'validation.required';
  if (issue.code === 'unrecognized_keys') return 'validation.unknownField';
  if (issue.code === 'too_big') return 'validation.tooLong';
  return 'validation.invalid';
}

export function validationError(error: z.ZodError): ApiError {
  // No prototype: a field named "constructor" or "toString" must be recorded like any other.
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '_');
    fields[path] ??= keyFor(issue);
  }
  return { code: 'error.invalidInput', fields };
}
