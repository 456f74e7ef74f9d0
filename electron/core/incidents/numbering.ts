// Incident numbers humans can read over the radio and that stay unique while consoles work
// offline: post code, local date, console letter, the console's sequence for that day.
import { localDateCode } from '../../../shared/time/zoned';
import type { Tx } from '../db/transaction';

export function formatIncidentNumber(postCode: string, dateCode: string, letter: string, sequence: number): string {
  return `${postCode}-${dateCode}-${letter}${String(sequence).padStart(3, '0')}`;
}

/** Takes the next number inside the caller's write transaction, so two creations never share one. */
export async function nextIncidentNumber(
  tx: Tx,
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
  return formatIncidentNumber(post.code, dateCode, letter, row?.value ?? 1);
}
