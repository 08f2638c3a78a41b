/**
 * Snowflake functions the templates and fixtures use that DuckDB lacks, as DuckDB macros on each
 * session's connection (temporary macros: always on the search path, whatever USE says).
 */
import type { DuckDBConnection } from '@duckdb/node-api';

const MACROS = [
  'IFF(c, a, b) AS CASE WHEN c THEN a ELSE b END',
  'NVL(a, b) AS COALESCE(a, b)',
  'ZEROIFNULL(a) AS COALESCE(a, 0)',
  'BOOLOR_AGG(x) AS bool_or(x)',
  'BOOLAND_AGG(x) AS bool_and(x)',
  'TO_TIMESTAMP_NTZ(x) AS CAST(x AS TIMESTAMP)',
  'TO_TIMESTAMP_TZ(x) AS CAST(x AS TIMESTAMPTZ)',
  'TO_TIMESTAMP(x) AS CAST(x AS TIMESTAMP)',
  'TO_DATE(x) AS CAST(x AS DATE)',
  'TO_VARCHAR(x) AS CAST(x AS VARCHAR)',
  // Two-argument form: the time in zone tz, without a zone (what dbt-snowflake stores).
  'CONVERT_TIMEZONE(tz, ts) AS CAST(timezone(tz, CAST(ts AS TIMESTAMPTZ)) AS TIMESTAMP)',
  `SF_DATEADD(part, n, x) AS x + CASE lower(part)
     WHEN 'year' THEN to_years(CAST(n AS INTEGER)) WHEN 'quarter' THEN to_months(CAST(n AS INTEGER) * 3)
     WHEN 'month' THEN to_months(CAST(n AS INTEGER)) WHEN 'week' THEN to_days(CAST(n AS INTEGER) * 7)
     WHEN 'day' THEN to_days(CAST(n AS INTEGER)) WHEN 'hour' THEN to_hours(CAST(n AS BIGINT))
     WHEN 'minute' THEN to_minutes(CAST(n AS BIGINT)) WHEN 'second' THEN to_seconds(CAST(n AS BIGINT))
     ELSE to_days(0) END`,
  'ARRAY_SLICE(a, f, t) AS list_slice(a, f + 1, t)',
];

export async function createMacros(conn: DuckDBConnection): Promise<void> {
  for (const m of MACROS) await conn.run(`CREATE OR REPLACE TEMP MACRO ${m}`);
}
