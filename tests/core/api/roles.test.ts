// Every channel × every role: a role below the channel's is refused with error.forbidden and
// nothing is written; a role at or above it is never refused for its role.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, mayCall, requiredRole } from '../../../shared/api';
import { OPERATOR_ROLES, type OperatorRole } from '../../../shared/domain';
import { createOperator } from '../../../electron/core/operators/operators';
import { intake, openTestCore, type TestCore } from '../testCore';
import { payloads, world } from './channelPayloads';

let t: TestCore;
afterEach(async () => t?.close());


async function snapshot(t: TestCore) {
  const n = async (table: string) => (await t.core.store.reader.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n;
  return [await n('operations'), await n('incidents'), await n('teams'), await n('roster_entries')];
}

describe('roles', () => {
  it('are checked in the core for every channel', async () => {
    t = await openTestCore();
    const w = await world(t);
    const input = payloads(w);
    const sessions = {} as Record<OperatorRole, { operatorId: string | null }>;
    for (const role of OPERATOR_ROLES) {
      const op = await t.core.store.write(null, (writer) => createOperator(writer, Date.now(), { name: `${role} one`, pin: '1357', role, language: 'en' }));
      sessions[role] = { operatorId: op.id };
    }
    const refused: string[] = [];
    for (const channel of CHANNEL_NAMES) {
      for (const role of OPERATOR_ROLES) {
        const allowed = mayCall(role, requiredRole(channel, input[channel]));
        if (allowed) continue; // allowed calls change state; the refused ones are the point here
        const before = await snapshot(t);
        const result = await t.core.invoke(sessions[role], channel, input[channel]);
        expect(result, `${channel} as ${role}`).toEqual({ ok: false, error: { code: 'error.forbidden' } });
        expect(await snapshot(t), `${channel} as ${role} wrote nothing`).toEqual(before);
        refused.push(`${channel}:${role}`);
      }
    }
    // Operators are refused the supervisor's channels (and closing or cancelling, by its input).
    const supervisorChannels = ['teams.saveCentre', 'incidents.setStatus', 'roster.attendance', 'roster.checkIn', 'roster.checkOut', 'roster.copyPrevious', 'roster.walkUp', 'stats.report', 'teams.save', 'teams.saveVolunteer',
      'import.inspect', 'import.preview', 'import.start', 'import.status', 'summary.get', 'summary.addHandoverNote', 'summary.print', 'audit.list', 'post.setShifts',
      'sync.exportBundle', 'sync.importBundle', 'sync.bundleStatus', 'sync.exportProgress', 'sync.conflicts',
      'exchange.issueAlert', 'exchange.updateAlert', 'exchange.cancelAlert', 'exchange.saveAlert', 'exchange.exportHxl', 'exchange.exportGeojson'];
    const administratorChannels = ['post.setDefaults', 'post.exportKey', 'post.restoreKey', 'operators.create', 'operators.list', 'operators.setDisabled', 'sync.hubs', 'sync.testHub', 'sync.addHub', 'sync.removeHub',
      'backup.status', 'backup.create', 'backup.inspect', 'backup.restore'];
    expect(refused.sort()).toEqual([
      ...[...supervisorChannels, ...administratorChannels].map((c) => `${c}:operator`),
      ...administratorChannels.map((c) => `${c}:supervisor`),
    ].sort());
    // And no allowed role is refused for its role.
    for (const channel of CHANNEL_NAMES) {
      for (const role of OPERATOR_ROLES) {
        if (!mayCall(role, requiredRole(channel, input[channel]))) continue;
        const result = await t.core.invoke(sessions[role], channel, input[channel]);
        expect(result.ok || result.error.code !== 'error.forbidden', `${channel} as ${role}`).toBe(true);
      }
    }
  });

  it('let an operator move an incident on, but only a supervisor close or cancel it', async () => {
    t = await openTestCore();
    const operator = await t.core.store.write(null, (writer) => createOperator(writer, Date.now(), { name: 'Op', pin: '1357', role: 'operator', language: 'en' }));
    const session = { operatorId: operator.id };
    const { incidentId: id } = await t.call('incidents.log', intake());
    expect((await t.core.invoke(session, 'incidents.setStatus', { id, status: 'dispatched', withoutTeam: true, note: 'Sent by radio' })).ok).toBe(true);
    expect(await t.core.invoke(session, 'incidents.setStatus', { id, status: 'cancelled', cancelReason: 'duplicate' })).toEqual({ ok: false, error: { code: 'error.forbidden' } });
    expect((await t.call('incidents.get', { id })).status).toBe('dispatched');
  });
});
