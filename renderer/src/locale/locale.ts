// Language, direction and formatting for the whole renderer, without React, so Vitest can
// check it. Times are shown in the post's time zone with a 24-hour clock, whatever the
// laptop's own settings; digits follow the post's choice in the Arabic interface.
import type { ApiError } from '../../../shared/api';
import type { DigitStyle, Language } from '../../../shared/domain';
import { createTranslator, interpolate, translateCode, type Params, type Translate } from '../../../shared/i18n';
import { pseudoTranslator } from './pseudo';
import { pluralForm } from '../../../shared/i18n/plural';

export interface Locale {
  language: Language;
  dir: 'rtl' | 'ltr';
  /** BCP 47 tag with the numbering system, for any Intl formatter a screen makes itself. */
  tag: string;
  t: Translate;
  /** A core error code (an i18n key that arrives as data) in the operator's language. */
  tCode: (code: string, params?: Params) => string;
  errorText: (error: ApiError) => string;
  time: (ms: number) => string;
  dateTime: (ms: number) => string;
  /** A calendar date with the month's name, e.g. ٢٤ تشرين الثاني ٢٠٢٦. */
  date: (ms: number) => string;
  duration: (ms: number) => string;
  /** A number in the operator's language, with at most `digits` decimals. */
  number: (n: number, digits?: number) => string;
  /** A counted noun in the language's plural form (Intl.PluralRules): «بلاغ واحد», «٣ بلاغات», "1 call". */
  count: (noun: 'calls' | 'volunteers', n: number) => string;
  /** Western digits in a text already made (hour labels, padded numbers) written the post's way. */
  digits: (text: string) => string;
  /**
   * What stands between the parts of a line (type, place, time, who). With Arabic-Indic digits a
   * middle dot reads as the zero (٠): «٠٨:٤٨ · بواسطة» looks like a number, so a bar stands there.
   */
  sep: string;
  timeZone: string;
}

export interface LocaleOptions {
  language: Language;
  timeZone: string;
  /** Applies to the Arabic interface; English is always written with Western digits. */
  digits?: DigitStyle;
  /** Tests only: long accented English that shows hard-coded text and truncation. */
  pseudo?: boolean;
}

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

export function toArabicIndic(text: string): string {
  return text.replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)]!);
}

/** Digits of the message's own words (“آخر 7 أيام”), but not of Latin names and addresses in it (UTF-8, :5432). */
function toArabicIndicInProse(text: string): string {
  return text.replace(/(^|[^A-Za-z0-9:/@.-])([0-9]+)/g, (_, before: string, run: string) => before + toArabicIndic(run));
}

export function makeLocale({ language, timeZone, digits = 'latn', pseudo = false }: LocaleOptions): Locale {
  const style: DigitStyle = language === 'ar' ? digits : 'latn';
  const tag = language === 'ar' ? `ar-SY-u-nu-${style}` : 'en-GB';
  const writeDigits = style === 'arab' ? toArabicIndic : (text: string) => text;
  const template = pseudo ? pseudoTranslator(createTranslator('en')) : createTranslator(language);
  // Counts given to a message as numbers are written with the post's digits too; text
  // params (incident numbers, call signs, phone numbers) are data and stay as written.
  const sep = style === 'arab' ? ' | ' : ' · ';
  const prose = style === 'arab' ? (text: string) => toArabicIndicInProse(text).replaceAll(' · ', sep) : (text: string) => text;
  const t: Translate = (key, params) => interpolate(prose(template(key)), params && Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? writeDigits(String(v)) : v]),
  ));
  const timeFormat = new Intl.DateTimeFormat(tag, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dateTimeFormat = new Intl.DateTimeFormat(tag, { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dateFormat = new Intl.DateTimeFormat(tag, { timeZone, day: 'numeric', month: 'long', year: 'numeric' });
  const tCode = (code: string, params?: Params) => translateCode(t, code, params);
  const numberFormats = [0, 1, 2].map((d) => new Intl.NumberFormat(tag, { maximumFractionDigits: d }));
  return {
    language, dir: language === 'ar' ? 'rtl' : 'ltr', tag, t, tCode, timeZone, digits: writeDigits, sep,
    errorText: (error) => tCode(error.code, error.params),
    time: (ms) => timeFormat.format(ms),
    dateTime: (ms) => dateTimeFormat.format(ms),
    date: (ms) => dateFormat.format(ms),
    count: (noun, n) => t(`keys.${noun}.${pluralForm(language, n)}`, { n }),
    number: (n, d = 0) => numberFormats[Math.max(0, Math.min(2, d))]!.format(n),
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
