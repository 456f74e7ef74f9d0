// The file types a save or open dialog offers, named in the language of the operator who asked
// (kept apart from backupDialogs.ts, which needs Electron, so it can be tested in plain Node).
import type { Language } from '../shared/domain';
import { createTranslator } from '../shared/i18n';

export type Kind = 'backup' | 'bundle' | 'postKey' | 'cap' | 'hxl' | 'geojson';
const EXTENSIONS: Record<Kind, string> = { backup: 'db', bundle: 'bundle', postKey: 'key', cap: 'xml', hxl: 'csv', geojson: 'geojson' };
const NAMES = {
  backup: 'dialog.backupFiles', bundle: 'dialog.bundleFiles', postKey: 'dialog.postKeyFiles',
  cap: 'exchange.capFiles', hxl: 'exchange.hxlFiles', geojson: 'exchange.geojsonFiles',
} as const;

export function filtersFor(kind: Kind, language: Language): { name: string; extensions: string[] }[] {
  const t = createTranslator(language);
  // Every file is offered too: a stick's file may have lost its extension on the way.
  return [{ name: t(NAMES[kind]), extensions: [EXTENSIONS[kind]] }, { name: t('dialog.allFiles'), extensions: ['*'] }];
}
