import { newRowId } from '../oplog/rowId';
import type { OperatorAccount, OperatorView } from '../../../shared/api';
import type { Language, OperatorRole } from '../../../shared/domain';
import { normalizeForSearch } from '../../../shared/text/search';
import { DomainError, fieldError } from '../base/errors';
import type { Store, Writer } from '../db/store';
import { hashPin, NO_PIN, verifyPin } from './pinHash';
import type { Reader } from '../base/handles';

interface OperatorRow {
  id: string;
  name: string;
  pin_hash: string;
  role: OperatorRole;
  language: Language;
  disabled: number;
}

const COLUMNS = 'id, name, pin_hash, role, language, disabled';

function toView(row: OperatorRow): OperatorView {
  return { id: row.id, name: row.name, role: row.role, language: row.language };
}

export async function createOperator(
  writer: Writer,
  now: number,
  input: { name: string; pin: string | null; role: OperatorRole; language: Language },
): Promise<OperatorView> {
  const name = input.name.trim();
  const taken = await writer.tx.get('SELECT 1 FROM operators WHERE name_key = ? AND disabled = 0', [normalizeForSearch(name)]);
  if (taken) throw fieldError('name', 'validation.duplicateName');
  const id = newRowId();
  const pinHash = input.pin === null ? NO_PIN : await hashPin(input.pin);
  await writer.record([{
    entity: 'operator', rowId: id,
    create: { name, pinHash, role: input.role, language: input.language, disabled: 0, createdAt: now },
  }]);
  return { id, name, role: input.role, language: input.language };
}

export async function getOperator(reader: Reader, id: string): Promise<OperatorView | null> {
  const row = await reader.get<OperatorRow>(`SELECT ${COLUMNS} FROM operators WHERE id = ? AND disabled = 0`, [id]);
  return row ? toView(row) : null;
}

/** Wrong PINs allowed before a wait, and the longest wait. */
export const FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

/**
 * Name + PIN. The same answer for an unknown name and a wrong PIN, so neither can be probed;
 * after FREE_ATTEMPTS wrong ones the name waits, twice as long each further time.
 */
export async function signIn(store: Store, now: number, name: string, pin: string): Promise<OperatorView> {
  const nameKey = normalizeForSearch(name);
  await claimAttempt(store, now, nameKey);
  const rows = await store.reader.all<OperatorRow>(`SELECT ${COLUMNS} FROM operators WHERE name_key = ? AND disabled = 0`, [nameKey]);
  for (const row of rows) {
    if (await verifyPin(pin, row.pin_hash)) {
      await store.write(null, ({ tx }) => tx.run('DELETE FROM sign_in_failures WHERE name_key = ?', [nameKey]));
      return toView(row);
    }
  }
  throw new DomainError('error.badCredentials');
}

/**
 * Counts the attempt as wrong before the slow PIN check, in one write transaction (writes run
 * one after another), so attempts sent at once cannot all read the same count; the right PIN
 * clears it afterwards.
 */
async function claimAttempt(store: Store, now: number, nameKey: string): Promise<void> {
  await store.write(null, async ({ tx }) => {
    const throttle = await tx.get<{ failures: number; locked_until: number }>('SELECT failures, locked_until FROM sign_in_failures WHERE name_key = ?', [nameKey]);
    if (throttle && throttle.locked_until > now) {
      throw new DomainError('error.tooManyAttempts', { seconds: Math.ceil((throttle.locked_until - now) / 1000) });
    }
    const failures = (throttle?.failures ?? 0) + 1;
    const lockedUntil = failures >= FREE_ATTEMPTS ? now + Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS), LONGEST_WAIT_MS) : 0;
    await tx.run('INSERT OR REPLACE INTO sign_in_failures (name_key, failures, locked_until) VALUES (?, ?, ?)', [nameKey, failures, lockedUntil]);
  });
}

export async function setOperatorLanguage(writer: Writer, operatorId: string, language: Language): Promise<void> {
  await writer.record([{ entity: 'operator', rowId: operatorId, set: { language } }]);
}

/** The command line's own operator: stamps CLI changes, can never sign in. */
export async function systemOperator(writer: Writer, now: number): Promise<string> {
  const row = await writer.tx.get<{ id: string }>("SELECT id FROM operators WHERE pin_hash = ? AND role = 'administrator' ORDER BY created_at LIMIT 1", [NO_PIN]);
  if (row) return row.id;
  return (await createOperator(writer, now, { name: 'Beacon CLI', pin: null, role: 'administrator', language: 'en' })).id;
}

export type { OperatorAccount };

export async function listOperators(reader: Reader): Promise<OperatorAccount[]> {
  const rows = await reader.all<OperatorRow & { created_at: number }>(
    `SELECT ${COLUMNS}, created_at FROM operators WHERE pin_hash <> ? ORDER BY disabled, name`, [NO_PIN]);
  return rows.map((r) => ({ ...toView(r), disabled: r.disabled === 1, createdAt: r.created_at }));
}

/** Operators are disabled, never deleted: their name stays on everything they did. */
export async function setOperatorDisabled(writer: Writer, actorId: string, id: string, disabled: boolean): Promise<void> {
  if (id === actorId && disabled) throw new DomainError('error.disableSelf');
  // The actor is an active administrator and is not the one disabled, so one always remains.
  const row = await writer.tx.get<{ disabled: number }>('SELECT disabled FROM operators WHERE id = ? AND pin_hash <> ?', [id, NO_PIN]);
  if (!row) throw new DomainError('error.notFound');
  if ((row.disabled === 1) !== disabled) await writer.record([{ entity: 'operator', rowId: id, set: { disabled: disabled ? 1 : 0 } }]);
}
