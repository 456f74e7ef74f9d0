// Their words for types, districts and priorities → Beacon's codes. The mapping's own table
// comes first; then Beacon's codes and its English and Arabic names, compared the way
// operators search (hamza, taa marbuta, the article and case do not matter).
import { INCIDENT_TYPES, PRIORITIES, type IncidentType, type Priority } from '../../../shared/domain';
import { ar } from '../../../shared/i18n/ar';
import { en } from '../../../shared/i18n/en';
import { normalizeForSearch } from '../../../shared/text/search';
import { DISTRICTS } from '../reference/districts';
import type { ImportMapping } from './mapping';

export type Lookup<T> = (value: string) => T | undefined;

/** Normalised, without a leading article: "Al-Haffah", "الحفة" and "حفه" give the same key. */
export function termKey(text: string): string {
  return normalizeForSearch(text)
    .split(' ')
    .filter((w) => w !== 'al' && w !== 'el')
    .map((w) => (w.startsWith('ال') && w.length > 3 ? w.slice(2) : w))
    .join(' ');
}

/** A term two codes share (after normalising) is left out rather than guessed. */
function lookupTable<T>(entries: Iterable<readonly [string, T]>): Map<string, T> {
  const table = new Map<string, T>();
  const ambiguous = new Set<string>();
  for (const [term, value] of entries) {
    const key = termKey(term);
    if (!key) continue;
    if (table.has(key) && table.get(key) !== value) ambiguous.add(key);
    else table.set(key, value);
  }
  for (const key of ambiguous) table.delete(key);
  return table;
}

/** A term with `*` matches by pattern ("EMS:*" is every title starting "EMS:"), ignoring case and accents. */
const isPattern = (term: string) => term.includes('*');

function patternOf(term: string): RegExp {
  const parts = normalizeForSearch(term.trim()).split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 's');
}

function lookup<T>(own: Readonly<Record<string, T>> | undefined, builtIn: Iterable<readonly [string, T]>): Lookup<T> {
  const entries = Object.entries(own ?? {});
  const exact = new Map(entries.filter(([term]) => !isPattern(term)));
  const mapped = lookupTable(exact);
  // In the mapping's order, so a narrower pattern written first wins over a wider one.
  const patterns = entries.filter(([term]) => isPattern(term)).map(([term, value]) => [patternOf(term), value] as const);
  const beacon = lookupTable(builtIn);
  const find = (value: string): T | undefined => {
    const key = termKey(value);
    const found = exact.get(value) ?? mapped.get(key);
    if (found !== undefined) return found;
    const normalized = normalizeForSearch(value.trim());
    for (const [pattern, result] of patterns) if (pattern.test(normalized)) return result;
    return beacon.get(key);
  };
  // A log repeats a few dozen words over hundreds of thousands of rows: each is looked up once.
  const seen = new Map<string, T | undefined>();
  return (value) => {
    if (seen.has(value)) return seen.get(value);
    const found = find(value);
    if (seen.size < 10_000) seen.set(value, found);
    return found;
  };
}

/** A name and each part of "Shelling / airstrike / explosion". */
function* namesOf<T>(value: T, ...names: string[]): Generator<readonly [string, T]> {
  for (const name of names) {
    yield [name, value];
    if (name.includes('/')) for (const part of name.split('/')) yield [part, value];
  }
}

export function incidentTypeLookup(mapping: ImportMapping): Lookup<IncidentType> {
  return lookup(mapping.values.type, INCIDENT_TYPES.flatMap((t) => [...namesOf(t, t, en.incidentType[t], ar.incidentType[t])]));
}

export function districtLookup(mapping: ImportMapping): Lookup<string> {
  return lookup(mapping.values.district, DISTRICTS.flatMap((d) => [...namesOf(d.code, d.code, d.name.en, d.name.ar)]));
}

export function priorityLookup(mapping: ImportMapping): Lookup<Priority> {
  return lookup(mapping.values.priority, PRIORITIES.flatMap((p) => [[String(p), p], [`p${p}`, p]] as const));
}
