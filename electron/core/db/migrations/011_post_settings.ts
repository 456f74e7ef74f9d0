// The settings every console of a post shares (shift pattern, default language and digits),
// synced through the operation log as the `post` entity: one row per post, its id derived from
// the post code. A null column has not been decided post-wide yet; each console keeps its own.
export const postSettings = {
  // Numbered 011 because 009 and 010 land from other branches; until they do, it is the ninth
  // step here (the runner needs contiguous numbers): set this to 11 when they are merged.
  version: 9,
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
