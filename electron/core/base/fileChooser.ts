// The shell's file dialogs, parented to the window of whoever asked (`Asker`: the core's
// session; base knows nothing of sessions). Null when cancelled.
import type { ExportFileKind } from '../../../shared/exchange';

export interface FileChooserFor<Asker> {
  saveBackup(asker: Asker, suggestedName: string): Promise<string | null>;
  openBackup(asker: Asker): Promise<string | null>;
  /** A bundle for a USB stick (electron/core/sync/bundleJobs.ts). */
  saveBundle(asker: Asker, suggestedName: string): Promise<string | null>;
  openBundle(asker: Asker): Promise<string | null>;
  /** The post's key for a laptop joining the post (electron/core/post/postKeyFile.ts). */
  savePostKey(asker: Asker, suggestedName: string): Promise<string | null>;
  openPostKey(asker: Asker): Promise<string | null>;
  /** A file for partners (electron/core/exchange/exchangeFiles.ts): a CAP alert, an HXL or GeoJSON report. */
  saveExport(asker: Asker, suggestedName: string, kind: ExportFileKind): Promise<string | null>;
}
