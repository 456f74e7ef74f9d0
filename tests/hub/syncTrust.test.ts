// Issue #21 through a real PostgreSQL hub: hub-init leaves the current folder alone, and a
// copied data folder is caught.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from './postgres';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => server?.stop());

const ROOT = resolve('.');
// tsx from this checkout: the command runs in an empty folder, where it could not be found.
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

describe('hub-init', () => {
  it('writes nothing in the current folder', async () => {
    const url = await server.createDatabase('hub_init_cwd');
    const cwd = mkdtempSync(join(tmpdir(), 'beacon-hubinit-'));
    try {
      const env = { ...process.env };
      delete env.BEACON_DATA_DIR;
      const run = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'electron/cli.ts'), 'hub-init', url],
        { cwd, env, encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ schemaVersion: expect.any(Number) });
      expect(readdirSync(cwd)).toEqual([]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 150_000);
});
