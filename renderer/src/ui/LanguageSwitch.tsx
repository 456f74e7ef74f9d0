import type { Language } from '../../../shared/domain';
import { useLocale } from '../i18n';

export function LanguageSwitch({ language, onLanguage }: { language: Language; onLanguage: (l: Language) => void }) {
  const { t } = useLocale();
  return (
    <button type="button" className="button button--ghost" aria-label={t('header.languageLabel')} lang={language === 'ar' ? 'en' : 'ar'}
      onClick={() => onLanguage(language === 'ar' ? 'en' : 'ar')}>
      {t('header.language')}
    </button>
  );
}
