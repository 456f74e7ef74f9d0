// The key figures of a period, as the statistics screen's tiles, the shift summary and the
// command line show them: each from its own figure module, composed here.
import type { StatsTotals } from '../../../shared/api/types';
import type { Reader } from '../base/handles';
import { callsReceived } from './callsReceived';
import { incidentTotals } from './incidentTotals';
import { inSeconds, periodResponseTimes, type ResponseSeconds, type ResponseTimes } from './responseTimes';
import { rollupZone } from './rollup';
import { planRollup } from './rollupSql';
import type { StatsScope } from './scope';
import { teamHours, type TeamHours } from './teamHours';

/** What a caller has already worked out for the same scope, so it is not counted twice. */
export interface KnownFigures {
  hours?: TeamHours[];
  response?: ResponseTimes;
  /** The zone the rollup is built for (rollupZone). */
  builtFor?: string | null;
  /** Tags the statements for the benchmark. */
  chart?: string;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** `now` ends the assignments still open (team hours). */
export async function keyFigures(db: Reader, scope: StatsScope, now: number, known: KnownFigures = {}): Promise<StatsTotals> {
  const chart = known.chart ?? 'key figures';
  const builtFor = known.builtFor === undefined ? await rollupZone(db) : known.builtFor;
  const plan = planRollup(scope.range, scope.timeZone, builtFor);
  const [totals, response, calls, hours] = await Promise.all([
    incidentTotals(db, scope, plan, chart),
    known.response ?? periodResponseTimes(db, scope, chart, builtFor),
    callsReceived(db, scope, plan, chart),
    known.hours ?? teamHours(db, scope, now, chart, builtFor),
  ]);
  return {
    incidents: totals.incidents, calls,
    ...inSeconds(response),
    trapped: totals.trapped, injured: totals.injured, dead: totals.dead,
    closed: totals.closed, cancelled: totals.cancelled, open: totals.open,
    teamHours: round1(hours.reduce((sum, t) => sum + t.hours, 0)),
  };
}

/** Incidents and response times of a period: what the summary compares with earlier periods, and `stats --by total`. */
export async function responseFigures(db: Reader, scope: StatsScope, chart: string, builtFor?: string | null): Promise<{ incidents: number } & ResponseSeconds> {
  const zone = builtFor === undefined ? await rollupZone(db) : builtFor;
  const [totals, response] = await Promise.all([
    incidentTotals(db, scope, planRollup(scope.range, scope.timeZone, zone), chart),
    periodResponseTimes(db, scope, chart, zone),
  ]);
  return { incidents: totals.incidents, ...inSeconds(response) };
}
