/**
 * Catalog queries (pure SQL text and row mapping). Every query is one round trip and reads
 * pg_catalog directly: information_schema hides relations the user cannot select from, and
 * is slower on large databases.
 */
import type { RelationType } from '../../src/adapter/types.js';

/** Tables (incl. partitioned), views, materialized views and foreign tables of schema $1. */
export const LIST_RELATIONS_SQL = `select current_database(), n.nspname, c.relname, c.relkind
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm', 'f')
order by c.relname`;

export const LIST_SCHEMAS_SQL = `select nspname from pg_catalog.pg_namespace
where nspname !~ '^pg_(toast|temp_|toast_temp_)'
order by nspname`;

/** Columns of relation $2 in schema $1, in order, with types as format_type() spells them. */
export const COLUMNS_SQL = `select a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)
from pg_catalog.pg_attribute a
join pg_catalog.pg_class c on c.oid = a.attrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where n.nspname = $1 and c.relname = $2 and a.attnum > 0 and not a.attisdropped
order by a.attnum`;

/** Type names for (oid, typmod) pairs, in input order. */
export const TYPE_NAMES_SQL = `select pg_catalog.format_type(t.o, t.m)
from unnest($1::oid[], $2::int4[]) with ordinality as t(o, m, i)
order by t.i`;

export function relationType(relkind: unknown): RelationType {
  switch (relkind) {
    case 'v':
      return 'view';
    case 'm':
      return 'materialized_view';
    case 'f':
      return 'external';
    default:
      return 'table';
  }
}

/** `select * from (<sql>) limit 0`: Postgres plans the query and returns its row shape, no rows. */
export function describeSql(sql: string): string {
  const body = sql.trim().replace(/;\s*$/, '');
  return `select * from (\n${body}\n) as tx_describe limit 0`;
}
