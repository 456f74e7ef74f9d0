// The settings every console of a post shares (shift pattern, default language and digits),
// synced through the operation log as the `post` entity: one row per post, its id derived from
// the post code. A null column has not been decided post-wide yet; each console keeps its own.
export const postSettings = {
  version: 11,
  name: 'post settings',
  sql: `
CREATE TABLE post_settings (
  id TEXT PRIMARY KEY,
  shift_starts TEXT,
  language TEXT,
  digits TEXT
);
`,
};
