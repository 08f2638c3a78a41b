/**
 * Writes to a fixture's DuckDB file between CLI runs (source tables created and changed by the
 * test), and reads whole tables back in a stable order for exact-row assertions.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { query } from './harness.js';

/** Runs statements on the database file, read-write, and closes it so the CLI can open it. */
export async function exec(dbPath: string, ...statements: string[]): Promise<void> {
  mkdirSync(dirname(dbPath), { recursive: true });
  const instance = await DuckDBInstance.create(dbPath);
  const conn = await instance.connect();
  try {
    for (const sql of statements) await conn.run(sql);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** Every row of a table as objects, ordered by the given columns; timestamps as text. */
export async function rows(dbPath: string, table: string, orderBy: string): Promise<Record<string, unknown>[]> {
  const out = await query(dbPath, `select * from ${table} order by ${orderBy}`);
  return out.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString().replace('T', ' ').replace(/\.000Z$/, '') : v])));
}

/** Column names and types of a table, in order. */
export async function columns(dbPath: string, schema: string, table: string): Promise<string[]> {
  const out = await query(dbPath, `select column_name, data_type from information_schema.columns where table_schema = '${schema}' and table_name = '${table}' order by ordinal_position`);
  return out.map((r) => `${String(r['column_name'])} ${String(r['data_type'])}`);
}
