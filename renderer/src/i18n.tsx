// Language, direction and formatting for the whole renderer. Times are shown in the post's
// time zone with a 24-hour clock, whatever the laptop's own settings.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ApiError } from '../../shared/api';
import type { Language } from '../../shared/domain';
import { createTranslator, translateCode, type Translate } from '../../shared/i18n';

export interface Locale {
  language: Language;
  dir: 'rtl' | 'ltr';
  t: Translate;
  /** A core error code (an i18n key that arrives as data) in the operator's language. */
  tCode: (code: string, params?: Record<string, string | number>) => string;
  errorText: (error: ApiError) => string;
  time: (ms: number) => string;
  dateTime: (ms: number) => string;
  duration: (ms: number) => string;
  /** A number in the operator's language, with at most `digits` decimals. */
  number: (n: number, digits?: number) => string;
  timeZone: string;
}

const LocaleContext = createContext<Locale | null>(null);

export function makeLocale(language: Language, timeZone: string): Locale {
  const t = createTranslator(language);
  const tag = language === 'ar' ? 'ar-SY-u-nu-latn' : 'en-GB';
  const timeFormat = new Intl.DateTimeFormat(tag, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dateTimeFormat = new Intl.DateTimeFormat(tag, { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const tCode = (code: string, params?: Record<string, string | number>) => translateCode(t, code, params);
  const numberFormats = [0, 1, 2].map((digits) => new Intl.NumberFormat(tag, { maximumFractionDigits: digits }));
  return {
    language, dir: language === 'ar' ? 'rtl' : 'ltr', t, tCode, timeZone,
    errorText: (error) => tCode(error.code, error.params),
    time: (ms) => timeFormat.format(ms),
    dateTime: (ms) => dateTimeFormat.format(ms),
    number: (n, digits = 0) => numberFormats[Math.max(0, Math.min(2, digits))]!.format(n),
    duration: (ms) => {
      const s = Math.max(0, Math.floor(ms / 1000));
      if (s < 60) return t('duration.seconds', { s });
      const m = Math.floor(s / 60);
      if (m < 60) return t('duration.minutes', { m });
      const h = Math.floor(m / 60);
      if (h < 24) return t('duration.hoursMinutes', { h, m: m % 60 });
      return t('duration.daysHours', { d: Math.floor(h / 24), h: h % 24 });
    },
  };
}

export function LocaleProvider({ language, timeZone, children }: { language: Language; timeZone: string; children: ReactNode }) {
  const locale = useMemo(() => makeLocale(language, timeZone), [language, timeZone]);
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  const locale = useContext(LocaleContext);
  if (!locale) throw new Error('useLocale outside LocaleProvider');
  return locale;
}
