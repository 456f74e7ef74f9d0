// The host: one module, knowing no Electron, that every shell wraps (docs/host.md).
//
// Interface (kept stable; the Electron adapter electron/main.ts and the browser host use it):
//   createHost({ open, log, isOwnFrame, printer, onFatal }) → Host
//     open()          opens the core on the data folder with the shell's FileChooser/secrets
//     isOwnFrame(url) the frame/origin check (Electron: the renderer's file URL; browser host:
//                     its own http://127.0.0.1:<port>/ origin)
//     printer.print(clientId, approved) the shell prints or makes the PDF of an approved
//                     `summary.print`; returns the PDF's path or null
//     onFatal(err)    the core did not reopen after a restore: the shell tells and exits
//   host.start()      opens the core (throws DatabaseOpenError etc.: the shell reports it)
//   host.attach(id, { send, reload }, shareSessionOf?)  a window; its own session, or the
//                     opener's (wall display, print window)
//   host.detach(id)   the window closed
//   host.invoke(id, frameUrl, channel, input)  one call: frame check, channel check, the
//                     restore lock (error.busy), the restore swap (restoreInPlace, sessions
//                     renewed, other windows reloaded), the print approval → printer
//   host.clientOf(session), host.languageOf(session)  for the shell's file dialogs
//   host.sessionOf(id)  a window's session (the Electron menu speaks its operator's language)
//   host.reopen()     closes and reopens the core on the same folder (every window signed out)
//   host.close()      closes the core cleanly (SIGINT/SIGTERM, will-quit)
//   Change events from the core are sent to every attached client (client.send).
// Also: CSP (the one Content-Security-Policy), createFileLog(dataDir) (<dataDir>/logs/beacon.log),
// printHash(period) / summaryPdfName() (the print route), defaultDataDir() (Electron's folder).
export { createHost, type Client, type ClientId, type Host, type HostOptions, type Printer } from './host';
export { CSP } from './csp';
export { createFileLog, logFilePath } from './fileLog';
export { printHash, summaryPdfName, type PrintPeriod } from './printRoute';
export { defaultDataDir, userDataDir } from './dataDir';
