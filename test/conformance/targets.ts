/**
 * The adapters the conformance suite runs against: embedded DuckDB, the real Postgres, and
 * BigQuery and Snowflake through their real SDKs against the local fakes. Each target writes its
 * profile, runs tx (the cloud ones with the network guard preloaded), reads a relation's rows and
 * columns back in one normalised shape, and says how it differs where its dbt adapter does.
 */
import '../fakes/bigquery/env.js';
import { join } from 'node:path';
import pg from 'pg';
import { typeParsers } from '../../adapters/postgres/values.js';
import { query as duckQuery, tx } from '../functional/harness.js';
import { PG, dropSchemas, pgQuery, uniqueSchema, writePgProfile } from '../functional/pg-helpers.js';
import { FakeBigQuery } from '../fakes/bigquery/server.js';
import { writeProfile as writeBqProfile } from '../fakes/bigquery/cli.js';
import { FakeSnowflake } from '../fakes/snowflake/server.js';
import { writeFakeProfile } from '../fakes/snowflake/profile.js';
import { txGuarded, type GuardedResult } from '../fakes/guarded-cli.js';

export type Row = Record<string, unknown>;

export interface Target {
  readonly name: 'duckdb' | 'postgres' | 'bigquery' | 'snowflake';
  /** The schema (dataset) the profile names; custom schemas are `<schema>_<name>`. */
  readonly schema: string;
  start(dir: string): Promise<void>;
  stop(): Promise<void>;
  tx(args: string[]): Promise<GuardedResult>;
  /** Every row of `<schema><suffix>.<table>`, keys lower-case, values normalised (see normalise). */
  rows(suffix: string, table: string): Promise<Row[]>;
  /** Column names of a relation, lower-case, in order. */
  columns(suffix: string, table: string): Promise<string[]>;
  /** Relations of the target's schemas, as `<suffix>.<name>`, lower-case and sorted. */
  relations(): Promise<string[]>;
  /** Statements the warehouse received (the fakes record them; others: undefined). */
  statements?(): string[];
}

/** Dates 'YYYY-MM-DD' (or with the time when not midnight), numbers to 6 decimals, big ints as numbers. */
export function normalise(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number(v.toFixed(6));
  if (typeof v === 'object' && 'toDouble' in (v as object)) return normalise((v as { toDouble(): number }).toDouble());
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof v === 'string' && /^-?\d+\.\d+$/.test(v)) return Number(Number(v).toFixed(6));
  return v;
}

const lowerRow = (r: Row): Row => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), normalise(v)]));
const sortKeys = (names: string[]): string[] => names.map((n) => n.toLowerCase()).sort();

function duckCatalogColumns(rows: Row[]): string[] {
  return rows.map((r) => String(r['column_name']).toLowerCase());
}

export function duckdbTarget(): Target {
  let dir = '';
  const db = () => join(dir, 'target', 'conformance.duckdb');
  return {
    name: 'duckdb',
    schema: 'main',
    async start(d) {
      dir = d;
    },
    async stop() {},
    tx: async (args) => ({ ...(await tx(args, { cwd: dir })), violations: [] }),
    rows: async (suffix, table) => (await duckQuery(db(), `select * from "main${suffix}"."${table}"`)).map(lowerRow),
    columns: async (suffix, table) => duckCatalogColumns(await duckQuery(db(), `select column_name from information_schema.columns
      where table_schema = 'main${suffix}' and table_name = '${table}' order by ordinal_position`)),
    relations: async () => sortKeys((await duckQuery(db(), `select table_schema, table_name from information_schema.tables
      where table_catalog = current_database() and (table_schema = 'main' or table_schema like 'main\\_%' escape '\\')`))
      .map((r) => `${String(r['table_schema']).slice(4)}.${String(r['table_name'])}`)),
  };
}

export function postgresTarget(): Target {
  const schema = uniqueSchema('conf');
  let dir = '';
  const read = async (sql: string, params: unknown[] = []): Promise<Row[]> => {
    const client = new pg.Client({ ...PG, types: typeParsers(pg.types.getTypeParser) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as Row[];
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    schema,
    async start(d) {
      dir = d;
      writePgProfile(dir, 'conformance', { schema });
    },
    stop: () => dropSchemas(schema),
    tx: async (args) => ({ ...(await tx(args, { cwd: dir })), violations: [] }),
    rows: async (suffix, table) => (await read(`select * from "${schema}${suffix}"."${table}"`)).map(lowerRow),
    columns: async (suffix, table) => duckCatalogColumns(await read(
      'select column_name from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position', [`${schema}${suffix}`, table])),
    relations: async () => sortKeys((await pgQuery(`select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where (n.nspname = $1 or left(n.nspname, length($1) + 1) = $1 || '_') and c.relkind in ('r', 'v', 'm', 'p')`, [schema]))
      .map((r) => `${String(r['nspname']).slice(schema.length)}.${String(r['relname'])}`)),
  };
}

export function bigqueryTarget(): Target {
  const project = 'tx-conformance';
  const schema = 'conformance';
  let fake: FakeBigQuery;
  let dir = '';
  const duck = (sql: string) => fake.engine.duck(sql);
  return {
    name: 'bigquery',
    schema,
    async start(d) {
      dir = d;
      fake = await FakeBigQuery.start({ projects: [project] });
      const key = fake.auth.serviceAccount(`conformance@${project}.iam.gserviceaccount.com`, project, fake.tokenUri);
      writeBqProfile(dir, 'conformance', { method: 'service-account-json', project, dataset: schema, keyfile_json: key, api_endpoint: fake.url, location: 'US', threads: 4 });
    },
    stop: async () => fake?.stop(),
    tx: (args) => txGuarded(args, dir),
    rows: async (suffix, table) => (await duck(`select * from "${project}"."${schema}${suffix}"."${table}"`)).map(lowerRow),
    columns: async (suffix, table) => duckCatalogColumns(await duck(`select column_name from information_schema.columns
      where table_catalog = '${project}' and table_schema = '${schema}${suffix}' and table_name = '${table}' order by ordinal_position`)),
    relations: async () => sortKeys((await duck(`select table_schema, table_name from information_schema.tables
      where table_catalog = '${project}' and (table_schema = '${schema}' or table_schema like '${schema}\\_%' escape '\\')`))
      .map((r) => `${String(r['table_schema']).slice(schema.length)}.${String(r['table_name'])}`)),
  };
}

export function snowflakeTarget(): Target {
  const schema = 'conformance';
  const SCHEMA = schema.toUpperCase();
  let fake: FakeSnowflake;
  let dir = '';
  return {
    name: 'snowflake',
    schema,
    async start(d) {
      dir = d;
      fake = await FakeSnowflake.start();
      writeFakeProfile(dir, 'conformance', fake, { schema });
    },
    stop: async () => fake?.stop(),
    tx: (args) => txGuarded(args, dir),
    rows: async (suffix, table) => (await fake.admin(`select * from "ANALYTICS"."${SCHEMA}${suffix.toUpperCase()}"."${table.toUpperCase()}"`)).map(lowerRow),
    columns: async (suffix, table) => duckCatalogColumns(await fake.admin(`select column_name from information_schema.columns
      where table_catalog = 'ANALYTICS' and table_schema = '${SCHEMA}${suffix.toUpperCase()}' and table_name = '${table.toUpperCase()}' order by ordinal_position`)),
    relations: async () => sortKeys((await fake.admin(`select table_schema, table_name from information_schema.tables
      where table_catalog = 'ANALYTICS' and (table_schema = '${SCHEMA}' or table_schema like '${SCHEMA}\\_%' escape '\\')`))
      .map((r) => `${String(r['table_schema']).slice(SCHEMA.length)}.${String(r['table_name'])}`)),
    statements: () => fake.queries.all.map((q) => q.sql),
  };
}

export { pgQuery };
