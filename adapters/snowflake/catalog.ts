/**
 * Catalog queries (pure SQL text and row mapping), each one round trip over the database's
 * INFORMATION_SCHEMA. Schema and table names compare case-insensitively: dbt writes them in
 * lower case, Snowflake stores unquoted names in upper case.
 */
import type { RelationType } from '../../src/adapter/types.js';
import { bareIdent } from './dialect.js';

/** `<db>.information_schema`, or the session's database when none is named. */
function infoSchema(database: string | null): string {
  return database === null || database === '' ? 'information_schema' : `${bareIdent(database)}.information_schema`;
}

/** Relations of schema ?1 (the session's temporary tables left out). */
export function listRelationsSql(database: string | null): string {
  return `select table_catalog, table_schema, table_name, case when is_dynamic = 'YES' then 'DYNAMIC TABLE' else table_type end
from ${infoSchema(database)}.tables
where upper(table_schema) = upper(?) and table_type <> 'TEMPORARY TABLE'
order by table_name`;
}

export function listSchemasSql(database: string | null): string {
  return `select schema_name from ${infoSchema(database)}.schemata order by schema_name`;
}

/** Columns of table ?2 in schema ?1, in order, with what a full type name needs. */
export function columnsSql(database: string | null): string {
  return `select column_name, data_type, character_maximum_length, numeric_precision, numeric_scale
from ${infoSchema(database)}.columns
where upper(table_schema) = upper(?) and upper(table_name) = upper(?)
order by ordinal_position`;
}

/** Every relation of schema ?1 with its columns, comments, owner and statistics (groupCatalogRows' shape). */
export function catalogSql(database: string | null): string {
  const s = infoSchema(database);
  return `select t.table_catalog, t.table_schema, t.table_name, t.table_type, t.comment, t.table_owner,
  t.row_count, t.bytes, c.column_name, c.ordinal_position, c.data_type, c.comment
from ${s}.tables t
join ${s}.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
where upper(t.table_schema) = upper(?) and t.table_type <> 'TEMPORARY TABLE'
order by t.table_schema, t.table_name, c.ordinal_position`;
}

export function relationType(tableType: unknown): RelationType {
  switch (String(tableType).toUpperCase()) {
    case 'VIEW':
      return 'view';
    case 'MATERIALIZED VIEW':
      return 'materialized_view';
    case 'DYNAMIC TABLE':
      return 'dynamic_table';
    case 'EXTERNAL TABLE':
      return 'external';
    default:
      return 'table';
  }
}

function num(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A full type name from INFORMATION_SCHEMA.COLUMNS: NUMBER(38,0), VARCHAR(16777216), … */
export function columnType(dataType: unknown, charLength: unknown, precision: unknown, scale: unknown): string {
  const t = String(dataType).toUpperCase();
  if (t === 'NUMBER' || t === 'DECIMAL' || t === 'NUMERIC') {
    const p = num(precision);
    return p === null ? 'NUMBER' : `NUMBER(${p},${num(scale) ?? 0})`;
  }
  if (t === 'TEXT' || t === 'VARCHAR') {
    const n = num(charLength);
    return n === null ? 'VARCHAR' : `VARCHAR(${n})`;
  }
  return t;
}

/** A describe-only result column (the SDK's rowtype) as a type name. */
export function rowtypeType(type: string, precision: number | null, scale: number | null, length: number | null): string {
  switch (type.toLowerCase()) {
    case 'fixed':
      return `NUMBER(${precision ?? 38},${scale ?? 0})`;
    case 'real':
      return 'FLOAT';
    case 'text':
      return length === null ? 'VARCHAR' : `VARCHAR(${length})`;
    case 'timestamp_ntz':
    case 'timestamp_ltz':
    case 'timestamp_tz':
    case 'time':
      return scale === null || scale === 9 ? type.toUpperCase() : `${type.toUpperCase()}(${scale})`;
    default:
      return type.toUpperCase();
  }
}
