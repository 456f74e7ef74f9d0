// Printing the shift summary from the Electron shell: the summary's print route is loaded in
// a hidden window that shares the asking window's session, then sent to the print dialog or
// saved as PDF. Entirely offline: the route is the app's own page, with bundled fonts.
import { writeFileSync } from 'node:fs';
import { BrowserWindow, dialog } from 'electron';
import type { Output } from '../shared/api';
import { printHash, summaryPdfName } from './host';

type Period = Output<'summary.print'>['period'];

async function whenReady(win: BrowserWindow, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    // The route marks the body when the summary has arrived and rendered.
    const ready = await win.webContents.executeJavaScript("document.body.dataset.ready === 'true'").catch(() => false);
    if (ready === true) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the summary did not render in time');
}

/**
 * Prints (or saves as PDF) the summary of `period`. `open` creates the hidden window on the
 * caller's session. Returns the PDF's path, or null after printing or when the save was cancelled.
 */
export async function printSummary(parent: BrowserWindow | null, period: Period, pdf: boolean, open: (hash: string) => BrowserWindow): Promise<string | null> {
  const win = open(printHash(period));
  try {
    await whenReady(win);
    if (pdf) {
      const data = await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
      const name = summaryPdfName();
      const options = { defaultPath: name, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
      const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (canceled || !filePath) return null;
      writeFileSync(filePath, data);
      return filePath;
    }
    await new Promise<void>((resolve, reject) => {
      win.webContents.print({ silent: false, printBackground: true }, (success, reason) => {
        if (success || reason === 'cancelled') resolve();
        else reject(new Error(reason));
      });
    });
    return null;
  } finally {
    win.destroy();
  }
}
