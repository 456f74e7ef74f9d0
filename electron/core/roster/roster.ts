// The shift roster: who is on duty, on which team, from when to when. A team's crew is
// whoever is checked in to it; a team with nobody checked in is off duty.
import { newRowId } from '../oplog/rowId';
import type { z } from 'zod';
import type * as s from '../../../shared/api/schemas';
import { previousShift, shiftAt, type Shift } from '../../../shared/time/shifts';
import type { VolunteerRole } from '../../../shared/domain';
import { DomainError } from '../base/errors';
import type { ServiceContext } from '../context';
import type { Writer } from '../db/store';
import { requirePost } from '../setup/setup';
import type { Reader } from '../base/handles';

export type RosterView = z.output<typeof s.rosterView>;
export type AttendanceRow = z.output<typeof s.attendanceRow>;

export function shiftFor(ctx: ServiceContext, at: number): Shift {
  const settings = requirePost(ctx.settings);
  return shiftAt(at, settings.shiftStarts, settings.post.timeZone);
}

/** Everyone on duty at any time during the shift. */
export async function rosterFor(db: Reader, shift: { start: number; end: number }): Promise<RosterView> {
  const rows = await db.all<{ id: string; volunteer_id: string; name: string; role: VolunteerRole; team_id: string; call_sign: string | null; check_in_at: number; check_out_at: number | null }>(
    `SELECT r.id, r.volunteer_id, v.name, v.role, r.team_id, t.call_sign, r.check_in_at, r.check_out_at
       FROM roster_entries r JOIN volunteers v ON v.id = r.volunteer_id LEFT JOIN teams t ON t.id = r.team_id
      WHERE r.check_in_at < ? AND (r.check_out_at IS NULL OR r.check_out_at > ?)
      ORDER BY t.call_sign, r.check_in_at`,
    [shift.end, shift.start],
  );
  return {
    shift: { start: shift.start, end: shift.end },
    entries: rows.map((r) => ({
      entryId: r.id, volunteerId: r.volunteer_id, name: r.name, role: r.role, teamId: r.team_id,
      callSign: r.call_sign ?? '', checkInAt: r.check_in_at, checkOutAt: r.check_out_at,
    })),
  };
}

async function checkInWith(writer: Writer, volunteerId: string, teamId: string, at: number): Promise<string> {
  const { tx, record } = writer;
  const team = await tx.get<{ status: string }>('SELECT status FROM teams WHERE id = ? AND retired = 0', [teamId]);
  if (!team) throw new DomainError('error.teamNotFound');
  if (!(await tx.get('SELECT 1 FROM volunteers WHERE id = ? AND retired = 0', [volunteerId]))) throw new DomainError('error.volunteerNotFound');
  if (await tx.get('SELECT 1 FROM roster_entries WHERE volunteer_id = ? AND check_out_at IS NULL', [volunteerId])) {
    throw new DomainError('error.alreadyOnDuty');
  }
  const entryId = newRowId();
  await record([{ entity: 'rosterEntry', rowId: entryId, create: { volunteerId, teamId, checkInAt: at, checkOutAt: null } }]);
  // The first member checking in makes an off-duty team available.
  if (team.status === 'off_duty') await record([{ entity: 'team', rowId: teamId, set: { status: 'available', statusAt: at } }]);
  return entryId;
}

export async function checkIn(ctx: ServiceContext, operatorId: string, volunteerId: string, teamId: string): Promise<string> {
  const now = ctx.now();
  return ctx.store.write(operatorId, (writer) => checkInWith(writer, volunteerId, teamId, now));
}

export async function checkOut(ctx: ServiceContext, operatorId: string, entryId: string): Promise<void> {
  const now = ctx.now();
  await ctx.store.write(operatorId, async ({ tx, record }) => {
    const entry = await tx.get<{ team_id: string; check_out_at: number | null }>('SELECT team_id, check_out_at FROM roster_entries WHERE id = ?', [entryId]);
    if (!entry) throw new DomainError('error.rosterEntryNotFound');
    if (entry.check_out_at !== null) throw new DomainError('error.alreadyCheckedOut');
    await record([{ entity: 'rosterEntry', rowId: entryId, set: { checkOutAt: now } }]);
    const crewLeft = await tx.get('SELECT 1 FROM roster_entries WHERE team_id = ? AND check_out_at IS NULL', [entry.team_id]);
    const committed = await tx.get('SELECT 1 FROM assignments WHERE team_id = ? AND cleared_at IS NULL', [entry.team_id]);
    if (!crewLeft && !committed) await record([{ entity: 'team', rowId: entry.team_id, set: { status: 'off_duty', statusAt: now } }]);
  });
}

/** A volunteer who walks in: added to the roster and checked in, in one step. */
export async function walkUp(
  ctx: ServiceContext, operatorId: string,
  input: { name: string; role: VolunteerRole; phone?: string | undefined; teamId: string },
): Promise<string> {
  const now = ctx.now();
  return ctx.store.write(operatorId, async (writer) => {
    const team = await writer.tx.get<{ centre_id: string }>('SELECT centre_id FROM teams WHERE id = ? AND retired = 0', [input.teamId]);
    if (!team) throw new DomainError('error.teamNotFound');
    const volunteerId = newRowId();
    await writer.record([{
      entity: 'volunteer', rowId: volunteerId,
      create: { name: input.name.trim(), role: input.role, phone: input.phone?.trim() || null, centreId: team.centre_id, qualifications: null, retired: 0 },
    }]);
    await checkInWith(writer, volunteerId, input.teamId, now);
    return volunteerId;
  });
}

/** Starts this shift from the last one: everyone who served then, on the same team, if not already on duty. */
export async function copyPreviousRoster(ctx: ServiceContext, operatorId: string): Promise<number> {
  const now = ctx.now();
  const settings = requirePost(ctx.settings);
  const previous = previousShift(shiftFor(ctx, now), settings.shiftStarts, settings.post.timeZone);
  return ctx.store.write(operatorId, async (writer) => {
    const rows = await writer.tx.all<{ volunteer_id: string; team_id: string }>(
      `SELECT r.volunteer_id, r.team_id FROM roster_entries r
        WHERE r.check_in_at < ? AND (r.check_out_at IS NULL OR r.check_out_at > ?)
          AND NOT EXISTS (SELECT 1 FROM roster_entries o WHERE o.volunteer_id = r.volunteer_id AND o.check_out_at IS NULL)
        GROUP BY r.volunteer_id ORDER BY max(r.check_in_at)`,
      [previous.end, previous.start],
    );
    for (const row of rows) await checkInWith(writer, row.volunteer_id, row.team_id, now);
    return rows.length;
  });
}

/** Shifts served and hours on duty per volunteer over a period (time outside it not counted). */
export async function attendance(ctx: ServiceContext, input: { from: number; to: number; volunteerId?: string | undefined }): Promise<AttendanceRow[]> {
  const settings = requirePost(ctx.settings);
  const now = ctx.now();
  const rows = await ctx.store.reader.all<{ volunteer_id: string; name: string; check_in_at: number; check_out_at: number | null }>(
    `SELECT r.volunteer_id, v.name, r.check_in_at, r.check_out_at FROM roster_entries r JOIN volunteers v ON v.id = r.volunteer_id
      WHERE r.check_in_at < ? AND (r.check_out_at IS NULL OR r.check_out_at > ?) ${input.volunteerId ? 'AND r.volunteer_id = ?' : ''}`,
    input.volunteerId ? [input.to, input.from, input.volunteerId] : [input.to, input.from],
  );
  const byVolunteer = new Map<string, { name: string; ms: number; shifts: Set<number> }>();
  for (const r of rows) {
    const start = Math.max(r.check_in_at, input.from);
    const end = Math.min(r.check_out_at ?? now, input.to);
    if (end <= start) continue;
    const entry = byVolunteer.get(r.volunteer_id) ?? { name: r.name, ms: 0, shifts: new Set<number>() };
    entry.ms += end - start;
    // Every shift the time on duty touches counts once, even across midnight or a shift change.
    for (let shift = shiftAt(start, settings.shiftStarts, settings.post.timeZone); shift.start < end; shift = shiftAt(shift.end, settings.shiftStarts, settings.post.timeZone)) {
      entry.shifts.add(shift.start);
    }
    byVolunteer.set(r.volunteer_id, entry);
  }
  return [...byVolunteer.entries()]
    .map(([volunteerId, e]) => ({ volunteerId, name: e.name, shifts: e.shifts.size, hours: Math.round((e.ms / 3_600_000) * 100) / 100 }))
    .sort((a, b) => b.hours - a.hours || a.name.localeCompare(b.name));
}
