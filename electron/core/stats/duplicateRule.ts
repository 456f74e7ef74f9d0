// The rule every figure follows: an incident cancelled as a duplicate is the same emergency as
// another one, so neither it nor its calls, casualties, response times or team hours are
// counted. Every query spells it with these fragments, so the rule lives in one place.
//
// Frozen copies that cannot use them: the triggers and partial indexes of migrations 008, 009,
// 010, 012, 013, 014, 016, 017 and 018 (history: a change to the rule is a new migration). The
// rollup's rebuild (rollup.ts) uses these and must agree with those triggers; it sits in the
// store layer, so this module does too (eslint.config.js, LAYERS) and imports nothing above it.
import type { CancelReason } from '../../../shared/domain';

const DUPLICATE: CancelReason = 'duplicate';

/**
 * The incident counts (`prefix` names its table). Spelled as the partial indexes' WHERE of
 * migrations 010 and 014, so that SQLite may use them.
 */
export const countedSql = (prefix = ''): string => `${prefix}cancel_reason IS NOT '${DUPLICATE}'`;

/** The incident is a duplicate: the partial index of migration 008 spells it so. */
export const duplicateSql = (prefix = ''): string => `${prefix}cancel_reason = '${DUPLICATE}'`;

/** Ids of the incidents cancelled as duplicates, for `IN` / `NOT IN`: the partial index makes this a short list. */
export const DUPLICATES = `(SELECT id FROM incidents WHERE ${duplicateSql()})`;

/**
 * A row about incident `incidentId` (a column, e.g. `a.incident_id`) is not about a duplicate,
 * probed row by row: for a few rows, cheaper than building the DUPLICATES list.
 */
export const notAboutDuplicateSql = (incidentId: string): string =>
  `NOT EXISTS (SELECT 1 FROM incidents d WHERE d.id = ${incidentId} AND ${duplicateSql('d.')})`;
