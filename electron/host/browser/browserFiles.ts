// The core's file dialogs, the browser's way (FileChooser): a save writes into the downloads
// folder and the page then downloads the file; an open shows the page's file picker and takes
// the upload, stored under a name the host chose. The page never names a path.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { HostMessage } from '../../../shared/api/wire';
import type { FileChooser, Session } from '../../core';
import type { ClientId } from '../host';
import type { Transfers } from './transfers';

const ACCEPT = { backup: '.db', bundle: '.bundle', postKey: '.key' } as const;

export function createBrowserFiles(transfers: Transfers, clientOf: (session: Session) => ClientId | undefined, send: (id: ClientId, message: HostMessage) => void) {
  /** Files the core is writing during a window's call, offered to it when the call has returned. */
  const written = new Map<ClientId, string[]>();
  /** Pickers open in a window: if the window goes, the core's question is answered "cancelled". */
  const picking = new Map<ClientId, Set<string>>();

  async function save(session: Session, suggestedName: string): Promise<string | null> {
    const id = clientOf(session);
    if (id === undefined) return null;
    const file = transfers.savePath(suggestedName);
    written.set(id, [...(written.get(id) ?? []), file]);
    return file;
  }
  async function open(session: Session, kind: keyof typeof ACCEPT): Promise<string | null> {
    const id = clientOf(session);
    if (id === undefined) return null;
    const { pick, url, chosen } = transfers.pick(ACCEPT[kind]);
    const open = picking.get(id) ?? new Set<string>();
    picking.set(id, open.add(pick));
    // Bundles and keys may have lost their extension on a stick: every file is offered.
    send(id, { t: 'pick', pick, url, accept: kind === 'backup' ? ACCEPT.backup : '' });
    return chosen.finally(() => open.delete(pick));
  }
  const files: FileChooser = {
    saveBackup: save,
    openBackup: (session) => open(session, 'backup'),
    saveBundle: save,
    openBundle: (session) => open(session, 'bundle'),
    savePostKey: save,
    openPostKey: (session) => open(session, 'postKey'),
    saveExport: save,
  };
  return {
    files,
    flush(id: ClientId) {
      for (const file of written.get(id) ?? []) {
        if (existsSync(file)) send(id, { t: 'download', url: transfers.offer(file), name: basename(file) });
      }
      written.delete(id);
    },
    /** The window is gone: its open pickers are cancelled. */
    forget(id: ClientId) {
      for (const pick of picking.get(id) ?? []) transfers.cancelPick(pick);
      picking.delete(id);
      written.delete(id);
    },
  };
}
