// Counted nouns by the language's own plural rules (Intl.PluralRules): Arabic has six forms
// (بلاغ واحد، بلاغان، ٣ بلاغات، ١١ بلاغًا، ١٠٠ بلاغ), English two. A counted message is a
// group of keys, one per form; both languages carry all six so the key sets stay equal.
import type { Language } from '../domain';

export type PluralForm = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

const rules = new Map<Language, Intl.PluralRules>();

export function pluralForm(language: Language, n: number): PluralForm {
  let rule = rules.get(language);
  if (!rule) {
    rule = new Intl.PluralRules(language);
    rules.set(language, rule);
  }
  return rule.select(n);
}
