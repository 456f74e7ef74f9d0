import { describe, expect, it } from 'vitest';
import { matchesSearch, normalizeForSearch, rankMatches } from '../../shared/text/search';

describe('type-ahead matching', () => {
  it('matches Arabic whatever the hamza, taa marbuta, alef maqsura, diacritics and article', () => {
    expect(matchesSearch(['الحفة'], 'حفه')).toBe(true);
    expect(matchesSearch(['اللاذقية'], 'اللاذقيه')).toBe(true);
    expect(matchesSearch(['إدلب'], 'ادلب')).toBe(true);
    expect(matchesSearch(['مُصطفى'], 'مصطفي')).toBe(true);
    expect(matchesSearch(['عين البيضا'], 'عين بيض')).toBe(true);
    expect(matchesSearch(['جبلة'], 'حفه')).toBe(false);
  });

  it('matches English names by word prefix, ignoring case, accents and "al-"', () => {
    expect(matchesSearch(['Al-Haffah'], 'haff')).toBe(true);
    expect(matchesSearch(['Jableh'], 'JAB')).toBe(true);
    expect(matchesSearch(['Qardāḥa'], 'qardaha')).toBe(true);
    expect(matchesSearch(['Latakia'], 'jab')).toBe(false);
  });

  it('folds Arabic-Indic digits and punctuation', () => {
    expect(normalizeForSearch('حي ٨ آذار')).toBe('حي 8 اذار');
    expect(normalizeForSearch("Qastal Ma'af")).toBe('qastal ma af');
  });

  it('ranks names that start with the query first', () => {
    const items = [{ n: 'Ain al-Baida' }, { n: 'Baida' }];
    expect(rankMatches(items, (i) => [i.n], 'bai').map((i) => i.n)).toEqual(['Baida', 'Ain al-Baida']);
  });
});
