// Who this console is (the post's code, name and time zone, and its own letter) kept in the
// database as well as in the settings file, so a damaged or missing settings file is rebuilt
// from the data it belongs to instead of reopening first run on a live database: first run
// would make a new administrator, a new post key and, on the command line, letter A again.
import { z } from 'zod';
import { consoleLetter, postSettings } from '../../../shared/api/schemas';
import type { PostSettings } from '../../../shared/api';
import type { Logger } from '../base/logger';
import type { Store } from '../db/store';
import type { SettingsStore } from '../settings/settingsStore';
import type { Reader } from '../base/handles';

/** A `meta` row: local to this console (never synced), carried by backups with the data. */
const IDENTITY_KEY = 'post.identity';

const identitySchema = z.object({ post: postSettings, consoleLetter }).strict();
export type PostIdentity = z.output<typeof identitySchema>;

/** The identity recorded in the database, or, for one from before it was recorded, what its own data says. */
export async function readPostIdentity(db: Reader): Promise<PostIdentity | null> {
  const row = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [IDENTITY_KEY]);
  if (row) {
    try {
      const parsed = identitySchema.safeParse(JSON.parse(row.value));
      if (parsed.success) return parsed.data;
    } catch {
      // A damaged row is read as missing: the numbering below may still tell.
    }
  }
  return identityFromNumbering(db);
}

/**
 * The incident counters are local to this console and keyed `incident:<code>-<date>-<letter>`;
 * the daily rollup was built for the post's zone. The post's name is not in the data: its code stands in.
 */
async function identityFromNumbering(db: Reader): Promise<PostIdentity | null> {
  const counter = await db.get<{ key: string }>("SELECT key FROM counters WHERE key LIKE 'incident:%' ORDER BY substr(key, -8, 6) DESC LIMIT 1");
  const match = counter && /^incident:([A-Z]{2,5})-\d{6}-([A-Z])$/.exec(counter.key);
  const zone = (await db.get<{ zone: string | null }>('SELECT zone FROM rollup_meta'))?.zone ?? null;
  if (!match || !zone) return null;
  const parsed = identitySchema.safeParse({ post: { name: match[1], code: match[1], timeZone: zone }, consoleLetter: match[2] });
  return parsed.success ? parsed.data : null;
}

const identityJson = (post: PostSettings, letter: string) =>
  JSON.stringify({ post: { name: post.name, code: post.code, timeZone: post.timeZone }, consoleLetter: letter });

export async function recordPostIdentity(store: Store, post: PostSettings, letter: string): Promise<void> {
  const value = identityJson(post, letter);
  await store.write(null, ({ tx }) => tx.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [IDENTITY_KEY, value]));
}

/**
 * At open: settings without a post on a database that has one get it back (the post key
 * cannot come back from the database: setup.status says it is missing); settings with a
 * post are recorded in the database where it has none (one from before this was kept) or
 * another console's (a backup restored here).
 * Returns whether the settings were rebuilt.
 */
export async function reconcilePostIdentity(settings: SettingsStore, store: Store, log: Logger): Promise<boolean> {
  const current = settings.read();
  const recorded = await store.reader.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [IDENTITY_KEY]);
  if (current.post && current.consoleLetter) {
    // A sound settings file is the truth (a backup of another console restored here brings its row along).
    if (recorded?.value !== identityJson(current.post, current.consoleLetter)) await recordPostIdentity(store, current.post, current.consoleLetter);
    return false;
  }
  const identity = await readPostIdentity(store.reader);
  if (!identity) return false;
  settings.write({ ...current, post: identity.post, consoleLetter: identity.consoleLetter });
  if (!recorded) await recordPostIdentity(store, identity.post, identity.consoleLetter);
  log.error('the settings file had no post: rebuilt from the database', { post: identity.post.code, console: identity.consoleLetter });
  return true;
}
