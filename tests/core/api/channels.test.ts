// Every channel refuses what does not fit its schema with a typed error, and writes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, PUBLIC_CHANNELS, type ChannelName } from '../../../shared/api';
import { intake, openTestCore, type TestCore } from '../testCore';

let t: TestCore;
const Z = '00000000-0000-4000-8000-000000000000';
const ALERT = {
  event: 'uxo', responseType: 'Avoid', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed',
  instructionAr: 'ابتعدوا عن المكان', area: { kind: 'district' }, expiresAt: Date.UTC(2026, 10, 24, 12),
};
afterEach(async () => t?.close());

const INVALID: Record<ChannelName, unknown[]> = {
  'setup.status': [{ extra: 1 }, 'text'],
  'setup.readPostKeyFile': [{ file: '/tmp/post.key' }, { path: '/etc/passwd' }],
  'setup.complete': [
    {}, { post: { name: '', code: 'ltk', timeZone: 'Mars/Base' }, consoleLetter: 'AA', operator: { name: 'x', pin: '12' }, language: 'fr', loadDemo: 'yes' },
    { post: { name: 'Latakia command post', code: 'LTK', timeZone: 'UTC' }, consoleLetter: 'B', operator: { name: 'Omar Station', pin: '8642' }, language: 'en', loadDemo: false, join: true, passphrase: ' seven  ' },
  ],
  'session.signIn': [{ name: 'Rania Haddad' }, { name: 'Rania Haddad', pin: 2468 }, { name: 'x'.repeat(500), pin: '2468' }],
  'session.signOut': [{ now: true }],
  'session.current': [[1]],
  'session.setLanguage': [{ language: 'de' }, {}],
  'post.exportKey': [{ file: '/tmp/post.key' }, { key: 'x' }, {}, { passphrase: 'short' }, { passphrase: 12345678 }, { passphrase: 'x'.repeat(201) }, { passphrase: 'cedar lighthouse 42', file: '/tmp/post.key' }],
  'post.setDefaults': [{ language: 'ar' }, { language: 'ar', digits: 'hindi' }, { language: 'fr', digits: 'latn' }],
  'post.restoreKey': [{ passphrase: 'short' }, { passphrase: 12345678 }, { file: '/tmp/post.key' }],
  'post.setShifts': [{ starts: [] }, { starts: ['8:00'] }, { starts: ['24:00'] }, { starts: Array(7).fill('08:00') }, {}],
  'reference.districts': [{ all: true }],
  'incidents.findDuplicates': [{}, { receivedAt: 'now', district: 'latakia' }],
  'incidents.log': [
    {},
    { ...intake(), priority: 4 },
    { ...intake(), reported: { trapped: -1, injured: 0, dead: 0 } },
    { ...intake(), description: 'x'.repeat(5000) },
    { ...intake(), callerName: 'Abu\u202EreneS' },
    { ...intake(), religion: 'any' },
    { ...intake(), location: { district: "latakia'; DROP TABLE incidents;--" } },
    { ...intake(), attachToIncidentId: '1 OR 1=1' },
    { ...intake(), receivedAt: 1e20 },
  ],
  'incidents.queue': [{ queue: 'all' }, { queue: 'waiting', priority: 0 }],
  'incidents.get': [{ id: 42 }, {}],
  'incidents.update': [{ id: '00000000-0000-4000-8000-000000000000', changes: { status: 'closed' } }, { changes: {} }],
  'incidents.setStatus': [{ id: '00000000-0000-4000-8000-000000000000', status: 'done' }],
  'timeline.addNote': [{ incidentId: '00000000-0000-4000-8000-000000000000', text: '   ' }, { text: 'x' }],
  'timeline.strike': [{ entryId: '00000000-0000-4000-8000-000000000000', reason: '' }],
  'teams.centres': [{ x: 1 }],
  'teams.saveCentre': [{ name: 'Jableh centre', district: 'jableh' }, { name: '', district: 'jableh', covers: [] }],
  'teams.board': [{ kind: 'tank' }, { centreId: 'abc' }],
  'teams.save': [{ callSign: 'Rescue 1', kind: 'search_rescue' }, { callSign: 'R', kind: 'cavalry', centreId: Z }],
  'teams.setStatus': [{ teamId: Z, status: 'asleep' }],
  'teams.conflicts': [{ all: 1 }],
  'teams.volunteers': [{ centreId: 7 }],
  'teams.saveVolunteer': [{ name: 'Ali', role: 'captain', centreId: Z }, { name: 'Ali', role: 'rescuer', centreId: Z, phone: 'call me' }],
  'roster.current': [{ at: 'now' }],
  'roster.checkIn': [{ volunteerId: Z }],
  'roster.checkOut': [{}],
  'roster.walkUp': [{ name: '', role: 'rescuer', teamId: Z }],
  'roster.copyPrevious': [{ from: 1 }],
  'roster.attendance': [{ from: 0, to: 1 }],
  'dispatch.suggest': [{}],
  'dispatch.send': [{ incidentId: Z, teamIds: [] }, { incidentId: Z, teamIds: ['x'] }],
  'dispatch.advance': [{ assignmentId: Z, step: 'home' }],
  'session.lock': [{ now: 1 }],
  'session.unlock': [{}, { pin: '12' }, { pin: 2468 }],
  'operators.list': [{ all: true }],
  'operators.create': [{ name: 'Ali', pin: '12', role: 'operator', language: 'ar' }, { name: 'Ali', pin: '1234', role: 'god', language: 'ar' }],
  'operators.setDisabled': [{ id: Z, disabled: 'yes' }, { id: 'x', disabled: true }],
  'stats.report': [{ period: { from: '2026-11-01' } }, { period: { from: '2026-13-01', to: '2026-11-02' } }, { period: { lastHours: 0 } },
    { period: { from: '2026-11-02', to: '2026-11-01' } }, { period: { lastHours: 24 }, filters: { type: 'meteor' } }],
  'import.inspect': [{ text: '' }, { text: 42 }, { text: 'a,b', extra: 1 }],
  'import.preview': [{ text: 'a,b\n1,2' }, { text: 'a,b\n1,2', mapping: 'all' }],
  'import.start': [{ text: 'a,b\n1,2', mapping: [] }, { text: 'x'.repeat(64 * 1024 * 1024 + 1), mapping: {} }],
  'import.status': [{ jobId: 'x' }, {}, { jobId: Z, more: 1 }],
  'summary.get': [{ period: { shift: 'now' } }, { period: {} }, { period: { day: '26/11/2026' } }, { period: { shift: 1 } }],
  'summary.addHandoverNote': [{ shiftStart: Date.now(), text: '   ' }, { shiftStart: Date.now(), text: 'x'.repeat(5000) }, { text: 'x' }],
  'summary.print': [{ period: { shift: Date.now() } }, { period: { day: 'today' }, pdf: true }, { period: { shift: Date.now() }, pdf: 'yes' }],
  'audit.list': [{ entity: 'settings' }, { limit: 5000 }, { rowId: "' OR 1=1 --" }, { before: { hlc: 'x', origin: 'zz', seq: 0 } }],
  'sync.status': [{ all: true }],
  'sync.now': [{ hubId: 'x' }, { hubId: 1 }],
  'sync.hubs': [{ secret: true }],
  'sync.testHub': [{ url: 'http://example.org', tls: { mode: 'disable', caFile: null } }, { url: 'postgres://h/db', tls: { mode: 'maybe', caFile: null } }, { url: 'postgres://h/db' }, {}],
  'sync.addHub': [{ name: 'HQ', url: 'mysql://x' }, { name: '', url: 'postgres://beacon@127.0.0.1:1/beacon' }, { url: 'postgres://beacon@127.0.0.1:1/beacon' }],
  'sync.removeHub': [{ id: 'x' }, {}],
  'backup.status': [{ folder: '/tmp' }],
  'backup.health': [{ now: true }],
  'backup.restoreSafetyCopy': [{}, { name: '../beacon.db' }, { name: 'beacon-2026-11-24-0800.db', path: '/tmp' }],
  // No path is ever taken from the renderer: the shell's dialog or the core's own list names the file.
  'backup.create': [{ file: '/tmp/x.db' }, { path: '/etc/passwd' }],
  'backup.inspect': [{ file: '/tmp/x.db' }, { safetyCopy: '../beacon.db' }, { safetyCopy: '/etc/passwd' }, { safetyCopy: 'beacon-2026-11-24-0800.db/../../x' }],
  'backup.restore': [{}, { token: 'x' }, { token: Z, file: '/tmp/x.db' }],
  // Paths never come from the renderer: the shell's dialog picks them.
  'sync.exportBundle': [{ file: '/tmp/x.bundle' }, { since: '24/11/2026' }, { since: 20261124 }],
  'sync.importBundle': [{ file: '/tmp/x.bundle' }, { path: '/etc/passwd' }],
  'sync.bundleStatus': [{}, { jobId: 'x' }],
  'sync.exportProgress': [{ file: '/tmp/x.bundle' }],
  'sync.conflicts': [{ withinMinutes: 0 }, { withinMinutes: 100000 }, { limit: 5000 }, { from: 'yesterday' }, { before: { hlc: 'x' } }],
  'exchange.alerts': [{}, { incidentId: 'x' }],
  'exchange.issueAlert': [
    {}, { ...ALERT, incidentId: Z, event: 'party' }, { ...ALERT, incidentId: Z, area: { kind: 'circle', radiusKm: 500 } },
    { ...ALERT, incidentId: Z, urgency: 'immediate' }, { ...ALERT, incidentId: Z, instructionAr: 'x'.repeat(400) }, { ...ALERT, incidentId: Z, sender: 'me' },
  ],
  'exchange.updateAlert': [{ ...ALERT }, { ...ALERT, alertId: Z, area: { kind: 'polygon' } }],
  'exchange.cancelAlert': [{}, { alertId: Z, note: 'x'.repeat(400) }, { alertId: Z, file: '/tmp/a.xml' }],
  'exchange.saveAlert': [{}, { messageId: Z, file: '/etc/passwd' }],
  'exchange.exportHxl': [{}, { from: '2026-11-01' }, { from: 20261101, to: 20261130 }, { from: '2026-11-01', to: '2026-11-30', file: '/tmp/x.csv' }, { from: '2026-11-01', to: '2026-11-30', table: 'hour' }],
  'exchange.exportGeojson': [{}, { from: '1.11.2026', to: '30.11.2026' }],
  'sync.health': [{ all: true }],
};

async function snapshot(t: TestCore) {
  const db = t.core.store.reader;
  const n = async (table: string) => (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n;
  return [await n('operations'), await n('incidents'), await n('calls'), await n('timeline_entries'), await n('operators')];
}

describe('every channel', () => {
  it('has invalid payloads listed here, so a new channel cannot skip this test', () => {
    expect(Object.keys(INVALID).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('rejects invalid payloads with error.invalidInput naming the fields, and writes nothing', async () => {
    t = await openTestCore();
    await t.call('incidents.log', intake());
    const before = await snapshot(t);
    for (const channel of CHANNEL_NAMES) {
      for (const payload of INVALID[channel]) {
        const result = await t.core.invoke(t.session, channel, payload);
        expect(result.ok, `${channel} ${JSON.stringify(payload).slice(0, 80)}`).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('error.invalidInput');
          expect(Object.keys(result.error.fields ?? {}).length).toBeGreaterThan(0);
        }
      }
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers an unknown channel with a typed error', async () => {
    t = await openTestCore();
    expect(await t.core.invoke(t.session, 'incidents.drop' as ChannelName, {})).toEqual({ ok: false, error: { code: 'error.unknownChannel' } });
  });

  it('needs a signed-in operator, except for setup and sign-in', async () => {
    t = await openTestCore();
    const { incidentId } = await t.call('incidents.log', intake());
    const entryId = (await t.call('timeline.addNote', { incidentId, text: 'note' })).timeline.at(-1)!.id;
    await t.call('session.signOut', {});
    const before = await snapshot(t);
    const VALID: Partial<Record<ChannelName, unknown>> = {
      'session.setLanguage': { language: 'ar' },
      'post.setDefaults': { language: 'en', digits: 'arab' },
      'post.exportKey': { passphrase: 'cedar lighthouse 42' },
      'post.restoreKey': {},
      'post.setShifts': { starts: ['08:00', '20:00'] },
      'incidents.findDuplicates': { receivedAt: Date.now(), district: 'latakia', locality: 'x' },
      'incidents.log': intake(),
      'incidents.queue': { queue: 'waiting' },
      'incidents.get': { id: incidentId },
      'incidents.update': { id: incidentId, changes: { priority: 3 } },
      'incidents.setStatus': { id: incidentId, status: 'dispatched', withoutTeam: true, note: 'Sent by radio' },
      'timeline.addNote': { incidentId, text: 'x' },
      'timeline.strike': { entryId, reason: 'x' },
      'teams.centres': {},
      'teams.saveCentre': { name: 'Jableh centre', district: 'jableh', covers: [] },
      'teams.board': {},
      'teams.save': { callSign: 'Rescue 1', kind: 'search_rescue', centreId: Z },
      'teams.setStatus': { teamId: Z, status: 'available' },
      'teams.conflicts': {},
      'teams.volunteers': {},
      'teams.saveVolunteer': { name: 'Ali', role: 'rescuer', centreId: Z },
      'roster.current': {},
      'roster.checkIn': { volunteerId: Z, teamId: Z },
      'roster.checkOut': { entryId: Z },
      'roster.walkUp': { name: 'Ali', role: 'rescuer', teamId: Z },
      'roster.copyPrevious': {},
      'roster.attendance': { from: Date.now() - 1000, to: Date.now() },
      'dispatch.suggest': { incidentId },
      'dispatch.send': { incidentId, teamIds: [Z] },
      'dispatch.advance': { assignmentId: Z, step: 'en_route' },
      'session.lock': {},
      'session.unlock': { pin: '2468' },
      'operators.list': {},
      'operators.create': { name: 'Ali', pin: '1234', role: 'operator', language: 'ar' },
      'operators.setDisabled': { id: Z, disabled: true },
      'stats.report': { period: { lastHours: 24 } },
      'import.inspect': { text: 'a,b\n1,2' },
      'import.preview': { text: 'a,b\n1,2', mapping: {} },
      'import.start': { text: 'a,b\n1,2', mapping: {} },
      'import.status': { jobId: Z },
      'summary.get': { period: { shift: Date.now() } },
      'summary.addHandoverNote': { shiftStart: Date.now(), text: 'Generator at Jableh centre needs fuel.' },
      'summary.print': { period: { shift: Date.now() }, pdf: true },
      'audit.list': { entity: 'incident' },
      'sync.status': {},
      'sync.now': {},
      'sync.hubs': {},
      'sync.testHub': { url: 'postgres://beacon@127.0.0.1:1/beacon', tls: { mode: 'disable', caFile: null } },
      'sync.addHub': { name: 'HQ', url: 'postgres://beacon@127.0.0.1:1/beacon', tls: { mode: 'disable', caFile: null } },
      'sync.removeHub': { id: Z },
      'backup.status': {},
      'backup.create': {},
      'backup.inspect': { safetyCopy: 'beacon-2026-11-24-0800.db' },
      'backup.restore': { token: Z },
      'sync.exportBundle': {},
      'sync.importBundle': {},
      'sync.bundleStatus': { jobId: Z },
      'sync.exportProgress': {},
      'sync.conflicts': {},
      'exchange.alerts': { incidentId: Z },
      'exchange.issueAlert': { ...ALERT, incidentId: Z },
      'exchange.updateAlert': { ...ALERT, alertId: Z },
      'exchange.cancelAlert': { alertId: Z },
      'exchange.saveAlert': { messageId: Z },
      'exchange.exportHxl': { from: '2026-11-01', to: '2026-11-30' },
      'exchange.exportGeojson': { from: '2026-11-01', to: '2026-11-30' },
      'sync.health': {},
    };
    const guarded = CHANNEL_NAMES.filter((c) => !PUBLIC_CHANNELS.has(c) && c !== 'session.signOut');
    expect(Object.keys(VALID).sort()).toEqual([...guarded].sort());
    for (const channel of guarded) {
      expect(await t.core.invoke(t.session, channel, VALID[channel]), channel).toEqual({ ok: false, error: { code: 'error.notSignedIn' } });
    }
    expect(await snapshot(t)).toEqual(before);
  });
});

describe('signing in', () => {
  it('accepts the right name and PIN, whatever the name\'s case and spacing, and refuses a wrong PIN the same way as an unknown name', async () => {
    t = await openTestCore();
    await t.call('session.signOut', {});
    const wrong = await t.core.invoke(t.session, 'session.signIn', { name: 'Rania Haddad', pin: '1111' });
    const unknown = await t.core.invoke(t.session, 'session.signIn', { name: 'Nobody', pin: '2468' });
    expect(wrong).toEqual({ ok: false, error: { code: 'error.badCredentials' } });
    expect(unknown).toEqual(wrong);
    const ok = await t.call('session.signIn', { name: '  rania haddad ', pin: '2468' });
    expect(ok).toMatchObject({ name: 'Rania Haddad', role: 'administrator', language: 'en' });
    const pinHash = await t.core.store.reader.get<{ pin_hash: string }>('SELECT pin_hash FROM operators WHERE id = ?', [ok.id]);
    expect(pinHash?.pin_hash).toMatch(/^scrypt\$/);
    expect(pinHash?.pin_hash).not.toContain('2468');
  });

  it('refuses a second first-run once the console is set up', async () => {
    t = await openTestCore();
    const result = await t.core.invoke(t.session, 'setup.complete', {
      post: { name: 'Other', code: 'XYZ', timeZone: 'UTC' }, consoleLetter: 'Z', operator: { name: 'Intruder', pin: '0000' }, language: 'en', loadDemo: false,
    });
    expect(result).toEqual({ ok: false, error: { code: 'error.setupDone' } });
    // Recovery is for a console whose every operator is disabled (tests/core/setup/recovery.test.ts).
    expect(await t.call('setup.status', {})).toMatchObject({ needsSetup: false, recovery: false });
  });

  it('remembers each operator\'s language', async () => {
    t = await openTestCore();
    expect((await t.call('session.setLanguage', { language: 'ar' })).language).toBe('ar');
    await t.reopen();
    expect((await t.call('session.signIn', { name: 'Rania Haddad', pin: '2468' })).language).toBe('ar');
  });

  it('sets the shift pattern (three shifts, stored sorted); refuses a start twice or shifts under two hours, beside the field', async () => {
    t = await openTestCore();
    const status = await t.call('post.setShifts', { starts: ['22:00', '06:00', '14:00'] });
    expect(status.shiftStarts).toEqual(['06:00', '14:00', '22:00']);
    await t.reopen();
    expect((await t.call('setup.status', {})).shiftStarts).toEqual(['06:00', '14:00', '22:00']);
    await t.call('session.signIn', { name: 'Rania Haddad', pin: '2468' });
    for (const [starts, reason] of [[['08:00', '08:00'], 'validation.shiftRepeated'], [['08:00', '09:30'], 'validation.shiftTooShort'], [['23:30', '00:30', '12:00'], 'validation.shiftTooShort']] as const) {
      const refused = await t.core.invoke(t.session, 'post.setShifts', { starts: [...starts] });
      expect(refused.ok ? null : refused.error.fields).toEqual({ starts: reason });
    }
    expect((await t.call('setup.status', {})).shiftStarts).toEqual(['06:00', '14:00', '22:00']);
    expect((await t.call('post.setShifts', { starts: ['07:00'] })).shiftStarts).toEqual(['07:00']);
  });

  it('keeps the post\'s default language and digits across a restart; an operator\'s own language still wins', async () => {
    t = await openTestCore();
    expect((await t.call('setup.status', {})).digits).toBe('latn');
    const status = await t.call('post.setDefaults', { language: 'en', digits: 'arab' });
    expect({ language: status.language, digits: status.digits }).toEqual({ language: 'en', digits: 'arab' });
    await t.call('session.setLanguage', { language: 'ar' });
    await t.reopen();
    expect((await t.call('setup.status', {})).digits).toBe('arab');
    expect((await t.call('setup.status', {})).language).toBe('en');
    expect((await t.call('session.signIn', { name: 'Rania Haddad', pin: '2468' })).language).toBe('ar');
  });
});
