// Type-ahead matching that works the way operators type Arabic: with or without hamza,
// taa marbuta or haa, alef maqsura or yaa, diacritics or none, and with or without the
// article. English names match case- and accent-insensitively.

const ARABIC_DIACRITICS = /[\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;

export function normalizeForSearch(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '') // Latin accents
    .normalize('NFC')
    .replace(ARABIC_DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ؤ/g, 'و')
    .replace(/[ئى]/g, 'ي')
    .replace(/ة/g, 'ه')
    // A standalone hamza is often left out when typing fast.
    .replace(/ء/g, '')
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/[-_.'’ʿʾ`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words without a leading article ("ال", "al", "el"), so "Haffah", "al-Haffah", "الحفة" and "حفه" all meet. */
function words(normalized: string): string[] {
  const out: string[] = [];
  for (const word of normalized.split(' ')) {
    if (!word || word === 'al' || word === 'el') continue;
    out.push(word.startsWith('ال') && word.length > 3 ? word.slice(2) : word);
    if (word.startsWith('ال') && word.length > 3) out.push(word);
  }
  return out;
}

/** True when every word of the query begins some word of one of the names. */
export function matchesSearch(names: readonly string[], query: string): boolean {
  const queryWords = words(normalizeForSearch(query));
  if (queryWords.length === 0) return true;
  return names.some((name) => {
    const nameWords = words(normalizeForSearch(name));
    return queryWords.every((q) => nameWords.some((w) => w.startsWith(q)));
  });
}

/** Matching items, those whose name starts with the query first; otherwise in the given order. */
export function rankMatches<T>(items: readonly T[], namesOf: (t: T) => readonly string[], query: string, limit = 20): T[] {
  const q = normalizeForSearch(query);
  const matching = items.filter((item) => matchesSearch(namesOf(item), query));
  const starts = (item: T) => namesOf(item).some((n) => {
    const name = normalizeForSearch(n);
    return name.startsWith(q) || (name.startsWith('ال') && name.slice(2).startsWith(q));
  });
  return [...matching.filter(starts), ...matching.filter((i) => !starts(i))].slice(0, limit);
}
