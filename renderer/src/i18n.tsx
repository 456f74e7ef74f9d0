// The operator's locale for every component (see locale/locale.ts for what it formats).
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { DigitStyle, Language } from '../../shared/domain';
import { makeLocale, type Locale } from './locale/locale';

export type { Locale } from './locale/locale';

const LocaleContext = createContext<Locale | null>(null);

/**
 * The pseudo-locale is for the test suite only: it is chosen by `?locale=pseudo` in the
 * page address, which the app's window never has and the operator cannot type.
 */
export const PSEUDO_LOCALE = new URLSearchParams(window.location.search).get('locale') === 'pseudo';

export function LocaleProvider({ language, timeZone, digits, children }: { language: Language; timeZone: string; digits: DigitStyle; children: ReactNode }) {
  const locale = useMemo(
    () => makeLocale({ language: PSEUDO_LOCALE ? 'en' : language, timeZone, digits, pseudo: PSEUDO_LOCALE }),
    [language, timeZone, digits],
  );
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  const locale = useContext(LocaleContext);
  if (!locale) throw new Error('useLocale outside LocaleProvider');
  return locale;
}
