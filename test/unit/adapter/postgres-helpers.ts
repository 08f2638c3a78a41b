/** Unit-test helpers for the Postgres adapter: a pool on the test server, the template engine, plan contexts. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { postgresAdapter } from '../../../adapters/postgres/index.js';
import { postgresDialect } from '../../../adapters/postgres/dialect.js';
import { Relation } from '../../../src/adapter/relation.js';
import type { Connection, ConnectionPool, RelationInfo, RelationRef } from '../../../src/adapter/types.js';
import type { PlanContext } from '../../../src/materialize/types.js';
import { TxJinja, type Scope } from '../../../src/jinja/tx-jinja.js';
import { templatesDir } from '../../../src/util/package-root.js';
import { PG } from '../../functional/pg-helpers.js';

export interface PgTestDb {
  pool: ConnectionPool;
  conn: Connection;
  close(): Promise<void>;
}

export function pgCredentials(schema: string, extra: Record<string, unknown> = {}) {
  return postgresAdapter.resolveCredentials({ type: 'postgres', host: PG.host, port: PG.port, user: PG.user, dbname: PG.database, schema, ...extra });
}

export async function openPg(schema: string, extra: Record<string, unknown> = {}, threads = 1): Promise<PgTestDb> {
  const pool = await postgresAdapter.connect(pgCredentials(schema, extra), { projectDir: process.cwd(), threads });
  const conn = await pool.acquire();
  return {
    pool,
    conn,
    async close() {
      pool.release(conn);
      await pool.close();
    },
  };
}

/** templates/default + templates/postgres through the real Jinja engine, as a postgres session loads them. */
export function pgTemplates(): (name: string, args: unknown[], kwargs?: Record<string, unknown>) => string {
  const jinja = new TxJinja({ rootPackage: 'proj', adapterType: 'postgres' });
  for (const folder of ['default', 'postgres']) {
    const dir = join(templatesDir(), folder);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) {
      jinja.addMacroFile('dbt', join(dir, f), readFileSync(join(dir, f), 'utf8'));
    }
  }
  const scope: Scope = {
    adapter: { dispatch: (name: string, ns?: string) => jinja.dispatch(name, ns) },
    target: { schema: 'analytics', database: 'test', type: 'postgres' },
  };
  return (name, args, kwargs = {}) => {
    const fn = jinja.resolveMacro(name, 'dbt');
    if (!fn) throw new Error(`no macro ${name}`);
    const out = jinja.callMacro(fn, args, kwargs, scope);
    return typeof out === 'string' ? out.trim() : (out as never);
  };
}

export async function pgPlanContext(
  conn: Connection,
  ref: RelationRef,
  opts: { fullRefresh?: boolean; callMacro?: PlanContext['callMacro'] } = {},
): Promise<PlanContext> {
  const snapshot: RelationInfo[] = await conn.listRelations({ database: ref.database, schema: ref.schema });
  const find = (r: RelationRef): RelationInfo | undefined =>
    snapshot.find((s) => s.schema.toLowerCase() === r.schema.toLowerCase() && s.identifier.toLowerCase() === r.identifier.toLowerCase());
  const call = pgTemplates();
  return {
    dialect: postgresDialect,
    capabilities: postgresDialect.capabilities,
    existing: find(ref),
    lookup: find,
    relation: Relation.create(postgresDialect, ref),
    fullRefresh: opts.fullRefresh ?? false,
    callMacro: opts.callMacro ?? ((name, args, kwargs) => call(name, args, kwargs)),
  };
}
