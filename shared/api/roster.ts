// Contract of the shift roster: who is checked in on which team, and attendance.
import { z } from 'zod';
import { TEXT_LIMITS } from '../domain';
import { channel, empty, ok } from './channel';
import { id, requiredText, timestamp } from './common';
import { phone, volunteerRole } from './teams';

export const checkInInput = z.object({ volunteerId: id, teamId: id }).strict();
export const checkOutInput = z.object({ entryId: id }).strict();
export const walkUpInput = z.object({
  name: requiredText(TEXT_LIMITS.short), role: volunteerRole, phone: phone.optional(), teamId: id,
}).strict();
export const attendanceQuery = z.object({ from: timestamp, to: timestamp, volunteerId: id.optional() }).strict();

export const rosterView = z.object({
  shift: z.object({ start: z.number(), end: z.number() }),
  entries: z.array(z.object({
    entryId: id, volunteerId: id, name: z.string(), role: volunteerRole, teamId: id, callSign: z.string(),
    checkInAt: z.number(), checkOutAt: z.number().nullable(),
  })),
});
export const attendanceRow = z.object({ volunteerId: id, name: z.string(), shifts: z.number(), hours: z.number() });

export type RosterView = z.output<typeof rosterView>;
export type AttendanceRow = z.output<typeof attendanceRow>;

export const rosterChannels = {
  'roster.current': channel(z.object({ at: timestamp.optional() }).strict(), rosterView, 'operator', ['rosterEntry', 'volunteer', 'team', 'centre', 'post']),
  'roster.checkIn': channel(checkInInput, z.object({ entryId: id }), 'supervisor'),
  'roster.checkOut': channel(checkOutInput, ok, 'supervisor'),
  'roster.walkUp': channel(walkUpInput, z.object({ volunteerId: id }), 'supervisor'),
  'roster.copyPrevious': channel(empty, z.object({ count: z.number() }), 'supervisor'),
  'roster.attendance': channel(attendanceQuery, z.array(attendanceRow), 'supervisor', ['rosterEntry', 'volunteer', 'team']),
} as const;
