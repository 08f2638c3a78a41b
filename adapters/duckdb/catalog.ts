/** The catalog query for `tx docs generate`: one round trip per schema, columns and row counts. */
import type { SchemaRef } from '../../src/adapter/types.js';
import { literal } from './dialect.js';

/**
 * Rows in the shape groupCatalogRows expects. duckdb_tables().estimated_size is DuckDB's row
 * count for a table (exact for tables it wrote itself); views have none.
 */
export function catalogSql(ref: SchemaRef): string {
  const db = ref.database === null ? 'current_database()' : `lower(${literal(ref.database)})`;
  return `select t.table_catalog, t.table_schema, t.table_name, t.table_type, t.table_comment, null as owner,
       dt.estimated_size, null as bytes, c.column_name, c.ordinal_position, c.data_type, c.column_comment
from information_schema.tables t
join information_schema.columns c
  on c.table_catalog = t.table_catalog and c.table_schema = t.table_schema and c.table_name = t.table_name
left join duckdb_tables() dt
  on dt.database_name = t.table_catalog and dt.schema_name = t.table_schema and dt.table_name = t.table_name
where lower(t.table_schema) = lower(${literal(ref.schema)}) and lower(t.table_catalog) = ${db}
order by t.table_schema, t.table_name, c.ordinal_position`;
}
