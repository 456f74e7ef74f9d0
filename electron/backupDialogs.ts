// The Electron-only part of backup, restore and bundles: the file dialogs. The core asks
// "which file?" (FileChooser) and does everything else; the renderer never names a path.
import { join } from 'node:path';
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { FileChooser, Session } from './core';
import type { Language } from '../shared/domain';
import { filtersFor, type Kind } from './dialogFilters';

/**
 * `windowOf` finds the window a session belongs to, so each dialog is modal to the window that
 * asked; `languageOf` the language its operator reads.
 */
export function createFileChooser(windowOf: (session: Session) => BrowserWindow | null, languageOf: (session: Session) => Promise<Language>): FileChooser {
  async function save(session: Session, suggestedName: string, kind: Kind): Promise<string | null> {
    const filters = filtersFor(kind, await languageOf(session));
    const parent = windowOf(session);
    const options: SaveDialogOptions = {
      defaultPath: join(app.getPath('documents'), suggestedName), filters, properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return canceled || !filePath ? null : filePath;
  }
  async function open(session: Session, kind: Kind): Promise<string | null> {
    const filters = filtersFor(kind, await languageOf(session));
    const parent = windowOf(session);
    const options: OpenDialogOptions = { filters, properties: ['openFile'] };
    const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return canceled ? null : filePaths[0] ?? null;
  }
  return {
    saveBackup: (session, suggestedName) => save(session, suggestedName, 'backup'),
    openBackup: (session) => open(session, 'backup'),
    saveBundle: (session, suggestedName) => save(session, suggestedName, 'bundle'),
    // A stick's file may have lost its extension on the way: every file is offered, bundles first.
    openBundle: (session) => open(session, 'bundle'),
    savePostKey: (session, suggestedName) => save(session, suggestedName, 'postKey'),
    openPostKey: (session) => open(session, 'postKey'),
    saveExport: (session, suggestedName, kind) => save(session, suggestedName, kind),
  };
}
