// Digits, dates, times and durations as the operator reads them (issue 7, point 5).
import { describe, expect, it } from 'vitest';
import { makeLocale, toArabicIndic } from '../../renderer/src/locale/locale';
import { pseudoLocalise } from '../../renderer/src/locale/pseudo';

const DAMASCUS = 'Asia/Damascus';
// 24 November 2026, 21:05:09 in Damascus (UTC+3).
const AT = Date.UTC(2026, 10, 24, 18, 5, 9);
const MIN = 60_000;

describe('the locale', () => {
  const arabic = makeLocale({ language: 'ar', timeZone: DAMASCUS, digits: 'arab' });
  const arabicWestern = makeLocale({ language: 'ar', timeZone: DAMASCUS, digits: 'latn' });
  const english = makeLocale({ language: 'en', timeZone: DAMASCUS, digits: 'arab' });

  it('writes times on a 24-hour clock in the post\'s time zone, with the post\'s digits', () => {
    expect(arabic.time(AT)).toBe('٢١:٠٥');
    expect(arabicWestern.time(AT)).toBe('21:05');
    expect(english.time(AT)).toBe('21:05');
  });

  it('names months and days in Arabic as the Levant does', () => {
    expect(arabic.date(AT)).toBe('٢٤ تشرين الثاني ٢٠٢٦');
    expect(arabicWestern.date(AT)).toBe('24 تشرين الثاني 2026');
    expect(arabic.dateTime(AT)).toMatch(/^٢٤ تشرين الثاني.*٢١:٠٥$/);
    expect(english.date(AT)).toBe('24 November 2026');
  });

  it('writes numbers with Arabic-Indic digits only when the post chose them, English always Western', () => {
    expect(arabic.number(1234.56, 1)).toBe('١٬٢٣٤٫٦');
    expect(arabicWestern.number(1234)).toBe('1,234');
    expect(english.number(1234)).toBe('1,234');
    expect(toArabicIndic('P1 07')).toBe('P١ ٠٧');
  });

  it('never puts a middle dot beside Arabic-Indic digits, where it reads as the zero (٠)', () => {
    expect(arabic.sep).toBe(' | ');
    expect(arabicWestern.sep).toBe(' · ');
    expect(english.sep).toBe(' · ');
    // Messages that join their parts with a dot follow the same rule.
    expect(arabic.t('header.shift', { start: '08:00', end: '20:00', left: 'x' })).not.toContain('·');
    expect(english.t('header.shift', { start: '08:00', end: '20:00', left: 'x' })).toContain(' · ');
  });

  it('writes waiting and response times readably in both languages', () => {
    expect(arabic.duration(42_000)).toBe('٤٢ ث');
    expect(arabic.duration(7 * MIN + 3_000)).toBe('٧ د');
    expect(arabic.duration(125 * MIN)).toBe('٢ س ٥ د');
    expect(arabic.duration(26 * 60 * MIN)).toBe('١ ي ٢ س');
    expect(arabicWestern.duration(125 * MIN)).toBe('2 س 5 د');
    expect(english.duration(125 * MIN)).toBe('2 h 5 min');
    expect(english.duration(-5_000)).toBe('0s');
  });

  it('puts the post\'s digits into message counts and words, but leaves data and Latin names as written', () => {
    expect(arabic.t('queue.trappedShort', { n: 12 })).toBe('عالقون ١٢');
    expect(arabic.t('stats.last7d')).toBe('آخر ٧ أيام');
    expect(arabic.t('priority.short1')).toBe('أ١');
    expect(arabic.t('queue.open', { number: 'LTK-261124-A017' })).toContain('LTK-261124-A017');
    expect(arabic.t('import.utf8')).toContain('UTF-8');
    expect(arabicWestern.t('queue.trappedShort', { n: 12 })).toBe('عالقون 12');
  });
});

describe('the pseudo-locale', () => {
  it('accents and lengthens every message but keeps its placeholders', () => {
    expect(pseudoLocalise('Settings')).toBe('[Šéţţîñĝš ~~~~]');
    expect(pseudoLocalise('Open incident {number}')).toMatch(/^\[Öþéñ îñçîðéñţ \{number\} ~+\]$/);
    // Long messages are padded in words that can wrap, as a longer translation would.
    expect(pseudoLocalise('When each shift starts, on the clock of the post')).toBe('[Ŵĥéñ éáçĥ šĥîƒţ šţáŕţš, öñ ţĥé çļöçķ öƒ ţĥé þöšţ ~~~~~~ ~~~~~~ ~~~~]');
    const pseudo = makeLocale({ language: 'en', timeZone: DAMASCUS, pseudo: true });
    expect(pseudo.t('queue.open', { number: 'LTK-1' })).toContain('LTK-1');
    expect(pseudo.t('queue.open', { number: 'LTK-1' })).not.toMatch(/Open/);
  });
});
