// Bundles from the app: two consoles of one post exchange a bundle through the channels, the
// files chosen by the shell's dialog (here a stand-in); a bad bundle is refused with nothing
// written; a second import changes nothing; a big one is applied in batches with progress.
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Connection } from '../../../electron/core/db/connection';
import { BUNDLE_BATCH } from '../../../electron/core/sync/bundleJobs';
import { stateHash, versionVector } from '../../../electron/core/sync/exchange';
import type { Output } from '../../../shared/api';
import { cleanedAfterEach, fileChooser, consolesOfOnePost, count, intake, type TestCore } from '../testCore';

const { cores: open } = cleanedAfterEach();

/** Two consoles of one post, each with its own "file dialog"; B joined with A's post key. */
async function post() {
  const da = fileChooser();
  const db = fileChooser();
  const { a, b } = await consolesOfOnePost(open, { a: { files: da.files }, b: { files: db.files } });
  return { a, b, pickA: (f: string | null) => { da.state.next = f; }, pickB: (f: string | null) => { db.state.next = f; }, suggestedA: () => da.state.suggested };
}

async function snapshot(t: TestCore) {
  return [await stateHash(t.core.store.reader), await versionVector(t.core.store.reader), await count(t, 'operations')];
}

/** Asks for the import's status until it is over, as the screen does; returns every answer. */
async function follow(t: TestCore, jobId: string): Promise<Output<'sync.bundleStatus'>[]> {
  const seen: Output<'sync.bundleStatus'>[] = [];
  for (;;) {
    const status = await t.call('sync.bundleStatus', { jobId });
    seen.push(status);
    if (status.state !== 'running') return seen;
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe('bundles from the app', () => {
  it('carry one console\'s changes to another through the file the dialog picked; a second import changes nothing', async () => {
    const { a, b, pickA, pickB, suggestedA } = await post();
    await a.call('incidents.log', intake());
    await b.call('incidents.log', intake({ location: { district: 'jableh' } }));
    const file = join(a.dir, 'to-b.bundle');
    pickA(file);
    const written = await a.call('sync.exportBundle', {});
    expect(written).toMatchObject({ file, operations: await count(a, 'operations') });
    expect(written!.bytes).toBe(readFileSync(file).length);
    expect(suggestedA()).toMatch(/^beacon-LTK-A-2026-11-24-\d{4}\.bundle$/);

    pickB(file);
    const started = await b.call('sync.importBundle', {});
    expect(started).toMatchObject({ file, fromOrigin: a.core.store.origin, operations: written!.operations });
    const done = (await follow(b, started!.jobId)).at(-1)!;
    expect(done).toMatchObject({ state: 'done', total: written!.operations, processed: written!.operations, applied: written!.operations, known: 0, quarantined: 0 });
    expect((await b.call('incidents.queue', { queue: 'waiting' })).rows.map((r) => r.number).sort()).toEqual(['LTK-261124-A001', 'LTK-261124-B001']);

    const after = await snapshot(b);
    const again = await b.call('sync.importBundle', {});
    expect((await follow(b, again!.jobId)).at(-1)).toMatchObject({ state: 'done', applied: 0, known: written!.operations, quarantined: 0 });
    expect(await snapshot(b)).toEqual(after);
  });

  it('export only what was made since a day, and nothing when the dialog is cancelled', async () => {
    const { a, pickA } = await post();
    await a.call('incidents.log', intake());
    pickA(null);
    expect(await a.call('sync.exportBundle', {})).toBeNull();
    pickA(join(a.dir, 'later.bundle'));
    expect(await a.call('sync.exportBundle', { since: '2026-11-25' })).toMatchObject({ operations: 0 });
    expect((await a.call('sync.exportBundle', { since: '2026-11-24' }))!.operations).toBe(await count(a, 'operations'));
    expect(await a.core.invoke(a.session, 'sync.exportBundle', { since: '2026-02-30' })).toEqual({ ok: false, error: { code: 'error.invalidInput', fields: { since: 'validation.date' } } });
  });

  it('refuse a tampered, truncated or foreign bundle with its reason, writing nothing', async () => {
    const { a, b, pickA, pickB } = await post();
    await a.call('incidents.log', intake());
    const file = join(a.dir, 'x.bundle');
    pickA(file);
    await a.call('sync.exportBundle', {});
    const text = readFileSync(file, 'utf8');
    const before = await snapshot(b);
    const attempt = async (name: string, content: string) => {
      const path = join(b.dir, name);
      writeFileSync(path, content);
      pickB(path);
      return b.core.invoke(b.session, 'sync.importBundle', {});
    };
    const at = text.indexOf('building_collapse');
    expect(await attempt('tampered', `${text.slice(0, at)}fire${text.slice(at + 'building_collapse'.length)}`)).toEqual({ ok: false, error: { code: 'bundle.tampered' } });
    expect(await attempt('truncated', text.slice(0, Math.floor(text.length / 2)))).toEqual({ ok: false, error: { code: 'bundle.truncated' } });
    expect(await attempt('foreign', text.replace('"post":"LTK"', '"post":"JBL"'))).toEqual({ ok: false, error: { code: 'bundle.otherPost' } });
    expect(await attempt('notes.txt', 'shopping list\n')).toEqual({ ok: false, error: { code: 'bundle.notABundle' } });
    expect(await snapshot(b)).toEqual(before);
  });

  it('apply a big bundle in batches, reporting progress, while other calls are answered', async () => {
    const { a, b, pickA, pickB } = await post();
    while (await count(a, 'operations') <= 2 * BUNDLE_BATCH) await a.call('incidents.log', intake());
    const file = join(a.dir, 'big.bundle');
    pickA(file);
    const { operations } = (await a.call('sync.exportBundle', {}))!;
    pickB(file);
    const started = (await b.call('sync.importBundle', {}))!;
    // A second import while one runs is refused rather than queued behind it.
    expect(await b.core.invoke(b.session, 'sync.importBundle', {})).toEqual({ ok: false, error: { code: 'bundle.busy' } });
    // The window is not held: a read is answered between batches.
    expect((await b.core.invoke(b.session, 'incidents.queue', { queue: 'waiting' })).ok).toBe(true);
    const seen = await follow(b, started.jobId);
    const processed = seen.map((s) => s.processed);
    expect(processed).toEqual([...processed].sort((x, y) => x - y));
    expect(seen.some((s) => s.state === 'running' && s.processed > 0 && s.processed < operations)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ state: 'done', processed: operations, applied: operations });
    expect(await count(b, 'incidents')).toBe(await count(a, 'incidents'));
  });
});

describe('a whole post\'s log in one bundle', () => {
  it('is written a page at a time, with progress, and reads back whole', async () => {
    const { a, b, pickA, pickB } = await post();
    await a.call('incidents.log', intake());
    // 150,000 operations from another console, more than one array spread or one page holds.
    const LONG = 150_000;
    const raw = await Connection.open(a.core.store.file, 'readwrite');
    await raw.exec('PRAGMA busy_timeout = 5000;');
    await raw.run(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO operations (origin, seq, hlc, entity, row_id, field, value, operator)
      SELECT 'other', i, printf('%015d-%04d-other', 1764000000000 + i, 0), 'incident', printf('00000000-0000-4000-8000-%012d', i), 'priority', '2', NULL FROM n`, [LONG]);
    await raw.run(`INSERT INTO version_vector (origin, seq) VALUES ('other', ?)`, [LONG]);
    await raw.close();
    const total = await count(a, 'operations');

    const file = join(a.dir, 'whole.bundle');
    pickA(file);
    const exporting = a.call('sync.exportBundle', {});
    const seen: { written: number; total: number }[] = [];
    let finished = false;
    const end = () => { finished = true; };
    void exporting.then(end, end);
    // Polled as the screen does, from before the export has begun until it has ended.
    while (!finished) {
      const progress = await a.call('sync.exportProgress', {});
      if (progress) seen.push(progress);
      await new Promise((r) => setTimeout(r, 1));
    }
    const written = (await exporting)!;
    expect(written).toMatchObject({ file, operations: total });
    expect(written.bytes).toBe(readFileSync(file).length);
    expect(seen.some((p) => p.total === total && p.written > 0 && p.written < total)).toBe(true);
    expect(seen.map((p) => p.written)).toEqual(seen.map((p) => p.written).sort((x, y) => x - y));
    expect(await a.call('sync.exportProgress', {})).toBeNull();
    expect(existsSync(`${file}.part`)).toBe(false);

    pickB(file);
    const started = (await b.call('sync.importBundle', {}))!;
    expect(started.operations).toBe(total);
  }, 60_000);
});

describe('copies of bundles being imported', () => {
  it('are removed at the next open when an import never finished, once a day old', async () => {
    const { a } = await post();
    const folder = join(a.dir, 'incoming');
    mkdirSync(folder, { recursive: true });
    const now = a.clock.time;
    for (const [name, age] of [['left-by-a-power-cut.bundle', 2 * 86_400_000], ['being-imported-now.bundle', 3_600_000]] as const) {
      writeFileSync(join(folder, name), 'x');
      utimesSync(join(folder, name), (now - age) / 1000, (now - age) / 1000);
    }
    await a.reopen();
    expect(readdirSync(folder)).toEqual(['being-imported-now.bundle']);
  });
});
