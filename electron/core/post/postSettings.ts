// The settings a post shares across its consoles: the shift pattern and the defaults (language
// of sign-in and of new operators, digits). A supervisor's change is an ordinary operation on
// the post's one row, so it travels by hub and bundle and merges field by field, last writer
// by HLC winning, like any other edit. Each console's settings mirror that row: the rest of the
// code (and the shell, before the database opens) keeps reading the settings.
import { createHash } from 'node:crypto';
import type { DigitStyle, Language } from '../../../shared/domain';
import type { Values } from '../oplog/opLog';
import { parseSettings } from '../settings/fileSettingsStore';
import type { SettingsStore } from '../settings/settingsStore';
import type { Store } from '../db/store';
import type { Reader } from '../base/handles';

/**
 * The post row's id: the same on every console of the post, from its code alone, so consoles
 * that never met write one row; other posts (seen through a headquarters hub) keep theirs.
 */
export function postRowId(code: string): string {
  const hex = createHash('sha256').update(`beacon-post:${code}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface PostWideChange {
  /** Sorted HH:MM start times. */
  shiftStarts?: readonly string[];
  language?: Language;
  digits?: DigitStyle;
}

/** Records what a supervisor or administrator changed (only that: other fields keep their own clocks). */
export async function recordPostSettings(store: Store, operatorId: string, postCode: string, change: PostWideChange): Promise<void> {
  const set: Values<'post'> = {};
  if (change.shiftStarts) set.shiftStarts = change.shiftStarts.join(',');
  if (change.language) set.language = change.language;
  if (change.digits) set.digits = change.digits;
  await store.write(operatorId, (writer) => writer.record([{ entity: 'post', rowId: postRowId(postCode), set }]));
}

interface PostRow {
  shift_starts: string | null;
  language: string | null;
  digits: string | null;
}

/**
 * Copies what the post has decided into this console's settings; a field not decided yet
 * (null) leaves the console's own value. Returns whether the settings changed.
 */
export async function mirrorPostSettings(settings: SettingsStore, db: Reader): Promise<boolean> {
  const code = settings.read().post?.code;
  if (!code) return false;
  const row = await db.get<PostRow>('SELECT shift_starts, language, digits FROM post_settings WHERE id = ?', [postRowId(code)]);
  if (!row) return false;
  // Read again after the query, with nothing awaited until the write: another change to the
  // settings (a hub added meanwhile) is kept, not overwritten by what was read before.
  const current = settings.read();
  if (current.post?.code !== code) return false;
  const next = parseSettings({
    ...current,
    ...(row.shift_starts !== null ? { shiftStarts: row.shift_starts.split(',') } : {}),
    ...(row.language !== null ? { language: row.language } : {}),
    ...(row.digits !== null ? { digits: row.digits } : {}),
  });
  // Values were checked on the way into the log; checked again here because a settings file
  // that fails its schema is read as damaged and replaced by defaults.
  if (!next) return false;
  if (next.language === current.language && next.digits === current.digits && next.shiftStarts.join() === current.shiftStarts.join()) return false;
  settings.write(next);
  return true;
}
