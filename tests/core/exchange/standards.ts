// The published standards Beacon's exports are checked against live in the team's shared folder
// beside the repository (../shared/standards; what it holds: docs/exchange.md), never copied into the repo. CI
// clones the repo with shared/ beside it; a git worktree sits one level deeper, so each folder
// above the repo root is tried in turn. BEACON_STANDARDS names the folder outright.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function standardsFile(relative: string): string {
  const tried: string[] = [];
  const fromEnv = process.env.BEACON_STANDARDS;
  if (fromEnv) tried.push(join(fromEnv, relative));
  for (let dir = REPO_ROOT, up = 0; up < 4; up++, dir = dirname(dir)) tried.push(join(dirname(dir), 'shared', 'standards', relative));
  const found = tried.find((f) => existsSync(f));
  if (!found) throw new Error(`standard ${relative} not found; looked in:\n${tried.join('\n')}`);
  return found;
}

/** `xmllint --noout --schema` (libxml2-utils): what it said, and whether the document is valid. */
export function validateWithXsd(xmlFile: string, xsdFile: string): { valid: boolean; output: string } {
  const run = spawnSync('xmllint', ['--noout', '--schema', xsdFile, xmlFile], { encoding: 'utf8' });
  if (run.error) throw new Error(`xmllint could not run (install libxml2-utils): ${run.error.message}`);
  return { valid: run.status === 0, output: `${run.stdout}${run.stderr}` };
}
