// The Electron-only part of backup and restore: the file dialogs. The core asks "which
// file?" (FileChooser) and does everything else; the renderer never names a path.
import { join } from 'node:path';
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { FileChooser, Session } from './core';

// i18n: like the menu, the dialogs' filter names follow the operator's language in a later step.
const FILTERS = [{ name: 'Beacon backup', extensions: ['db'] }, { name: 'All files', extensions: ['*'] }];

/** `windowOf` finds the window a session belongs to, so each dialog is modal to the window that asked. */
export function createFileChooser(windowOf: (session: Session) => BrowserWindow | null): FileChooser {
  return {
    async saveBackup(session, suggestedName) {
      const parent = windowOf(session);
      const options: SaveDialogOptions = {
        defaultPath: join(app.getPath('documents'), suggestedName), filters: FILTERS, properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return canceled || !filePath ? null : filePath;
    },
    async openBackup(session) {
      const parent = windowOf(session);
      const options: OpenDialogOptions = { filters: FILTERS, properties: ['openFile'] };
      const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return canceled ? null : filePaths[0] ?? null;
    },
  };
}
