// The head of the first-run and sign-in cards: a title, and the language switch beside it.
import type { Language } from '../../../shared/domain';
import { LanguageSwitch } from './LanguageSwitch';

export function CardHead({ id, title, language, onLanguage }: { id: string; title: string; language: Language; onLanguage: (l: Language) => void }) {
  return (
    <div className="card__head">
      <h1 id={id}>{title}</h1>
      <LanguageSwitch language={language} onLanguage={onLanguage} />
    </div>
  );
}
