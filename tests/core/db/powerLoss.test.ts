// Power loss: a core in a child process writes as fast as it can and is killed with SIGKILL
// at a random moment, again and again on the same file. After each kill, every write it had
// acknowledged is there and the database is intact. BEACON_POWER_LOSS_RUNS sets how many
// (50 in `npm test`; see the README for a longer run).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core';
import { createFileSettingsStore } from '../../../electron/core/settings/fileSettingsStore';

const RUNS = Number(process.env.BEACON_POWER_LOSS_RUNS ?? 50);
const work = mkdtempSync(join(tmpdir(), 'beacon-power-'));
// Inside the project, so that the bundled writer resolves sqlite3 from node_modules.
const writer = join(process.cwd(), '.tmp', `power-writer-${process.pid}.mjs`);

beforeAll(async () => {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true });
  // Bundled once, so each run starts in a fraction of a second.
  await build({ entryPoints: ['tests/durability/writer.ts'], outfile: writer, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['sqlite3'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" }, logLevel: 'error' });
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(writer, { force: true });
});

interface Acknowledged { calls: Map<string, string>; notes: Map<string, string[]> }

function runAndKill(dataDir: string, killAfterMs: number): Promise<Acknowledged> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir], { stdio: ['ignore', 'pipe', 'pipe'], cwd: process.cwd() });
    const acked: Acknowledged = { calls: new Map(), notes: new Map() };
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const [kind, id, ...rest] = line.split(' ');
        if (kind === 'ready') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        if (kind === 'call') acked.calls.set(id!, rest[0]!);
        if (kind === 'note') acked.notes.set(id!, [...(acked.notes.get(id!) ?? []), rest.join(' ')]);
      }
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`writer exited on its own: ${stderr}`))));
  });
}

describe('power loss', () => {
  it(`keeps every acknowledged write and an intact database across ${RUNS} kills`, async () => {
    const dataDir = join(work, 'data');
    const all: Acknowledged = { calls: new Map(), notes: new Map() };
    for (let run = 0; run < RUNS; run++) {
      const acked = await runAndKill(dataDir, 20 + Math.floor(Math.random() * 400));
      for (const [id, n] of acked.calls) all.calls.set(id, n);
      for (const [id, notes] of acked.notes) all.notes.set(id, [...(all.notes.get(id) ?? []), ...notes]);
      const core = await openCore({ dataDir, settings: createFileSettingsStore(join(dataDir, 'settings.json')), log: { error: () => undefined, info: () => undefined }, safetyCopies: false });
      try {
        const db = core.store.reader;
        expect((await db.get<{ integrity_check: string }>('PRAGMA integrity_check'))?.integrity_check, `run ${run}`).toBe('ok');
        const present = new Map((await db.all<{ id: string; number: string }>('SELECT id, number FROM incidents')).map((r) => [r.id, r.number]));
        for (const [id, number] of all.calls) expect(present.get(id), `call ${number} after run ${run}`).toBe(number);
        const notes = new Set((await db.all<{ incident_id: string; text: string }>("SELECT incident_id, text FROM timeline_entries WHERE kind = 'note'")).map((r) => `${r.incident_id} ${r.text}`));
        for (const [id, texts] of all.notes) for (const text of texts) expect(notes.has(`${id} ${text}`), `note ${text} after run ${run}`).toBe(true);
        // Every incident on disk is whole: the call that opened it was written with it.
        expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM calls c WHERE c.incident_id = i.id)'))?.n).toBe(0);
      } finally {
        await core.close();
      }
    }
    expect(all.calls.size).toBeGreaterThan(RUNS);
  }, 600_000);
});
