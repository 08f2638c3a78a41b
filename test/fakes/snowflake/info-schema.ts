/**
 * Snowflake's <db>.INFORMATION_SCHEMA views over DuckDB's catalog: the same view and column names,
 * Snowflake's type names (NUMBER, TEXT, FLOAT, TIMESTAMP_NTZ, …) and table types. The fake
 * substitutes one of these subqueries wherever a statement names a view.
 */

const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** DuckDB type → the DATA_TYPE Snowflake reports. */
const SF_TYPE = `CASE
  WHEN c.data_type IN ('TINYINT','SMALLINT','INTEGER','BIGINT','HUGEINT','UTINYINT','USMALLINT','UINTEGER','UBIGINT') THEN 'NUMBER'
  WHEN c.data_type LIKE 'DECIMAL%' THEN 'NUMBER'
  WHEN c.data_type IN ('DOUBLE','FLOAT') THEN 'FLOAT'
  WHEN c.data_type IN ('VARCHAR','UUID') THEN 'TEXT'
  WHEN c.data_type LIKE 'TIMESTAMP WITH TIME ZONE' THEN 'TIMESTAMP_TZ'
  WHEN c.data_type LIKE 'TIMESTAMP%' THEN 'TIMESTAMP_NTZ'
  WHEN c.data_type = 'JSON' OR c.data_type LIKE '%[]' OR c.data_type LIKE 'STRUCT%' OR c.data_type LIKE 'MAP%' THEN 'VARIANT'
  WHEN c.data_type = 'BLOB' THEN 'BINARY'
  ELSE c.data_type END`;

function tables(db: string, transient: readonly string[], dynamic: readonly string[]): string {
  const names = transient.length > 0 ? transient.map(q).join(', ') : "''";
  const dynamicNames = dynamic.length > 0 ? dynamic.map(q).join(', ') : "''";
  const full = "t.table_catalog || '.' || t.table_schema || '.' || t.table_name";
  // Dynamic tables are views in the fake; Snowflake lists them as tables with IS_DYNAMIC = 'YES'.
  return `(SELECT t.table_catalog AS TABLE_CATALOG, t.table_schema AS TABLE_SCHEMA, t.table_name AS TABLE_NAME,
    CASE WHEN ${full} IN (${dynamicNames}) THEN 'BASE TABLE' WHEN t.table_type = 'LOCAL TEMPORARY' THEN 'TEMPORARY TABLE' ELSE t.table_type END AS TABLE_TYPE,
    CASE WHEN ${full} IN (${names}) THEN 'YES' ELSE 'NO' END AS IS_TRANSIENT,
    CASE WHEN ${full} IN (${dynamicNames}) THEN 'YES' ELSE 'NO' END AS IS_DYNAMIC,
    'FAKE_OWNER' AS TABLE_OWNER, d.estimated_size AS ROW_COUNT, CAST(NULL AS BIGINT) AS BYTES,
    COALESCE(d.comment, v.comment) AS COMMENT
  FROM information_schema.tables t
  LEFT JOIN duckdb_tables() d ON d.database_name = t.table_catalog AND d.schema_name = t.table_schema AND d.table_name = t.table_name
  LEFT JOIN duckdb_views() v ON v.database_name = t.table_catalog AND v.schema_name = t.table_schema AND v.view_name = t.table_name
  WHERE t.table_catalog = ${q(db)})`;
}

function columns(db: string): string {
  return `(SELECT c.table_catalog AS TABLE_CATALOG, c.table_schema AS TABLE_SCHEMA, c.table_name AS TABLE_NAME,
    c.column_name AS COLUMN_NAME, c.ordinal_position AS ORDINAL_POSITION, ${SF_TYPE} AS DATA_TYPE,
    CASE WHEN ${SF_TYPE} = 'TEXT' THEN 16777216 END AS CHARACTER_MAXIMUM_LENGTH,
    CASE WHEN ${SF_TYPE} = 'NUMBER' THEN CASE WHEN c.data_type LIKE 'DECIMAL%' THEN c.numeric_precision ELSE 38 END END AS NUMERIC_PRECISION,
    CASE WHEN ${SF_TYPE} = 'NUMBER' THEN CASE WHEN c.data_type LIKE 'DECIMAL%' THEN c.numeric_scale ELSE 0 END END AS NUMERIC_SCALE,
    c.is_nullable AS IS_NULLABLE, dc.comment AS COMMENT
  FROM information_schema.columns c
  LEFT JOIN duckdb_columns() dc ON dc.database_name = c.table_catalog AND dc.schema_name = c.table_schema
    AND dc.table_name = c.table_name AND dc.column_name = c.column_name
  WHERE c.table_catalog = ${q(db)})`;
}

function schemata(db: string): string {
  return `(SELECT catalog_name AS CATALOG_NAME, schema_name AS SCHEMA_NAME, 'FAKE_OWNER' AS SCHEMA_OWNER
  FROM information_schema.schemata WHERE catalog_name = ${q(db)} AND schema_name <> 'main'
  UNION ALL SELECT ${q(db)}, 'INFORMATION_SCHEMA', 'FAKE_OWNER')`;
}

export const INFO_VIEWS = ['TABLES', 'COLUMNS', 'SCHEMATA'] as const;

/** The subquery for `db.INFORMATION_SCHEMA.view`, or null for a view the fake does not have. */
export function infoSchemaView(db: string, view: string, transient: readonly string[], dynamic: readonly string[] = []): string | null {
  switch (view) {
    case 'TABLES':
      return tables(db, transient, dynamic);
    case 'COLUMNS':
      return columns(db);
    case 'SCHEMATA':
      return schemata(db);
    default:
      return null;
  }
}
