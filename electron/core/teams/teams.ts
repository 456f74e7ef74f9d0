// Centres, teams and volunteers: who can be sent, from where. A supervisor edits them; every
// edit is an operation like any other.
import { newRowId } from '../oplog/rowId';
import type { z } from 'zod';
import type * as s from '../../../shared/api/schemas';
import { normalizeForSearch } from '../../../shared/text/search';
import { DomainError, fieldError } from '../base/errors';
import type { ServiceContext } from '../context';
import { checkLocation } from '../reference/districts';
import type { Reader } from '../base/handles';

type SaveCentre = z.output<typeof s.saveCentreInput>;
type SaveTeam = z.output<typeof s.saveTeamInput>;
type SaveVolunteer = z.output<typeof s.saveVolunteerInput>;
export type CentreView = z.output<typeof s.centreView>;
export type VolunteerView = z.output<typeof s.volunteerView>;

const orNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

export async function saveCentre(ctx: ServiceContext, operatorId: string, input: SaveCentre): Promise<string> {
  checkLocation(input.district, null, 'centre');
  input.covers.forEach((code, i) => checkLocation(code, null, `covers.${i}`));
  const covers = JSON.stringify([...new Set([input.district, ...input.covers])].sort());
  return ctx.store.write(operatorId, async ({ tx, record }) => {
    if (input.id) {
      if (!(await tx.get('SELECT 1 FROM centres WHERE id = ?', [input.id]))) throw new DomainError('error.notFound');
      await record([{ entity: 'centre', rowId: input.id, set: { name: input.name.trim(), district: input.district, covers } }]);
      return input.id;
    }
    const id = newRowId();
    await record([{ entity: 'centre', rowId: id, create: { name: input.name.trim(), district: input.district, covers } }]);
    return id;
  });
}

export async function listCentres(db: Reader): Promise<CentreView[]> {
  const rows = await db.all<{ id: string; name: string; district: string; covers: string }>('SELECT id, name, district, covers FROM centres ORDER BY name');
  return rows.map((r) => ({ ...r, covers: JSON.parse(r.covers) as string[] }));
}

export async function saveTeam(ctx: ServiceContext, operatorId: string, input: SaveTeam): Promise<string> {
  const now = ctx.now();
  return ctx.store.write(operatorId, async ({ tx, record }) => {
    if (!(await tx.get('SELECT 1 FROM centres WHERE id = ?', [input.centreId]))) throw fieldError('centreId', 'validation.chooseOne');
    const sameSign = await tx.get<{ id: string }>('SELECT id FROM teams WHERE call_sign_key = ? AND retired = 0', [normalizeForSearch(input.callSign)]);
    if (sameSign && sameSign.id !== input.id) throw fieldError('callSign', 'validation.duplicateName');
    const fields = {
      callSign: input.callSign.trim(), kind: input.kind, centreId: input.centreId,
      vehicle: orNull(input.vehicle), radioChannel: orNull(input.radioChannel),
    };
    if (input.id) {
      if (!(await tx.get('SELECT 1 FROM teams WHERE id = ?', [input.id]))) throw new DomainError('error.notFound');
      await record([{ entity: 'team', rowId: input.id, set: fields }]);
      return input.id;
    }
    const id = newRowId();
    await record([{ entity: 'team', rowId: id, create: { ...fields, status: 'off_duty', statusAt: now, retired: 0 } }]);
    return id;
  });
}

export async function saveVolunteer(ctx: ServiceContext, operatorId: string, input: SaveVolunteer): Promise<string> {
  return ctx.store.write(operatorId, async ({ tx, record }) => {
    if (!(await tx.get('SELECT 1 FROM centres WHERE id = ?', [input.centreId]))) throw fieldError('centreId', 'validation.chooseOne');
    const fields = {
      name: input.name.trim(), role: input.role, phone: orNull(input.phone), centreId: input.centreId,
      qualifications: orNull(input.qualifications),
    };
    if (input.id) {
      if (!(await tx.get('SELECT 1 FROM volunteers WHERE id = ?', [input.id]))) throw new DomainError('error.notFound');
      await record([{ entity: 'volunteer', rowId: input.id, set: fields }]);
      return input.id;
    }
    const id = newRowId();
    await record([{ entity: 'volunteer', rowId: id, create: { ...fields, retired: 0 } }]);
    return id;
  });
}

export async function listVolunteers(db: Reader, centreId?: string): Promise<VolunteerView[]> {
  const rows = await db.all<{
    id: string; name: string; role: VolunteerView['role']; phone: string | null; centre_id: string; qualifications: string | null;
    entry_id: string | null; team_id: string | null; check_in_at: number | null;
  }>(
    `SELECT v.id, v.name, v.role, v.phone, v.centre_id, v.qualifications, r.id AS entry_id, r.team_id, r.check_in_at
       FROM volunteers v LEFT JOIN roster_entries r ON r.volunteer_id = v.id AND r.check_out_at IS NULL
      WHERE v.retired = 0 ${centreId ? 'AND v.centre_id = ?' : ''} ORDER BY v.name`,
    centreId ? [centreId] : [],
  );
  return rows.map((r) => ({
    id: r.id, name: r.name, role: r.role, phone: r.phone, centreId: r.centre_id, qualifications: r.qualifications,
    onDuty: r.entry_id && r.team_id && r.check_in_at !== null ? { entryId: r.entry_id, teamId: r.team_id, checkInAt: r.check_in_at } : null,
  }));
}
