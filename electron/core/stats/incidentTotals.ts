// Figure: incidents of a period, with their casualties and where they stand now (closed,
// cancelled, open). From the daily rollup where it answers, else from the incidents.
import { OPEN_STATUSES } from '../../../shared/domain';
import type { Reader } from '../base/handles';
import { MEASURES, rollupFrom, type RollupPlan } from './rollupSql';
import { incidentsIn, type StatsScope } from './scope';
import { tag, type Params } from './statsSql';

export interface IncidentTotals {
  incidents: number;
  trapped: number;
  injured: number;
  dead: number;
  closed: number;
  cancelled: number;
  open: number;
}

function totalsSql(scope: StatsScope, plan: RollupPlan | null): { sql: string; params: Params } {
  if (plan) {
    const { from, params } = rollupFrom(plan, scope.filters, MEASURES);
    return { sql: `SELECT sum(n) AS n, sum(trapped) AS trapped, sum(injured) AS injured, sum(dead) AS dead,
         sum(closed) AS closed, sum(cancelled) AS cancelled, sum(open) AS open ${from}`, params };
  }
  const { from, params } = incidentsIn(scope);
  const open = OPEN_STATUSES.map((s) => `'${s}'`).join(',');
  return { sql: `SELECT count(*) AS n, sum(trapped) AS trapped, sum(injured) AS injured, sum(dead) AS dead,
         count(*) FILTER (WHERE status = 'closed') AS closed, count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
         count(*) FILTER (WHERE status IN (${open})) AS open ${from}`, params };
}

/** `plan`: the whole days the rollup answers (planRollup), or null. `chart` tags the statement for the benchmark. */
export async function incidentTotals(db: Reader, scope: StatsScope, plan: RollupPlan | null, chart: string): Promise<IncidentTotals> {
  const q = totalsSql(scope, plan);
  const row = await db.get<{ n: number | null; trapped: number | null; injured: number | null; dead: number | null; closed: number | null; cancelled: number | null; open: number | null }>(
    tag(chart, q.sql), q.params);
  return {
    incidents: row?.n ?? 0, trapped: row?.trapped ?? 0, injured: row?.injured ?? 0, dead: row?.dead ?? 0,
    closed: row?.closed ?? 0, cancelled: row?.cancelled ?? 0, open: row?.open ?? 0,
  };
}
