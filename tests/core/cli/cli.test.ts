// The command line, run as IT staff run it: a child process over a data folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'beacon-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args, '--data', dir], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('command line', () => {
  it('stats prints one JSON object with a row array per grouping asked for', () => {
    expect(cli('seed', '--incidents', '800', '--days', '10', '--seed', '5').code).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 12 * 86_400_000).toISOString().slice(0, 10);
    const run = cli('stats', '--from', from, '--to', today, '--by', 'day', '--by', 'hour', '--by', 'district', '--by', 'type', '--json');
    expect(run.code, run.err).toBe(0);
    const result = JSON.parse(run.out) as Record<string, Record<string, unknown>[]>;
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['day', 'hour', 'district', 'type']));
    expect(result.hour).toHaveLength(24);
    for (const grouping of ['day', 'hour', 'district', 'type']) {
      for (const row of result[grouping]!) {
        expect(Object.keys(row).sort()).toEqual([grouping, 'count', 'dispatchMedianSec', 'dispatchP90Sec', 'sceneMedianSec', 'sceneP90Sec'].sort());
      }
      // Every incident of the period is in exactly one row of each grouping (a duplicate or two aside, all 800 are in it).
      const total = result[grouping]!.reduce((n, r) => n + (r.count as number), 0);
      expect(total).toBe(result.day!.reduce((n, r) => n + (r.count as number), 0));
      expect(total).toBeGreaterThan(700);
    }
    const empty = result.day!.find((r) => r.count === 0);
    if (empty) expect(empty.dispatchMedianSec).toBeNull();
  });

  it('stats refuses a date that does not exist, with a message and exit code 1', () => {
    const run = cli('stats', '--from', '2026-02-30', '--to', '2026-03-02', '--json');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/YYYY-MM-DD/);
    expect(cli('stats', '--from', '2026-02-01', '--to', '2026-03-02', '--by', 'week').err).toMatch(/--by must be one of/);
  });
});
