// The Electron-only part of backup, restore and bundles: the file dialogs. The core asks
// "which file?" (FileChooser) and does everything else; the renderer never names a path.
import { join } from 'node:path';
import { app, dialog, type BrowserWindow, type FileFilter, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { FileChooser, Session } from './core';

// i18n: like the menu, the dialogs' filter names follow the operator's language in a later step.
const BACKUP_FILTERS = [{ name: 'Beacon backup', extensions: ['db'] }, { name: 'All files', extensions: ['*'] }];
const BUNDLE_FILTERS = [{ name: 'Beacon bundle', extensions: ['bundle'] }, { name: 'All files', extensions: ['*'] }];
const POST_KEY_FILTERS = [{ name: 'Beacon post key', extensions: ['key'] }, { name: 'All files', extensions: ['*'] }];

/** `windowOf` finds the window a session belongs to, so each dialog is modal to the window that asked. */
export function createFileChooser(windowOf: (session: Session) => BrowserWindow | null): FileChooser {
  async function save(session: Session, suggestedName: string, filters: FileFilter[]): Promise<string | null> {
    const parent = windowOf(session);
    const options: SaveDialogOptions = {
      defaultPath: join(app.getPath('documents'), suggestedName), filters, properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return canceled || !filePath ? null : filePath;
  }
  async function open(session: Session, filters: FileFilter[]): Promise<string | null> {
    const parent = windowOf(session);
    const options: OpenDialogOptions = { filters, properties: ['openFile'] };
    const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return canceled ? null : filePaths[0] ?? null;
  }
  return {
    saveBackup: (session, suggestedName) => save(session, suggestedName, BACKUP_FILTERS),
    openBackup: (session) => open(session, BACKUP_FILTERS),
    saveBundle: (session, suggestedName) => save(session, suggestedName, BUNDLE_FILTERS),
    // A stick's file may have lost its extension on the way: every file is offered, bundles first.
    openBundle: (session) => open(session, BUNDLE_FILTERS),
    savePostKey: (session, suggestedName) => save(session, suggestedName, POST_KEY_FILTERS),
    openPostKey: (session) => open(session, POST_KEY_FILTERS),
  };
}
