// The duplicate rule (electron/core/stats/duplicateRule.ts): one spelling, that leaves out
// exactly the incidents cancelled as duplicates (not those with no cancel reason, nor those
// cancelled for another), spelled as the partial indexes spell it so SQLite uses them, and
// spelled nowhere else but in the frozen history of the migrations.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELAYS } from '../../../electron/core/stats/responseCounts';
import { countedSql, duplicateSql, DUPLICATES, notAboutDuplicateSql } from '../../../electron/core/stats/duplicateRule';
import { intake, MINUTE, openTestCore, T0, type TestCore } from '../testCore';

let t: TestCore;
const ids: Record<'open' | 'falseAlarm' | 'duplicate', string> = { open: '', falseAlarm: '', duplicate: '' };

beforeAll(async () => {
  t = await openTestCore();
  for (const [i, name] of (['open', 'falseAlarm', 'duplicate'] as const).entries()) {
    ids[name] = (await t.call('incidents.log', intake({ receivedAt: T0 - (i + 1) * MINUTE }))).incidentId;
  }
  await t.call('incidents.setStatus', { id: ids.falseAlarm, status: 'cancelled', cancelReason: 'false_alarm' });
  await t.call('incidents.setStatus', { id: ids.duplicate, status: 'cancelled', cancelReason: 'duplicate' });
}, 60_000);
afterAll(async () => t?.close());

const idsWhere = async (sql: string) =>
  new Set((await t.core.store.reader.all<{ id: string }>(`SELECT id FROM incidents WHERE ${sql}`)).map((r) => r.id));

describe('the duplicate rule', () => {
  it('leaves out the incident cancelled as a duplicate, and only it (an incident with no cancel reason counts)', async () => {
    expect(await idsWhere(countedSql())).toEqual(new Set([ids.open, ids.falseAlarm]));
    expect(await idsWhere(`id IN (SELECT i.id FROM incidents i WHERE ${countedSql('i.')})`)).toEqual(new Set([ids.open, ids.falseAlarm]));
    expect(await idsWhere(duplicateSql())).toEqual(new Set([ids.duplicate]));
    expect(await idsWhere(`id IN ${DUPLICATES}`)).toEqual(new Set([ids.duplicate]));
    const calls = await t.core.store.reader.all<{ incident_id: string }>(`SELECT a.incident_id FROM calls a WHERE ${notAboutDuplicateSql('a.incident_id')}`);
    expect(new Set(calls.map((c) => c.incident_id))).toEqual(new Set([ids.open, ids.falseAlarm]));
  });

  it('is spelled as the partial indexes spell it, so SQLite uses them', async () => {
    const reader = t.core.store.reader;
    // The partial index's condition: what follows its last WHERE.
    const condition = new Map((await reader.all<{ name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`))
      .map((r) => [r.name, r.sql.slice(r.sql.lastIndexOf('WHERE ') + 'WHERE '.length)]));
    expect(condition.get('incidents_duplicates')).toBe(duplicateSql());
    expect(condition.get('incidents_dispatch_bins')).toBe(`${DELAYS.dispatch.known} AND ${countedSql()}`);
    expect(condition.get('incidents_scene_bins')).toBe(`${DELAYS.scene.known} AND ${countedSql()}`);
    const plan = async (sql: string) => (await reader.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)).map((p) => p.detail).join('\n');
    expect(await plan(`SELECT count(*) FROM incidents WHERE id IN ${DUPLICATES}`)).toContain('incidents_duplicates');
    expect(await plan(`SELECT count(*) FROM incidents INDEXED BY incidents_dispatch_bins WHERE ${DELAYS.dispatch.known} AND ${countedSql()}`)).toContain('incidents_dispatch_bins');
  });

  it('is spelled nowhere else in the code, but in the migrations (frozen history)', () => {
    const root = join(__dirname, '..', '..', '..');
    // A comparison of cancel_reason with the 'duplicate' literal, in SQL.
    const spelled = /cancel_reason\s*(IS\s+NOT|IS|=|==|!=|<>)\s*'duplicate'/i;
    const frozen = (path: string) => path.startsWith('electron/core/db/migrations/');
    const offenders = sources(join(root, 'electron'), root)
      .concat(sources(join(root, 'shared'), root))
      .filter((path) => !frozen(path) && spelled.test(readFileSync(join(root, path), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

/** TypeScript files under `dir`, as paths from `root` with forward slashes. */
function sources(dir: string, root: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'));
}
