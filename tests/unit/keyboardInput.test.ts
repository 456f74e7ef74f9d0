// What an operator types on an Arabic or English keyboard reaches Beacon as meant: counts in
// any of the three digit sets (or a clear refusal, never a silent 0), counted nouns in the
// language's plural forms, and shortcuts by physical key whatever the layout types.
import { describe, expect, it } from 'vitest';
import { parseCount, westernDigits } from '../../shared/text/digits';
import { makeLocale } from '../../renderer/src/locale/locale';
import { digitOf, isHelp, isNewCall, type KeyPress } from '../../renderer/src/ui/shortcuts';

const key = (init: Partial<KeyPress> & { key: string; code: string }): KeyPress => ({ ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...init });

describe('counts typed in any digits', () => {
  it('reads Western, Arabic-Indic and Persian digits alike', () => {
    expect(['3', '٣', '۳', ' ١٢ ', '۱۰', ''].map(parseCount)).toEqual([3, 3, 3, 12, 10, 0]);
    expect(westernDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
  });

  it('refuses what is not a whole count instead of storing 0', () => {
    expect(['x', '-1', '1.5', '١,٢', '2e3', '1234567'].map(parseCount)).toEqual([null, null, null, null, null, null]);
  });
});

describe('counted nouns', () => {
  it('follow Arabic plural agreement, in the post\'s digits', () => {
    const ar = makeLocale({ language: 'ar', timeZone: 'Asia/Damascus', digits: 'arab' });
    expect([0, 1, 2, 3, 11, 100].map((n) => ar.count('calls', n))).toEqual(['لا بلاغات', 'بلاغ واحد', 'بلاغان', '٣ بلاغات', '١١ بلاغًا', '١٠٠ بلاغ']);
    const en = makeLocale({ language: 'en', timeZone: 'Asia/Damascus' });
    expect([1, 2].map((n) => en.count('calls', n))).toEqual(['1 call', '2 calls']);
  });
});

describe('shortcuts by physical key', () => {
  it('open intake with Ctrl+N where the Arabic layout types «ى», and help with Shift+/ where it types «؟»', () => {
    expect(isNewCall(key({ key: 'ى', code: 'KeyN', ctrlKey: true }))).toBe(true);
    expect(isNewCall(key({ key: 'ى', code: 'KeyN' }))).toBe(false);
    expect(isHelp(key({ key: '؟', code: 'Slash', shiftKey: true }))).toBe(true);
    expect(isHelp(key({ key: '/', code: 'Slash' }))).toBe(false);
  });

  it('reads 1–9 from the top row or the keypad, whatever digit the layout types', () => {
    expect(digitOf({ code: 'Digit3' })).toBe(3);
    expect(digitOf({ code: 'Numpad7' })).toBe(7);
    expect(digitOf({ code: 'KeyA' })).toBe(null);
  });
});
