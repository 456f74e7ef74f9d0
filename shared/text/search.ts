// Provisional: replaced by the full normaliser.
export function normalizeForSearch(s: string): string {
  return s.normalize('NFKC').toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا').replace(/ؤ/g, 'و').replace(/[ئى]/g, 'ي').replace(/ة/g, 'ه')
    .replace(/\s+/g, ' ').trim();
}
export function matchesSearch(names: readonly string[], query: string): boolean {
  const q = normalizeForSearch(query);
  return names.some((n) => normalizeForSearch(n).includes(q));
}
export function rankMatches<T>(items: readonly T[], namesOf: (t: T) => readonly string[], query: string, limit = 10): T[] {
  return items.filter((i) => matchesSearch(namesOf(i), query)).slice(0, limit);
}
