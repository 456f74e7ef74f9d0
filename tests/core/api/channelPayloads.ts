// A valid input for every channel, in a small world (a centre, a team, a volunteer on shift, an
// incident with a note), for tests that go through every channel. Some inputs are refused after
// the role check on purpose (no file dialog, port 1): each says why. Used by roles.test.ts and channelChanges.test.ts.
import type { ChannelName } from '../../../shared/api';
import { intake, type TestCore } from '../testCore';

export async function world(t: TestCore) {
  const centreId = (await t.call('teams.saveCentre', { name: 'Latakia centre', district: 'latakia', covers: [] })).id;
  const teamId = (await t.call('teams.save', { callSign: 'Rescue 1', kind: 'search_rescue', centreId })).id;
  const volunteerId = (await t.call('teams.saveVolunteer', { name: 'Samer', role: 'rescuer', centreId })).id;
  const { entryId } = await t.call('roster.checkIn', { volunteerId, teamId });
  const { incidentId } = await t.call('incidents.log', intake());
  const noteId = (await t.call('timeline.addNote', { incidentId, text: 'note' })).timeline.find((e) => e.kind === 'note')!.id;
  return { centreId, teamId, volunteerId, entryId, incidentId, noteId };
}

export function payloads(w: Awaited<ReturnType<typeof world>>): Record<ChannelName, unknown> {
  const now = Date.now();
  return {
    'setup.status': {}, 'setup.readPostKeyFile': {}, 'setup.complete': {}, 'session.signIn': { name: 'x', pin: '0000' }, 'session.current': {}, 'reference.districts': {},
    'session.signOut': {}, 'session.setLanguage': { language: 'ar' }, 'post.setDefaults': { language: 'ar', digits: 'latn' }, 'post.exportKey': { passphrase: 'cedar lighthouse 42' }, 'post.restoreKey': {}, 'post.setShifts': { starts: ['08:00', '20:00'] },
    'incidents.findDuplicates': { receivedAt: now, district: 'latakia', locality: 'x' }, 'incidents.log': intake(),
    'incidents.queue': { queue: 'waiting' }, 'incidents.get': { id: w.incidentId },
    'incidents.update': { id: w.incidentId, changes: { priority: 2 } },
    'incidents.setStatus': { id: w.incidentId, status: 'cancelled', cancelReason: 'duplicate' },
    'timeline.addNote': { incidentId: w.incidentId, text: 'x' }, 'timeline.strike': { entryId: w.noteId, reason: 'x' },
    'teams.centres': {}, 'teams.saveCentre': { id: w.centreId, name: 'Renamed', district: 'latakia', covers: [] },
    'teams.board': {}, 'teams.save': { id: w.teamId, callSign: 'Rescue 9', kind: 'search_rescue', centreId: w.centreId },
    'teams.setStatus': { teamId: w.teamId, status: 'out_of_service' }, 'teams.conflicts': {},
    'teams.volunteers': {}, 'teams.saveVolunteer': { id: w.volunteerId, name: 'Samer H', role: 'rescuer', centreId: w.centreId },
    'roster.current': {}, 'roster.checkIn': { volunteerId: w.volunteerId, teamId: w.teamId }, 'roster.checkOut': { entryId: w.entryId },
    'roster.walkUp': { name: 'Omar', role: 'driver', teamId: w.teamId }, 'roster.copyPrevious': {},
    'roster.attendance': { from: now - 86_400_000, to: now },
    'dispatch.suggest': { incidentId: w.incidentId }, 'dispatch.send': { incidentId: w.incidentId, teamIds: [w.teamId] },
    'dispatch.advance': { assignmentId: '00000000-0000-4000-8000-000000000000', step: 'en_route' },
    'session.lock': {},
    'session.unlock': { pin: '1357' },
    'operators.list': {},
    'operators.create': { name: 'New operator', pin: '1234', role: 'operator', language: 'ar' },
    'operators.setDisabled': { id: w.noteId, disabled: true },
    'stats.report': { period: { from: '2026-11-01', to: '2026-11-24' } },
    'import.inspect': { text: 'when,what,where\n2026-11-01 10:00,fire,jableh' },
    'import.preview': { text: 'when,what,where\n2026-11-01 10:00,fire,jableh', mapping: {} },
    // An unusable mapping: refused before any import starts, so this check writes nothing.
    'import.start': { text: 'when,what,where\n2026-11-01 10:00,fire,jableh', mapping: {} },
    'import.status': { jobId: w.noteId },
    'summary.get': { period: { shift: Date.now() } },
    'summary.addHandoverNote': { shiftStart: Date.now(), text: 'Generator at Jableh centre needs fuel.' },
    'summary.print': { period: { shift: Date.now() }, pdf: true },
    'audit.list': { entity: 'incident', limit: 10 },
    'sync.status': {},
    'sync.now': {},
    'sync.hubs': {},
    // Port 1: refused at once, so the allowed calls finish quickly.
    'sync.testHub': { url: 'postgres://beacon@127.0.0.1:1/beacon', tls: { mode: 'disable', caFile: null } },
    'sync.addHub': { name: 'HQ', url: 'postgres://beacon@127.0.0.1:1/beacon', tls: { mode: 'disable', caFile: null } },
    'sync.removeHub': { id: w.noteId },
    'backup.status': {},
    'backup.health': {},
    // The database opened: refused (integrity.notDamaged) whoever asks.
    'backup.restoreSafetyCopy': { name: 'beacon-2026-11-24-0800.db' },
    // No file dialog in this core: refused after the role check, writing nothing.
    'backup.create': {},
    'backup.inspect': { safetyCopy: 'beacon-2026-11-24-0800.db' },
    'backup.restore': { token: '00000000-0000-4000-8000-000000000000' },
    // No file dialog in this core either: refused after the role check, writing nothing.
    'sync.exportBundle': {},
    'sync.importBundle': {},
    'sync.bundleStatus': { jobId: '00000000-0000-4000-8000-000000000000' },
    'sync.exportProgress': {},
    'sync.conflicts': {},
    'exchange.alerts': { incidentId: w.incidentId },
    'exchange.issueAlert': {
      incidentId: w.incidentId, event: 'uxo', responseType: 'Avoid', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed',
      instructionAr: 'ابتعدوا عن المكان', area: { kind: 'district' }, expiresAt: now + 3_600_000,
    },
    'exchange.updateAlert': {
      alertId: w.incidentId, event: 'uxo', responseType: 'Avoid', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed',
      instructionAr: 'ابتعدوا عن المكان', area: { kind: 'district' }, expiresAt: now + 3_600_000,
    },
    'exchange.cancelAlert': { alertId: w.incidentId },
    'exchange.saveAlert': { messageId: w.incidentId },
    'exchange.exportHxl': { from: '2026-11-01', to: '2026-11-30' },
    'exchange.exportGeojson': { from: '2026-11-01', to: '2026-11-30' },
    'sync.health': {},
  };
}

