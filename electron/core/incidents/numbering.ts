// Incident numbers humans can read over the radio and that stay unique while consoles work
// offline: post code, local date, console letter, the console's sequence for that day.
import { localDateCode } from '../../../shared/time/zoned';
import type { WriteTx } from '../base/handles';

export function formatIncidentNumber(postCode: string, dateCode: string, letter: string, sequence: number): string {
  return `${postCode}-${dateCode}-${letter}${String(sequence).padStart(3, '0')}`;
}

/** Takes the next number inside the caller's write transaction, so two creations never share one. */
export async function nextIncidentNumber(
  tx: WriteTx,
  post: { code: string; timeZone: string },
  letter: string,
  receivedAt: number,
): Promise<string> {
  const dateCode = localDateCode(receivedAt, post.timeZone);
  const key = `incident:${post.code}-${dateCode}-${letter}`;
  const row = await tx.get<{ value: number }>(
    'INSERT INTO counters (key, value) VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET value = value + 1 RETURNING value',
    [key],
  );
  const number = formatIncidentNumber(post.code, dateCode, letter, row?.value ?? 1);
  // The counter is local and a restored database has an old one: numbers this console issued
  // after the backup may already be back (synced). Carry on above the highest one held.
  if (!(await tx.get('SELECT 1 FROM incidents WHERE number = ?', [number]))) return number;
  const prefix = `${post.code}-${dateCode}-${letter}`;
  const top = await tx.get<{ seq: number | null }>(
    // ':' sorts right after the digits: the range is this prefix's numbers, read from the number index.
    'SELECT max(CAST(substr(number, ?) AS INTEGER)) AS seq FROM incidents WHERE number > ? AND number < ?',
    [prefix.length + 1, prefix, `${prefix}:`],
  );
  const next = (top?.seq ?? 0) + 1;
  await tx.run('UPDATE counters SET value = ? WHERE key = ?', [next, key]);
  return formatIncidentNumber(post.code, dateCode, letter, next);
}
