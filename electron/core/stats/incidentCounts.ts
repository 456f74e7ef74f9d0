// Figure: incidents of a period per district, type or priority, most first. From the daily
// rollup where it answers (its key holds all three; by type, the day rows are summed in key
// order first), else from the incidents.
import type { IncidentType } from '../../../shared/domain';
import type { Reader } from '../base/handles';
import { MEASURES, rollupFrom, type RollupPlan } from './rollupSql';
import { SAME } from './bucketSql';
import { incidentsIn, type StatsScope } from './scope';
import { tag } from './statsSql';

interface Keys {
  district: string;
  type: IncidentType;
  priority: number;
}

/** `plan`: the whole days the rollup answers (planRollup), or null. `chart` tags the statement for the benchmark. */
export async function incidentCounts<By extends keyof Keys>(
  db: Reader, scope: StatsScope, by: By, plan: RollupPlan | null, chart: string,
): Promise<{ key: Keys[By]; count: number }[]> {
  const order = `ORDER BY n DESC, ${by}`;
  const q = plan
    ? ((r) => ({ sql: `SELECT ${by} AS k, sum(n) AS n ${r.from} GROUP BY ${by} ${order}`, params: r.params }))(rollupFrom(plan, scope.filters, { [by]: SAME(by), n: MEASURES.n }, by === 'type' ? ['day', 'type'] : undefined))
    : ((r) => ({ sql: `SELECT ${by} AS k, count(*) AS n ${r.from} GROUP BY ${by} ${order}`, params: r.params }))(incidentsIn(scope));
  const rows = await db.all<{ k: Keys[By]; n: number }>(tag(chart, q.sql), q.params);
  return rows.map((r) => ({ key: r.k, count: r.n }));
}
