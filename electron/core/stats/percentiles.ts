// Percentiles in SQL, by linear interpolation between closest ranks (the definition of
// numpy's default, R's type 7 and Excel's PERCENTILE.INC): for n sorted values x₀…xₙ₋₁ the
// p-th percentile is x_k + f·(x_{k+1} − x_k), where k + f = p·(n − 1). The median is the
// middle value, or the mean of the two middle values when n is even.

/** One weighted term of the interpolation, for rows ranked `i` (from 0) of `n` in a group. */
function term(p: number): string {
  const h = `((n - 1) * ${p})`;
  const k = `CAST(${h} AS INTEGER)`;
  const f = `(${h} - ${k})`;
  return `sum(CASE WHEN i = ${k} THEN x * (1 - ${f}) WHEN i = ${k} + 1 THEN x * ${f} END)`;
}

/**
 * Median and 90th percentile of `value` per `bucket` over the rows of `from` (a FROM … WHERE
 * clause). Rows where the value is NULL are left out. Columns: b, n, p50, p90.
 */
export function percentileSql(bucket: string, value: string, from: string): string {
  return `WITH v AS (SELECT ${bucket} AS b, ${value} AS x ${from} AND ${value} IS NOT NULL),
r AS (SELECT b, x, row_number() OVER (PARTITION BY b ORDER BY x) - 1 AS i, count(*) OVER (PARTITION BY b) AS n FROM v)
SELECT b, max(n) AS n, ${term(0.5)} AS p50, ${term(0.9)} AS p90 FROM r GROUP BY b`;
}
