// The core's front door: everything that owns data, opened in plain Node. The Electron
// shell, the CLI, the tests and the benchmarks all start here.
export { openCore } from './openCore';
export type { Core, CoreOptions, Clock } from './openCore';
export type { Session } from './session';
export type { SafetyCopies, SafetyCopy } from './db/safetyCopies';
export type { SettingsStore, ConsoleSettings } from './settings/settingsStore';
export { DEFAULT_SETTINGS } from './settings/settingsStore';
export { createFileSettingsStore } from './settings/fileSettingsStore';
export type { FileChooser } from './backup/backups';
export { restoreInPlace } from './backup/restoreInPlace';
