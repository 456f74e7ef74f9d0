// Shortcuts by physical key (KeyboardEvent.code), so they work whatever the layout types:
// on the Arabic layout Ctrl+N types «ى» and Shift+/ types «؟», but their codes are KeyN and
// Slash. One list drives both the handlers and the help dialog.
import type { MessageKey } from '../../../shared/i18n';

export interface Shortcut {
  /** As shown in help, in Latin key names, which both languages' keyboards print. */
  keys: string;
  label: MessageKey;
}

/** The parts of a KeyboardEvent a shortcut reads (so Node tests can build one). */
export interface KeyPress { code: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean; shiftKey: boolean }

const isDigitCode = (code: string, n: number) => code === `Digit${n}` || code === `Numpad${n}`;

/** The digit 1–9 of the key pressed (top row or keypad), whatever the layout types there. */
export function digitOf(e: { code: string }): number | null {
  for (let n = 1; n <= 9; n++) if (isDigitCode(e.code, n)) return n;
  return null;
}

const plain = (e: KeyPress) => !e.ctrlKey && !e.altKey && !e.metaKey;

export const isNewCall = (e: KeyPress) => e.code === 'F2' || ((e.ctrlKey || e.metaKey) && !e.altKey && e.code === 'KeyN');
export const isHelp = (e: KeyPress) => e.code === 'F1' || (plain(e) && e.shiftKey && e.code === 'Slash');
/** F6 moves to the queue list from anywhere, as it moves between panes in Windows programs. */
export const isFocusQueue = (e: KeyPress) => e.code === 'F6' && plain(e);

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'F2 / Ctrl+N', label: 'help.newCall' },
  { keys: 'Ctrl+Enter', label: 'help.save' },
  { keys: 'Ctrl+Enter', label: 'keys.saveNote' },
  { keys: 'Esc', label: 'help.close' },
  { keys: 'F6', label: 'keys.focusQueue' },
  { keys: '↑ ↓', label: 'help.move' },
  { keys: 'Home / End', label: 'keys.homeEnd' },
  { keys: 'PgUp / PgDn', label: 'keys.page' },
  { keys: 'Enter', label: 'help.open' },
  { keys: '1 2 3', label: 'help.tabs' },
  { keys: '1–7', label: 'keys.teamStatus' },
  { keys: 'F1 / ?', label: 'help.help' },
];
