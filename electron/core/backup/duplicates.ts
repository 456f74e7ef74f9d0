// Two incidents with one number: possible after a restore, when incidents the console made
// after the backup come back from a hub or a bundle and the restored console had issued the
// same numbers again. Both incidents are kept (a number may already have been said over the
// radio); they are reported so the duty officer can tell them apart.
import type { DuplicateNumber } from '../../../shared/api';
import type { Reader } from '../base/handles';

/** At most this many are listed; a screen or a report cannot use more. */
const LISTED = 100;

export type { DuplicateNumber };

/** Incident numbers held by more than one incident (the number index answers it). */
export function duplicateIncidentNumbers(db: Reader): Promise<DuplicateNumber[]> {
  return db.all<DuplicateNumber>(
    `SELECT number, count(*) AS count FROM incidents GROUP BY number HAVING count(*) > 1 ORDER BY number LIMIT ${LISTED}`,
  );
}
