// A small translator: nested keys, {name} placeholders. Both languages share one key set.
import type { Language } from '../domain';
import { ar } from './ar';
import { en, type Resources } from './en';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & (string | number)]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & (string | number)];

export type MessageKey = Leaves<Resources>;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const RESOURCES: Record<Language, Resources> = { en, ar: ar as Resources };

export function lookup(resources: Resources, key: string): string | undefined {
  let node: unknown = resources;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function createTranslator(language: Language): Translate {
  const resources = RESOURCES[language];
  return (key, params) => interpolate(lookup(resources, key) ?? lookup(en, key) ?? key, params);
}

/** For keys that arrive as data (error codes from the core): unknown keys fall back to the general error. */
export function translateCode(t: Translate, code: string, params?: Params): string {
  return lookup(en, code) !== undefined ? t(code as MessageKey, params) : t('error.unexpected');
}

/** Every leaf key, for the completeness test. */
export function allKeys(resources: object, prefix = ''): string[] {
  return Object.entries(resources).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : allKeys(v as object, `${prefix}${k}.`)));
}
