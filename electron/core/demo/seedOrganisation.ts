// Centres, teams, volunteers and their rosters for synthetic data, written as operations.
import { newRowId } from '../oplog/rowId';
import type { TeamKind, TeamStatus } from '../../../shared/domain';
import { shiftAt } from '../../../shared/time/shifts';
import type { ServiceContext } from '../context';
import type { Change } from '../oplog/opLog';
import { requirePost } from '../setup/setup';
import { syntheticOrganisation } from './organisation';
import type { SyntheticTeamRef } from './synthetic';

const MINUTE = 60_000;
/** Roster history is written for the last weeks only: attendance is read over weeks, not years. */
const ROSTER_HISTORY_DAYS = 14;

/** The teams to send, creating the organisation first if this console has none. */
export async function ensureOrganisation(ctx: ServiceContext, operatorId: string): Promise<SyntheticTeamRef[]> {
  const existing = await loadTeams(ctx);
  if (existing.length > 0) return existing;
  const settings = requirePost(ctx.settings);
  const now = ctx.now();
  const org = syntheticOrganisation(1, settings.language);
  const ids = new Map<string, string>();
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (!id) ids.set(key, (id = newRowId()));
    return id;
  };
  const changes: Change[] = [];
  for (const c of org.centres) {
    changes.push({ entity: 'centre', rowId: idOf(c.key), create: { name: c.name, district: c.district, covers: JSON.stringify(c.covers) } });
  }
  for (const t of org.teams) {
    changes.push({
      entity: 'team', rowId: idOf(t.key),
      create: { callSign: t.callSign, kind: t.kind, centreId: idOf(t.centreKey), vehicle: t.vehicle, radioChannel: t.radioChannel, status: 'off_duty', statusAt: now, retired: 0 },
    });
  }
  for (const v of org.volunteers) {
    changes.push({
      entity: 'volunteer', rowId: idOf(v.key),
      create: { name: v.name, role: v.role, phone: v.phone, centreId: idOf(v.centreKey), qualifications: null, retired: 0 },
    });
  }
  // Three of each team's four volunteers on every shift, one resting in turn; the current shift still open.
  const { shiftStarts, post } = settings;
  let shift = shiftAt(now - ROSTER_HISTORY_DAYS * 24 * 60 * MINUTE, shiftStarts, post.timeZone);
  for (let n = 0; shift.start <= now; n++, shift = shiftAt(shift.end, shiftStarts, post.timeZone)) {
    const current = shift.end > now;
    org.teams.forEach((team, teamIndex) => {
      const members = org.volunteers.filter((v) => v.teamKey === team.key);
      members.forEach((member, k) => {
        if (k === (n + teamIndex) % members.length) return;
        changes.push({
          entity: 'rosterEntry', rowId: newRowId(),
          create: { volunteerId: idOf(member.key), teamId: idOf(team.key), checkInAt: shift.start + (k + 1) * MINUTE, checkOutAt: current ? null : shift.end },
        });
      });
    });
  }
  await ctx.store.write(operatorId, ({ record }) => record(changes));
  return loadTeams(ctx);
}

async function loadTeams(ctx: ServiceContext): Promise<SyntheticTeamRef[]> {
  const rows = await ctx.store.reader.all<{ id: string; kind: TeamKind; covers: string | null }>(
    'SELECT t.id, t.kind, c.covers FROM teams t LEFT JOIN centres c ON c.id = t.centre_id WHERE t.retired = 0 ORDER BY t.call_sign');
  return rows.map((r) => ({ id: r.id, kind: r.kind, covers: r.covers ? (JSON.parse(r.covers) as string[]) : [] }));
}

/** After writing history: each team's status says what it is doing now. */
export async function settleTeamStatuses(ctx: ServiceContext, operatorId: string): Promise<void> {
  const now = ctx.now();
  await ctx.store.write(operatorId, async ({ tx, record }) => {
    const teams = await tx.all<{ id: string; status: TeamStatus; crew: number; dispatched_at: number | null; en_route_at: number | null; on_scene_at: number | null }>(
      `SELECT t.id, t.status,
              (SELECT count(*) FROM roster_entries r WHERE r.team_id = t.id AND r.check_out_at IS NULL) AS crew,
              a.dispatched_at, a.en_route_at, a.on_scene_at
         FROM teams t LEFT JOIN assignments a ON a.team_id = t.id AND a.cleared_at IS NULL
        WHERE t.retired = 0`);
    const changes: Change[] = [];
    for (const t of teams) {
      const status: TeamStatus = t.dispatched_at !== null
        ? t.on_scene_at !== null ? 'on_scene' : t.en_route_at !== null ? 'en_route' : 'dispatched'
        : t.crew > 0 ? 'available' : 'off_duty';
      const since = t.on_scene_at ?? t.en_route_at ?? t.dispatched_at ?? now;
      if (status !== t.status) changes.push({ entity: 'team', rowId: t.id, set: { status, statusAt: since } });
    }
    if (changes.length > 0) await record(changes);
  });
}
