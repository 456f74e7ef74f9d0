// An error's code is a translation key by type: the operator always reads a sentence, never a code.
import { describe, expect, it } from 'vitest';
import { DomainError, fieldError } from '../../electron/core/base/errors';
import { createTranslator, translateCode } from '../../shared/i18n';

describe('DomainError', () => {
  it('refuses, at compile time, a code or a field key that is not in the translations', () => {
    // @ts-expect-error 'error.noSuchKey' is not a key of shared/i18n/en.ts
    const unknownCode = new DomainError('error.noSuchKey');
    // @ts-expect-error a field's key is a translation key too
    const unknownField = fieldError('name', 'validation.noSuchKey');
    // At run time the renderer still falls back to the general error for anything unknown.
    expect(translateCode(createTranslator('en'), unknownCode.code)).toBe(createTranslator('en')('error.unexpected'));
    expect(unknownField.fields).toEqual({ name: 'validation.noSuchKey' });
  });

  it('carries its code, parameters and fields to the wire and reads as a sentence in both languages', () => {
    const err = new DomainError('error.invalidInput', { n: 2 }, { name: 'error.invalidInput' });
    expect(err.toApiError()).toEqual({ code: 'error.invalidInput', params: { n: 2 }, fields: { name: 'error.invalidInput' } });
    for (const language of ['en', 'ar'] as const) {
      const text = translateCode(createTranslator(language), err.code);
      expect(text).not.toBe('error.invalidInput');
      expect(text.length).toBeGreaterThan(0);
    }
  });
});
