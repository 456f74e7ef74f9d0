// Public alerts about an incident (issue #22): the duty officer issues one, updates it, cancels
// it. Each is a new CAP message, written once through the operation log (so it syncs and is in
// the audit trail); an update or cancel references every earlier message of the same alert.
import { z } from 'zod';
import type { alertContent, alertView, cancelAlertInput, issueAlertInput, updateAlertInput } from '../../../shared/api/exchange';
import type { AlertEvent, CapMsgType } from '../../../shared/exchange';
import { DomainError, fieldError } from '../base/errors';
import type { ServiceContext } from '../context';
import type { Values } from '../oplog/opLog';
import { newRowId } from '../oplog/rowId';
import { requirePost } from '../setup/setup';
import { capXml, type CapMessage } from './capMessage';
import { capDateTime } from './capTime';
import type { Reader, WriteTx } from '../base/handles';

type Content = z.output<typeof alertContent>;
type AlertView = z.output<typeof alertView>;

/** A row of `alerts`, with its incident's number. */
interface AlertRow {
  id: string;
  incident_id: string;
  thread_id: string;
  msg_type: CapMsgType;
  identifier: string;
  sender: string;
  sent: number;
  sent_text: string;
  references_text: string | null;
  event: AlertEvent;
  response_type: string;
  urgency: string;
  severity: string;
  certainty: string;
  instruction_ar: string | null;
  instruction_en: string | null;
  area_kind: 'circle' | 'district';
  district: string | null;
  lat: number | null;
  lon: number | null;
  radius_km: number | null;
  expires: number;
  expires_text: string;
  note: string | null;
  incident_number: string;
}

const ROW_SQL = 'SELECT a.*, i.number AS incident_number FROM alerts a JOIN incidents i ON i.id = a.incident_id';

/**
 * CAP's sender names the originator and may hold no space or comma (§3.2.1): the post's code
 * under the app's name, the same on every console of the post.
 */
export function capSender(postCode: string): string {
  return `${postCode.toLowerCase()}@beacon.civil-defence`;
}

/**
 * "LTK-A-AL0007": post code, console letter, this console's sequence. Unique across the post's
 * consoles with no link between them, as incident numbers are. A restored database has an old
 * counter: carry on above the highest identifier this console has already issued.
 */
async function nextIdentifier(tx: WriteTx, postCode: string, letter: string): Promise<string> {
  const prefix = `${postCode}-${letter}-AL`;
  const key = `alert:${prefix}`;
  const row = await tx.get<{ value: number }>(
    'INSERT INTO counters (key, value) VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET value = value + 1 RETURNING value', [key]);
  const top = await tx.get<{ seq: number | null }>(
    'SELECT max(CAST(substr(identifier, ?) AS INTEGER)) AS seq FROM alerts WHERE identifier > ? AND identifier < ?',
    [prefix.length + 1, prefix, `${prefix}:`]);
  const next = Math.max(row?.value ?? 1, (top?.seq ?? 0) + 1);
  if (next !== row?.value) await tx.run('UPDATE counters SET value = ? WHERE key = ?', [next, key]);
  return `${prefix}${String(next).padStart(4, '0')}`;
}

function checkContent(content: Content, now: number, incident: { lat: number | null; lon: number | null }): void {
  if (content.expiresAt <= now) throw fieldError('expiresAt', 'exchange.expiresInPast');
  if (!content.instructionAr?.trim() && !content.instructionEn?.trim()) throw fieldError('instructionAr', 'exchange.instructionRequired');
  if (content.area.kind === 'circle' && (incident.lat === null || incident.lon === null)) {
    throw fieldError('area', 'exchange.noCoordinates');
  }
}

const trimmed = (s: string | undefined) => (s?.trim() ? s.trim() : null);

function contentValues(content: Content, incident: IncidentPlace, expiresText: string): Values<'alert'> {
  const circle = content.area.kind === 'circle';
  return {
    event: content.event, responseType: content.responseType, urgency: content.urgency, severity: content.severity,
    certainty: content.certainty, instructionAr: trimmed(content.instructionAr), instructionEn: trimmed(content.instructionEn),
    areaKind: content.area.kind, district: incident.district,
    lat: circle ? incident.lat : null, lon: circle ? incident.lon : null,
    radiusKm: content.area.kind === 'circle' ? content.area.radiusKm : null,
    expires: content.expiresAt, expiresText,
  };
}

interface IncidentPlace {
  id: string;
  district: string;
  lat: number | null;
  lon: number | null;
}

async function incidentPlace(tx: WriteTx, id: string): Promise<IncidentPlace> {
  const row = await tx.get<IncidentPlace>('SELECT id, district, lat, lon FROM incidents WHERE id = ?', [id]);
  if (!row) throw new DomainError('error.incidentNotFound');
  return row;
}

/** The messages of one alert so far, oldest first; refused when the alert is unknown or cancelled. */
async function openThread(tx: WriteTx, threadId: string): Promise<AlertRow[]> {
  const rows = await tx.all<AlertRow>(`${ROW_SQL} WHERE a.thread_id = ? ORDER BY a.sent, a.identifier`, [threadId]);
  if (rows.length === 0) throw new DomainError('exchange.alertNotFound');
  if (rows.some((r) => r.msg_type === 'Cancel')) throw new DomainError('exchange.alertCancelled');
  return rows;
}

/** CAP's references: "sender,identifier,sent" of each earlier message, space-separated (§3.2.1). */
const referencesOf = (rows: readonly AlertRow[]) => rows.map((r) => `${r.sender},${r.identifier},${r.sent_text}`).join(' ');

async function writeMessage(
  ctx: ServiceContext, operatorId: string, msgType: CapMsgType, incidentId: string,
  build: (tx: WriteTx) => Promise<Values<'alert'>>,
): Promise<string> {
  const settings = requirePost(ctx.settings);
  const now = ctx.now();
  const rowId = newRowId(now);
  await ctx.store.write(operatorId, async ({ tx, record }) => {
    const identifier = await nextIdentifier(tx, settings.post.code, settings.consoleLetter);
    const header: Values<'alert'> = {
      incidentId, msgType, identifier, sender: capSender(settings.post.code), sent: now,
      sentText: capDateTime(now, settings.post.timeZone), operator: operatorId,
    };
    const values = await build(tx);
    await record([{ entity: 'alert', rowId, create: { threadId: rowId, ...header, ...values } }]);
  });
  return rowId;
}

export async function issueAlert(ctx: ServiceContext, operatorId: string, input: z.output<typeof issueAlertInput>): Promise<string> {
  const { timeZone } = requirePost(ctx.settings).post;
  return writeMessage(ctx, operatorId, 'Alert', input.incidentId, async (tx) => {
    const incident = await incidentPlace(tx, input.incidentId);
    checkContent(input, ctx.now(), incident);
    return contentValues(input, incident, capDateTime(input.expiresAt, timeZone));
  });
}

export async function updateAlert(ctx: ServiceContext, operatorId: string, input: z.output<typeof updateAlertInput>): Promise<string> {
  const { timeZone } = requirePost(ctx.settings).post;
  const first = await ctx.store.reader.get<{ incident_id: string }>('SELECT incident_id FROM alerts WHERE id = ?', [input.alertId]);
  if (!first) throw new DomainError('exchange.alertNotFound');
  return writeMessage(ctx, operatorId, 'Update', first.incident_id, async (tx) => {
    const thread = await openThread(tx, input.alertId);
    const incident = await incidentPlace(tx, first.incident_id);
    checkContent(input, ctx.now(), incident);
    return { threadId: input.alertId, references: referencesOf(thread), ...contentValues(input, incident, capDateTime(input.expiresAt, timeZone)) };
  });
}

/** A cancel repeats what the newest message said, so a receiver knows what is called off. */
export async function cancelAlert(ctx: ServiceContext, operatorId: string, input: z.output<typeof cancelAlertInput>): Promise<string> {
  const first = await ctx.store.reader.get<{ incident_id: string }>('SELECT incident_id FROM alerts WHERE id = ?', [input.alertId]);
  if (!first) throw new DomainError('exchange.alertNotFound');
  return writeMessage(ctx, operatorId, 'Cancel', first.incident_id, async (tx) => {
    const thread = await openThread(tx, input.alertId);
    const last = thread[thread.length - 1]!;
    return {
      threadId: input.alertId, references: referencesOf(thread), note: trimmed(input.note),
      event: last.event, responseType: last.response_type, urgency: last.urgency, severity: last.severity, certainty: last.certainty,
      instructionAr: last.instruction_ar, instructionEn: last.instruction_en, areaKind: last.area_kind, district: last.district,
      lat: last.lat, lon: last.lon, radiusKm: last.radius_km, expires: last.expires, expiresText: last.expires_text,
    };
  });
}

/** An incident's alerts, newest first, each as its latest message says. */
export async function listAlerts(db: Reader, incidentId: string, now: number): Promise<AlertView[]> {
  const rows = await db.all<AlertRow>(`${ROW_SQL} WHERE a.incident_id = ? ORDER BY a.sent, a.identifier`, [incidentId]);
  const threads = new Map<string, AlertRow[]>();
  for (const row of rows) threads.set(row.thread_id, [...(threads.get(row.thread_id) ?? []), row]);
  return [...threads.entries()].map(([threadId, messages]) => {
    // A cancel ends the alert whatever arrives after it by sync.
    const cancel = messages.find((m) => m.msg_type === 'Cancel');
    const latest = cancel ?? messages[messages.length - 1]!;
    return {
      id: threadId, latestMessageId: latest.id, identifier: latest.identifier, msgType: latest.msg_type,
      state: cancel ? 'cancelled' as const : latest.expires <= now ? 'expired' as const : 'active' as const,
      event: latest.event, responseType: latest.response_type as AlertView['responseType'], urgency: latest.urgency as AlertView['urgency'],
      severity: latest.severity as AlertView['severity'], certainty: latest.certainty as AlertView['certainty'],
      instructionAr: latest.instruction_ar, instructionEn: latest.instruction_en,
      area: latest.area_kind === 'circle' ? { kind: 'circle' as const, radiusKm: latest.radius_km ?? 0 } : { kind: 'district' as const },
      sent: messages[0]!.sent, expires: latest.expires, messages: messages.length,
    };
  }).reverse();
}

/** One stored message as its CAP 1.2 document. */
export async function alertMessageXml(db: Reader, messageId: string, senderName: string): Promise<{ xml: string; identifier: string }> {
  const row = await db.get<AlertRow>(`${ROW_SQL} WHERE a.id = ?`, [messageId]);
  if (!row) throw new DomainError('exchange.alertNotFound');
  const district = row.district ?? '';
  const message: CapMessage = {
    identifier: row.identifier, sender: row.sender, sentText: row.sent_text, msgType: row.msg_type, references: row.references_text,
    note: row.note, incidentNumber: row.incident_number, event: row.event, responseType: row.response_type, urgency: row.urgency,
    severity: row.severity, certainty: row.certainty, instructionAr: row.instruction_ar, instructionEn: row.instruction_en,
    expiresText: row.expires_text, senderName,
    area: row.area_kind === 'circle' && row.lat !== null && row.lon !== null && row.radius_km !== null
      ? { kind: 'circle', lat: row.lat, lon: row.lon, radiusKm: row.radius_km, district }
      : { kind: 'district', district },
  };
  return { xml: capXml(message), identifier: row.identifier };
}

/**
 * The message the command line exports: the one a CAP identifier names, or else the newest
 * message of an incident's most recent alert (by incident number). Null when there is none.
 */
export async function findAlertMessage(db: Reader, by: { identifier: string } | { incidentNumber: string }): Promise<string | null> {
  const row = 'identifier' in by
    ? await db.get<{ id: string }>('SELECT id FROM alerts WHERE identifier = ?', [by.identifier])
    : await db.get<{ id: string }>(
      `SELECT a.id FROM alerts a JOIN incidents i ON i.id = a.incident_id WHERE i.number = ?
        ORDER BY a.sent DESC, a.identifier DESC LIMIT 1`, [by.incidentNumber]);
  return row?.id ?? null;
}
