import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle, importBundle } from '../../../electron/core/sync/bundles';
import { stateHash, versionVector } from '../../../electron/core/sync/exchange';
import { cleanedAfterEach, consolesOfOnePost, intake, openTestCore, type TestCore } from '../testCore';

const { cores: open } = cleanedAfterEach();

/** Two consoles of one post: the second joined with the first's post key. */
const post = () => consolesOfOnePost(open);

async function snapshot(t: TestCore) {
  return [await stateHash(t.core.store.reader), await versionVector(t.core.store.reader)];
}

describe('bundles', () => {
  it('carry what the other console lacks, and importing one twice changes nothing', async () => {
    const { a, b } = await post();
    await a.call('incidents.log', intake());
    await b.call('incidents.log', intake({ location: { district: 'jableh' } }));
    const aToB = join(a.dir, 'a-to-b.bundle');
    const { operations: written } = await exportBundle(a.core.context, aToB, { theirs: await versionVector(b.core.store.reader) });
    const first = await importBundle(b.core.context, aToB);
    expect(first).toMatchObject({ total: written, applied: written, known: 0, quarantined: [] });
    const after = await snapshot(b);
    const second = await importBundle(b.core.context, aToB);
    expect(second).toMatchObject({ applied: 0, known: written });
    expect(await snapshot(b)).toEqual(after);
    // And back: both consoles now hold the same data.
    const bToA = join(b.dir, 'b-to-a.bundle');
    await exportBundle(b.core.context, bToA, { theirs: await versionVector(a.core.store.reader) });
    await importBundle(a.core.context, bToA);
    expect(await snapshot(a)).toEqual(await snapshot(b));
    expect((await a.call('incidents.queue', { queue: 'waiting' })).rows.map((r) => r.number).sort()).toEqual(['LTK-261124-A001', 'LTK-261124-B001']);
  });

  it('refuses a tampered, a truncated and a foreign bundle, and changes nothing', async () => {
    const { a, b } = await post();
    await a.call('incidents.log', intake());
    const file = join(a.dir, 'x.bundle');
    await exportBundle(a.core.context, file, {});
    const text = readFileSync(file, 'utf8');
    const before = await snapshot(b);
    const attempt = async (name: string, content: string) => {
      const path = join(b.dir, name);
      writeFileSync(path, content);
      return importBundle(b.core.context, path).then(() => 'imported', (err: { code?: string }) => err.code);
    };
    const at = text.indexOf('building_collapse');
    expect(await attempt('tampered', `${text.slice(0, at)}fire${text.slice(at + 'building_collapse'.length)}`)).toBe('bundle.tampered');
    expect(await attempt('truncated', text.slice(0, Math.floor(text.length * 0.6)))).toBe('bundle.truncated');
    expect(await attempt('cut-trailer', text.slice(0, text.lastIndexOf('HMAC') + 20))).toBe('bundle.truncated');
    expect(await attempt('foreign', text.replace('"post":"LTK"', '"post":"JBL"'))).toBe('bundle.otherPost');
    expect(await attempt('not-a-bundle', 'name,phone\nAli,0933\n')).toBe('bundle.notABundle');
    // A console of another post (another key) refuses a genuine bundle of this one.
    const other = await openTestCore({ letter: 'C' });
    open.push(other);
    expect(await importBundle(other.core.context, file).then(() => 'imported', (err: { code?: string }) => err.code)).toBe('bundle.tampered');
    expect(await snapshot(b)).toEqual(before);
  });
});
