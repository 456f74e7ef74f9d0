// A pseudo-locale for tests: every message becomes longer, accented English in brackets,
// so text that bypasses i18n stands out (plain ASCII) and layouts meet longer words, as
// Arabic's often are. Placeholders keep their names so data still fills them.
import type { Translate } from '../../../shared/i18n';

const ACCENTED: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', w: 'ŵ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', W: 'Ŵ', Y: 'Ý', Z: 'Ž',
};

/** Accents every letter outside {placeholders} and pads by about 40 % (in words of tildes). */
export function pseudoLocalise(template: string): string {
  if (template.trim() === '' || !/[A-Za-z]/.test(template)) return template;
  const accented = template.split(/(\{\w+\})/).map((part) => (/^\{\w+\}$/.test(part) ? part : part.replace(/[A-Za-z]/g, (c) => ACCENTED[c] ?? c))).join('');
  const letters = template.replace(/\{\w+\}/g, '').replace(/[^A-Za-z]/g, '').length;
  // The padding comes in words of at most six, as a longer translation does: one unbroken run
  // would be a word no translation has, and would spill out of any paragraph.
  const padding = '~'.repeat(Math.max(2, Math.ceil(letters * 0.4))).replace(/~{6}(?=~)/g, '$& ');
  return `[${accented} ${padding}]`;
}

/** The English translator with each message pseudo-localised before its placeholders are filled. */
export function pseudoTranslator(english: Translate): Translate {
  return (key, params) => {
    const template = english(key);
    const filled = pseudoLocalise(template);
    return params ? filled.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : filled;
  };
}
