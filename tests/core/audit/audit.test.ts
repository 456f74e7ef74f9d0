import { afterEach, describe, expect, it } from 'vitest';
import { auditCsv, type AuditCsvLabels } from '../../../electron/core/audit/auditCsv';
import { auditTrail, HIDDEN_VALUE, type AuditEntry, type AuditQuery } from '../../../electron/core/audit/auditTrail';
import { encodeHlc } from '../../../electron/core/oplog/hlc';
import type { Operation } from '../../../electron/core/oplog/operation';
import { intake, MINUTE, openTestCore, T0, type TestCore, scanWatcher } from '../testCore';

let t: TestCore;
afterEach(async () => t?.close());

const audit = (query: AuditQuery = {}) => auditTrail(t.core.store.reader, query);
const summary = (e: AuditEntry) => [e.entity, e.field, e.before, e.after];

/** A shift's worth of changes, one minute apart, through the same channels the screens use. */
async function aShiftOfChanges(t: TestCore) {
  const step = () => t.clock.advance(MINUTE);
  const { incidentId, number } = await t.call('incidents.log', intake());
  step();
  await t.call('incidents.update', { id: incidentId, changes: { priority: 2 } });
  step();
  await t.call('incidents.update', { id: incidentId, changes: { priority: 3 } });
  step();
  await t.call('incidents.setStatus', { id: incidentId, status: 'dispatched', withoutTeam: true, note: 'Sent by radio' });
  step();
  const withNote = await t.call('timeline.addNote', { incidentId, text: 'Gas smell near the stairs' });
  const noteId = withNote.timeline.find((e) => e.kind === 'note' && e.text === 'Gas smell near the stairs')!.id;
  step();
  await t.call('timeline.strike', { entryId: noteId, reason: 'wrong incident' });
  step();
  const centreId = (await t.call('teams.saveCentre', { name: 'Latakia centre', district: 'latakia', covers: [] })).id;
  const teamId = (await t.call('teams.save', { callSign: 'Rescue 1', kind: 'search_rescue', centreId, vehicle: 'Pickup' })).id;
  step();
  await t.call('teams.save', { id: teamId, callSign: 'Rescue One', kind: 'search_rescue', centreId, vehicle: 'Pickup' });
  step();
  const volunteerId = (await t.call('teams.saveVolunteer', { name: 'Samer', role: 'rescuer', centreId })).id;
  const { entryId } = await t.call('roster.checkIn', { volunteerId, teamId });
  step();
  const fadi = await t.call('operators.create', { name: 'Fadi Ali', pin: '1357', role: 'operator', language: 'ar' });
  step();
  await t.call('operators.setDisabled', { id: fadi.id, disabled: true });
  return { incidentId, number, noteId, centreId, teamId, volunteerId, entryId, fadiId: fadi.id };
}

async function allPages(query: AuditQuery): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let page = await audit(query);
  entries.push(...page.entries);
  while (page.next) {
    page = await audit({ ...query, before: page.next });
    entries.push(...page.entries);
  }
  return entries;
}

describe('the audit trail', () => {
  it('shows every kind of change, newest first, with before → after, who, which console and when', async () => {
    t = await openTestCore();
    const s = await aShiftOfChanges(t);
    const me = await t.call('session.current', {});
    const { entries, next } = await audit();
    expect(next).toBeNull();
    const hlcs = entries.map((e) => e.hlc);
    expect(hlcs).toEqual([...hlcs].sort().reverse());
    const of = (rowId: string) => entries.filter((e) => e.rowId === rowId);

    const incident = of(s.incidentId);
    expect(incident.at(-1)).toMatchObject({
      field: '*', before: undefined, label: s.number, at: T0, operatorId: me!.id, operatorName: 'Rania Haddad',
      origin: t.core.store.origin, superseded: false,
    });
    expect(incident.at(-1)!.after).toMatchObject({ number: s.number, priority: 1, status: 'received', district: 'latakia' });
    const priority = incident.filter((e) => e.field === 'priority');
    expect(priority.map((e) => [e.before, e.after, e.at])).toEqual([[2, 3, T0 + 2 * MINUTE], [1, 2, T0 + MINUTE]]);
    expect(incident.find((e) => e.field === 'status')).toMatchObject({ before: 'received', after: 'dispatched', at: T0 + 3 * MINUTE });

    const call = entries.find((e) => e.entity === 'call');
    expect(call).toMatchObject({ field: '*', label: s.number });
    expect(of(s.noteId).map(summary)).toEqual([
      ['timeline', 'struckBy', null, me!.id],
      ['timeline', 'struckAt', null, T0 + 5 * MINUTE],
      ['timeline', 'struckReason', null, 'wrong incident'],
      ['timeline', '*', undefined, expect.objectContaining({ kind: 'note', text: 'Gas smell near the stairs' })],
    ]);
    expect(of(s.noteId).every((e) => e.label === s.number)).toBe(true);

    const team = of(s.teamId);
    expect(team.every((e) => e.label === 'Rescue One')).toBe(true);
    expect(team.find((e) => e.field === 'callSign')).toMatchObject({ before: 'Rescue 1', after: 'Rescue One' });
    expect(team.find((e) => e.field === 'status')).toMatchObject({ before: 'off_duty', after: 'available' });
    expect(of(s.centreId)).toMatchObject([{ entity: 'centre', field: '*', label: 'Latakia centre' }]);
    expect(of(s.volunteerId)).toMatchObject([{ entity: 'volunteer', field: '*', label: 'Samer' }]);
    expect(of(s.entryId)).toMatchObject([{ entity: 'rosterEntry', field: '*', label: 'Samer' }]);

    expect(of(s.fadiId).map(summary)).toEqual([
      ['operator', 'disabled', 0, 1],
      ['operator', '*', undefined, expect.objectContaining({ name: 'Fadi Ali', pinHash: HIDDEN_VALUE, disabled: 0 })],
    ]);
    expect(entries.some((e) => e.superseded)).toBe(false);
  });

  it('never shows a PIN hash, not even when one is changed', async () => {
    t = await openTestCore();
    const fadi = await t.call('operators.create', { name: 'Fadi Ali', pin: '1357', role: 'operator', language: 'ar' });
    // No channel changes a PIN yet; the log accepts it, so write one as sync would bring it.
    await t.core.store.write(null, ({ record }) => record([{ entity: 'operator', rowId: fadi.id, set: { pinHash: 'scrypt$new-secret-hash' } }]));
    const hashes = await t.core.store.reader.all<{ value: string }>("SELECT value FROM operations WHERE entity = 'operator'");
    const { entries } = await audit({ entity: 'operator' });
    expect(entries.find((e) => e.field === 'pinHash')).toMatchObject({ before: HIDDEN_VALUE, after: HIDDEN_VALUE });
    const shown = JSON.stringify(entries);
    expect(shown).not.toContain('new-secret-hash');
    for (const { value } of hashes) {
      const hash = (JSON.parse(value) as { pinHash?: string }).pinHash;
      if (hash) expect(shown).not.toContain(hash);
    }
  });

  it('filters by entity, row, field, operator and time range', async () => {
    t = await openTestCore();
    const s = await aShiftOfChanges(t);
    const fadi = await t.call('operators.create', { name: 'Nour Deeb', pin: '8642', role: 'supervisor', language: 'en' });
    const nour = t.core.createSession();
    expect((await t.core.invoke(nour, 'session.signIn', { name: 'Nour Deeb', pin: '8642' })).ok).toBe(true);
    t.clock.advance(MINUTE);
    expect((await t.core.invoke(nour, 'incidents.update', { id: s.incidentId, changes: { priority: 1 } })).ok).toBe(true);

    const teams = (await audit({ entity: 'team' })).entries;
    expect(teams.length).toBeGreaterThan(0);
    expect(teams.every((e) => e.entity === 'team')).toBe(true);

    const incident = (await audit({ rowId: s.incidentId })).entries;
    expect(new Set(incident.map((e) => e.rowId))).toEqual(new Set([s.incidentId]));
    expect((await audit({ rowId: s.incidentId, field: 'priority' })).entries.map((e) => [e.before, e.after])).toEqual([[3, 1], [2, 3], [1, 2]]);
    expect((await audit({ field: 'priority' })).entries).toHaveLength(3);

    const byNour = (await audit({ operatorId: fadi.id })).entries;
    expect(byNour.map(summary)).toEqual([['incident', 'priority', 3, 1]]);
    expect(byNour[0]).toMatchObject({ operatorName: 'Nour Deeb', label: s.number });

    const window = (await audit({ from: T0 + MINUTE, to: T0 + 3 * MINUTE })).entries;
    expect(window.map((e) => [e.field, e.at])).toEqual([['priority', T0 + 2 * MINUTE], ['priority', T0 + MINUTE]]);
    const rowWindow = (await audit({ rowId: s.incidentId, from: T0 + MINUTE, to: T0 + 3 * MINUTE })).entries;
    expect(rowWindow.map((e) => e.hlc)).toEqual(window.map((e) => e.hlc));
    expect((await audit({ from: T0 + 60 * MINUTE })).entries).toEqual([]);
  });

  it('pages with a cursor, every entry exactly once, whatever the filters', async () => {
    t = await openTestCore();
    const s = await aShiftOfChanges(t);
    for (const query of [{}, { entity: 'incident' as const }, { rowId: s.incidentId }, { from: T0 + MINUTE, to: T0 + 9 * MINUTE }]) {
      const whole = (await audit({ ...query, limit: 1000 })).entries;
      for (const limit of [1, 3, 7]) {
        const paged = await allPages({ ...query, limit });
        expect(paged.map((e) => `${e.origin}:${e.seq}`)).toEqual(whole.map((e) => `${e.origin}:${e.seq}`));
      }
    }
    expect((await audit({ limit: 5 })).entries).toHaveLength(5);
  });

  it('merges consoles by clock, and marks a remote change that lost last-writer-wins as superseded', async () => {
    t = await openTestCore();
    const { incidentId } = await t.call('incidents.log', intake());
    t.clock.advance(3 * MINUTE);
    const remote = (origin: string, wall: number, priority: number): Operation => ({
      origin, seq: 1, hlc: encodeHlc({ wall, counter: 0, origin }), entity: 'incident', rowId: incidentId,
      field: 'priority', value: String(priority), operator: null,
    });
    const newer = remote('bbbbbbbbbbbbbbbb', T0 + 2 * MINUTE, 2);
    const older = remote('cccccccccccccccc', T0 + MINUTE, 3);
    // The newer edit arrives first; the older one arrives last and loses.
    await t.core.store.applyRemote([newer], t.clock.now());
    await t.core.store.applyRemote([older], t.clock.now());
    expect((await t.call('incidents.get', { id: incidentId })).priority).toBe(2);

    const { entries } = await audit({ field: 'priority' });
    expect(entries.map((e) => [e.origin, e.before, e.after, e.superseded])).toEqual([
      ['bbbbbbbbbbbbbbbb', 3, 2, false],
      ['cccccccccccccccc', 1, 3, true],
    ]);
    expect(entries[0]).toMatchObject({ at: T0 + 2 * MINUTE, operatorId: null, operatorName: null });

    // A console editing its own change again is history, not a conflict.
    t.clock.advance(MINUTE);
    await t.call('incidents.update', { id: incidentId, changes: { priority: 1 } });
    t.clock.advance(MINUTE);
    await t.call('incidents.update', { id: incidentId, changes: { priority: 3 } });
    const local = (await audit({ field: 'priority' })).entries.filter((e) => e.origin === t.core.store.origin);
    expect(local.map((e) => [e.before, e.after, e.superseded])).toEqual([[1, 3, false], [2, 1, false]]);

    // Three consoles' operations interleave by clock; pages still give each exactly once.
    const whole = (await audit()).entries;
    expect(new Set(whole.map((e) => e.origin)).size).toBe(3);
    for (const limit of [1, 2, 5]) {
      expect((await allPages({ limit })).map((e) => e.hlc)).toEqual(whole.map((e) => e.hlc));
      expect((await allPages({ limit, from: T0 + MINUTE, to: T0 + 5 * MINUTE })).map((e) => e.hlc))
        .toEqual(whole.filter((e) => e.at >= T0 + MINUTE && e.at < T0 + 5 * MINUTE).map((e) => e.hlc));
    }
  });

  it('reads the log through indexes only, never a scan of the operations table', async () => {
    t = await openTestCore();
    const s = await aShiftOfChanges(t);
    const reader = t.core.store.reader;
    const { db: explaining, scans } = scanWatcher(reader);
    for (const query of [{}, { from: T0, to: T0 + 5 * MINUTE, entity: 'incident' as const, limit: 2 }, { rowId: s.incidentId, field: 'priority', from: T0 }]) {
      const first = await auditTrail(explaining, query);
      if (first.next) await auditTrail(explaining, { ...query, before: first.next });
    }
    expect(scans).toEqual([]);
  });
});

describe('the audit CSV', () => {
  const labels: AuditCsvLabels = {
    time: 'Time', entity: 'Record', label: 'Which', field: 'Field', before: 'Before', after: 'After', operator: 'Operator', console: 'Console',
  };
  const entry = (over: Partial<AuditEntry>): AuditEntry => ({
    at: T0, hlc: encodeHlc({ wall: T0, counter: 0, origin: 'aaaaaaaaaaaaaaaa' }), entity: 'incident', rowId: 'r', label: 'LTK-261124-A001',
    field: 'description', before: null, after: 'x', operatorId: 'o', operatorName: 'Rania Haddad', origin: 'aaaaaaaaaaaaaaaa', seq: 1,
    superseded: false, ...over,
  });

  it('starts with a BOM, ends lines with CRLF, and quotes commas, quotes and line breaks', () => {
    const csv = auditCsv([
      entry({ before: 'one, two', after: 'he said "go"\nthen left' }),
      entry({ field: '*', before: undefined, after: { priority: 1, type: 'fire' } }),
    ], labels, (at) => new Date(at).toISOString());
    expect(csv.startsWith('\uFEFFTime,Record,Which,Field,Before,After,Operator,Console\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('2026-11-24T07:00:00.000Z,incident,LTK-261124-A001,description,"one, two","he said ""go""\nthen left",Rania Haddad,aaaaaaaaaaaaaaaa');
    expect(lines[2]).toBe('2026-11-24T07:00:00.000Z,incident,LTK-261124-A001,*,,"priority: 1; type: fire",Rania Haddad,aaaaaaaaaaaaaaaa');
    expect(lines[3]).toBe('');
  });

  it('neutralises text a spreadsheet would run as a formula, but keeps negative numbers', () => {
    const csv = auditCsv([
      entry({ before: '=HYPERLINK("http://x")', after: '@SUM(A1)', label: '+1', operatorName: '-2' }),
      entry({ field: 'lon', before: -3.5, after: 35.8 }),
    ], labels, () => 'now');
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe(`now,incident,'+1,description,"'=HYPERLINK(""http://x"")",'@SUM(A1),'-2,aaaaaaaaaaaaaaaa`);
    expect(lines[2]).toBe('now,incident,LTK-261124-A001,lon,-3.5,35.8,Rania Haddad,aaaaaaaaaaaaaaaa');
  });
});
