// Figure: call → dispatch and dispatch → on scene over a whole period, median and 90th
// percentile (how they are found: responsePercentiles.ts).
import type { Reader } from '../base/handles';
import { responsePercentiles, type Delay, type Percentiles } from './responsePercentiles';
import { toSeconds, type StatsScope } from './scope';

export type ResponseTimes = Record<Delay, Percentiles | null>;

export interface ResponseSeconds {
  dispatchMedianSec: number | null;
  dispatchP90Sec: number | null;
  sceneMedianSec: number | null;
  sceneP90Sec: number | null;
}

/** `builtFor`: the zone the rollup is built for (rollupZone). `chart` tags the statements for the benchmark. */
export async function periodResponseTimes(db: Reader, scope: StatsScope, chart: string, builtFor: string | null): Promise<ResponseTimes> {
  const overall = async (delay: Delay) =>
    (await responsePercentiles(db, chart, [{ key: 0, ranges: [scope.range] }], scope.filters, delay, { timeZone: scope.timeZone, builtFor })).overall;
  const [dispatch, scene] = await Promise.all([overall('dispatch'), overall('scene')]);
  return { dispatch, scene };
}

export function inSeconds(times: ResponseTimes): ResponseSeconds {
  return {
    dispatchMedianSec: toSeconds(times.dispatch?.p50), dispatchP90Sec: toSeconds(times.dispatch?.p90),
    sceneMedianSec: toSeconds(times.scene?.p50), sceneP90Sec: toSeconds(times.scene?.p90),
  };
}
