/**
 * The catalog query for `tx docs generate`: every relation of schema $1 with its columns,
 * comments, owner and statistics, in one round trip (rows as groupCatalogRows expects).
 * reltuples is the planner's row estimate (-1 until the table is first analysed);
 * pg_total_relation_size includes indexes and TOAST, as dbt's "Approximate Size".
 */
export const CATALOG_SQL = `select current_database(), n.nspname, c.relname,
  case c.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW' when 'f' then 'FOREIGN TABLE' else 'BASE TABLE' end,
  pg_catalog.obj_description(c.oid, 'pg_class'), pg_catalog.pg_get_userbyid(c.relowner),
  case when c.relkind in ('r', 'p', 'm') then c.reltuples::bigint end,
  case when c.relkind in ('r', 'p', 'm') then pg_catalog.pg_total_relation_size(c.oid) end,
  a.attname, a.attnum, pg_catalog.format_type(a.atttypid, a.atttypmod), pg_catalog.col_description(c.oid, a.attnum)
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm', 'f')
order by n.nspname, c.relname, a.attnum`;
