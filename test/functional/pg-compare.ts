/**
 * Compares what a build left in DuckDB (schemas main, main_*) with what the same build left in
 * Postgres (schemas <s>, <s>_*): the same relations, the same columns, the same multiset of rows.
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

function rowSet(rows: Record<string, unknown>[], columns: string[]): string[] {
  return rows.map((r) => JSON.stringify(columns.map((c) => normalise(r[c])))).sort();
}

const suffixOf = (schema: string, base: string): string => schema.slice(base.length);

export async function duckRelationRows(dbPath: string, ignore: readonly string[] = []): Promise<RelationRows[]> {
  const rels = await duckQuery(dbPath, `select table_schema, table_name, table_type from information_schema.tables
    where table_catalog = current_database() and (table_schema = 'main' or table_schema like 'main\\_%' escape '\\') order by 1, 2`);
  const out: RelationRows[] = [];
  for (const r of rels) {
    const [schema, name] = [String(r['table_schema']), String(r['table_name'])];
    const cols = (await duckQuery(dbPath, `select column_name from information_schema.columns
      where table_schema = '${schema}' and table_name = '${name}' order by ordinal_position`)).map((c) => String(c['column_name']));
    const columns = cols.filter((c) => !ignore.includes(c));
    const rows = await duckQuery(dbPath, `select * from "${schema}"."${name}"`);
    out.push({ key: `${suffixOf(schema, 'main')}.${name}`, type: r['table_type'] === 'VIEW' ? 'view' : 'table', columns, rows: rowSet(rows, columns) });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

export async function pgRelationRows(schema: string, ignore: readonly string[] = []): Promise<RelationRows[]> {
  const client = new pg.Client({ ...PG, types: typeParsers(pg.types.getTypeParser) });
  await client.connect();
  try {
    const rels = await client.query(`select n.nspname, c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where (n.nspname = $1 or left(n.nspname, length($1) + 1) = $1 || '_') and c.relkind in ('r', 'v', 'm', 'p') order by 1, 2`, [schema]);
    const out: RelationRows[] = [];
    for (const r of rels.rows as { nspname: string; relname: string; relkind: string }[]) {
      const res = await client.query(`select * from "${r.nspname}"."${r.relname}"`);
      const columns = res.fields.map((f) => f.name).filter((c) => !ignore.includes(c));
      out.push({ key: `${suffixOf(r.nspname, schema)}.${r.relname}`, type: r.relkind === 'v' ? 'view' : 'table', columns, rows: rowSet(res.rows as Record<string, unknown>[], columns) });
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
