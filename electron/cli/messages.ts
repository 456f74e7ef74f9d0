// The command line speaks English: IT staff read it, and scripts parse its JSON, not its words.
import { en } from '../../shared/i18n/en';

export function messageFor(code: string, params: Record<string, string | number>): string {
  let node: unknown = en;
  for (const part of code.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  const template = typeof node === 'string' ? node : code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}
