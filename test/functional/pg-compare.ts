/**
 * Compares what a build left in DuckDB (schemas main, main_*) with what the same build left in
 * Postgres (schemas <s>, <s>_*): the same relations, the same columns (in name order: an
 * on_schema_change type change moves a column to the end on Postgres, as with dbt-postgres), the
 * same multiset of rows.
 * Values are normalised to what both clients agree on (numbers to 12 significant digits, dates
 * as ISO text) so float summation order and driver types do not count as differences.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { typeParsers } from '../../adapters/postgres/values.js';
import { query as duckQuery } from './harness.js';
import { PG } from './pg-helpers.js';

export interface RelationRows {
  /** `<schema suffix>.<name>`: '' for the target schema itself, e.g. '.orders' or '_raw.customers'. */
  key: string;
  type: 'table' | 'view';
  columns: string[];
  rows: string[];
}

function normalise(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? Number(v.toPrecision(12)) : String(v);
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return v.toString('hex');
  if (Array.isArray(v)) return v.map(normalise);
  return v;
}

export interface CompareOptions {
  /**
   * Fixtures whose snapshots stamp rows with the time of the run: any time from 2025 on reads
   * 'NOW', and a row holding one loses its scd id (a hash of that time).
   */
  runTime?: boolean;
  /** DuckDB: every schema, not only main and main_* (`raw` keys as `_raw`, as Postgres' `<schema>_raw`). */
  allSchemas?: boolean;
}

const RUN_TIME = /^20(2[5-9]|[3-9]\d)-/;

function rowSet(rows: Record<string, unknown>[], columns: string[], opts: CompareOptions = {}): string[] {
  return rows.map((r) => {
    let values = columns.map((c) => normalise(r[c]));
    if (opts.runTime) {
      values = values.map((v) => (typeof v === 'string' && RUN_TIME.test(v) ? 'NOW' : v));
      if (values.includes('NOW')) values = values.map((v, i) => (/scd_id/.test(columns[i] ?? '') ? null : v));
    }
    return JSON.stringify(values);
  }).sort();
}

const suffixOf = (schema: string, base: string): string => schema.slice(base.length);

export async function duckRelationRows(dbPath: string, ignore: readonly string[] = [], opts: CompareOptions = {}): Promise<RelationRows[]> {
  const schemas = opts.allSchemas
    ? "table_schema not in ('information_schema', 'pg_catalog')"
    : "(table_schema = 'main' or table_schema like 'main\\_%' escape '\\')";
  const rels = await duckQuery(dbPath, `select table_schema, table_name, table_type from information_schema.tables
    where table_catalog = current_database() and ${schemas} order by 1, 2`);
  const out: RelationRows[] = [];
  for (const r of rels) {
    const [schema, name] = [String(r['table_schema']), String(r['table_name'])];
    const cols = (await duckQuery(dbPath, `select column_name from information_schema.columns
      where table_schema = '${schema}' and table_name = '${name}' order by ordinal_position`)).map((c) => String(c['column_name']));
    const columns = cols.filter((c) => !ignore.includes(c)).sort();
    const rows = await duckQuery(dbPath, `select * from "${schema}"."${name}"`);
    const key = schema === 'main' || schema.startsWith('main_') ? suffixOf(schema, 'main') : `_${schema}`;
    out.push({ key: `${key}.${name}`, type: r['table_type'] === 'VIEW' ? 'view' : 'table', columns, rows: rowSet(rows, columns, opts) });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

export async function pgRelationRows(schema: string, ignore: readonly string[] = [], opts: CompareOptions = {}): Promise<RelationRows[]> {
  const client = new pg.Client({ ...PG, types: typeParsers(pg.types.getTypeParser) });
  await client.connect();
  try {
    const rels = await client.query(`select n.nspname, c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where (n.nspname = $1 or left(n.nspname, length($1) + 1) = $1 || '_') and c.relkind in ('r', 'v', 'm', 'p') order by 1, 2`, [schema]);
    const out: RelationRows[] = [];
    for (const r of rels.rows as { nspname: string; relname: string; relkind: string }[]) {
      const res = await client.query(`select * from "${r.nspname}"."${r.relname}"`);
      const columns = res.fields.map((f) => f.name).filter((c) => !ignore.includes(c)).sort();
      out.push({ key: `${suffixOf(r.nspname, schema)}.${r.relname}`, type: r.relkind === 'v' ? 'view' : 'table', columns, rows: rowSet(res.rows as Record<string, unknown>[], columns, opts) });
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : 1));
  } finally {
    await client.end();
  }
}

/**
 * Points a project's sources at the Postgres test schema: fixtures name DuckDB's default schema
 * (`schema: main`, `schema: main_raw`); on Postgres they become `<schema>`, `<schema>_raw`.
 */
export function retargetSources(dir: string, schema: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'target' && name !== 'node_modules') retargetSources(path, schema);
    } else if (/\.ya?ml$/.test(name) && name !== 'profiles.yml' && name !== 'dbt_project.yml') {
      const text = readFileSync(path, 'utf8');
      const next = text.replace(/^(\s*schema:\s*)['"]?main(_\w+)?['"]?\s*$/gm, (_m, key: string, rest: string | undefined) => `${key}${schema}${rest ?? ''}`);
      if (next !== text) writeFileSync(path, next);
    }
  }
}
