/** Test helpers: a real DuckDB in a temp dir, and a TS stand-in for the template macros. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { duckdbAdapter } from '../../../adapters/duckdb/index.js';
import { duckdbDialect } from '../../../adapters/duckdb/dialect.js';
import { Relation } from '../../../src/adapter/relation.js';
import type { Connection, ConnectionPool, RelationInfo, RelationRef } from '../../../src/adapter/types.js';
import type { PlanContext } from '../../../src/materialize/types.js';

/** Mirrors templates/default + templates/duckdb for the macros plans call (until the engine renders them). */
export function fakeCallMacro(name: string, args: unknown[]): string {
  const rel = (i: number): Relation => args[i] as Relation;
  switch (name) {
    case 'create_table_as':
      return `create table ${rel(1)} as (\n${String(args[2])}\n);`;
    case 'get_create_view_as_sql':
      return `create view ${rel(0)} as (\n${String(args[1])}\n);`;
    case 'rename_relation':
      return `alter ${rel(0).type ?? 'table'} ${rel(0)} rename to ${rel(1).include({ database: false, schema: false })};`;
    case 'drop_relation':
    case 'drop_relation_if_exists':
      return `drop ${rel(0).type ?? 'table'} if exists ${rel(0)} cascade;`;
    case 'truncate_relation':
      return `delete from ${rel(0)} where 1=1;`;
    case 'create_schema':
      return `create schema if not exists ${rel(0).without_identifier()};`;
    default:
      throw new Error(`fake macro ${name} not implemented`);
  }
}

export interface TestDb {
  dir: string;
  pool: ConnectionPool;
  conn: Connection;
  cleanup(): Promise<void>;
}

export async function openTestDb(name = 'test', threads = 1): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'tx-duckdb-'));
  const creds = duckdbAdapter.resolveCredentials({ type: 'duckdb', path: `${name}.duckdb`, threads });
  const pool = await duckdbAdapter.connect(creds, { projectDir: dir, threads });
  const conn = await pool.acquire();
  return {
    dir,
    pool,
    conn,
    async cleanup() {
      pool.release(conn);
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function planContext(
  conn: Connection,
  ref: RelationRef,
  opts: { fullRefresh?: boolean; callMacro?: PlanContext['callMacro'] } = {},
): Promise<PlanContext> {
  const snapshot: RelationInfo[] = await conn.listRelations({ database: ref.database, schema: ref.schema });
  const find = (r: RelationRef): RelationInfo | undefined =>
    snapshot.find((s) => s.schema.toLowerCase() === r.schema.toLowerCase() && s.identifier.toLowerCase() === r.identifier.toLowerCase());
  return {
    dialect: duckdbDialect,
    capabilities: duckdbDialect.capabilities,
    existing: find(ref),
    lookup: find,
    relation: Relation.create(duckdbDialect, ref),
    fullRefresh: opts.fullRefresh ?? false,
    callMacro: opts.callMacro ?? fakeCallMacro,
  };
}
