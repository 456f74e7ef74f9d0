// Wrong PINs, counted per name on this console (local, never synced), so a stolen laptop
// cannot be tried PIN after PIN, even across restarts.
export const signInThrottle = {
  version: 5,
  name: 'sign-in throttle',
  sql: `CREATE TABLE sign_in_failures (name_key TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until INTEGER NOT NULL) WITHOUT ROWID;`,
};
