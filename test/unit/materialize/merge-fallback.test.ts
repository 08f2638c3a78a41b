/**
 * MERGE only where the server has it: Postgres before 15 has none, so a pool connected to such a
 * server removes `merge` from the capabilities the plan sees, and the merge strategy is planned
 * as delete+insert on the unique_key (with a note). The dialect itself stays pure.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { postgresDialect } from '../../../adapters/postgres/dialect.js';
import { capabilitiesForServer } from '../../../adapters/postgres/pool.js';
import { Relation } from '../../../src/adapter/relation.js';
import type { Capabilities } from '../../../src/adapter/types.js';
import type { NodeConfig } from '../../../src/parse/manifest-types.js';
import type { PlanContext } from '../../../src/materialize/types.js';
import { planIncremental } from '../../../src/materialize/incremental.js';
import { createAdapterObject } from '../../../src/context/adapter-object.js';
import { resolveScope } from '../../../src/context/node-scope.js';
import { TxJinja } from '../../../src/jinja/tx-jinja.js';
import { templatesDir } from '../../../src/util/package-root.js';

const rel = Relation.create(postgresDialect, { database: 'test', schema: 'analytics', identifier: 'orders' }, 'table');
const config = { materialized: 'incremental', incremental_strategy: 'merge', unique_key: 'id', on_schema_change: 'ignore' };

function pgCall(): PlanContext['callMacro'] {
  const jinja = new TxJinja({ rootPackage: 'proj', adapterType: 'postgres' });
  for (const folder of ['default', 'postgres']) {
    const dir = join(templatesDir(), folder);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) jinja.addMacroFile('dbt', join(dir, f), readFileSync(join(dir, f), 'utf8'));
  }
  const scope = Object.assign(
    resolveScope({ this: rel, model: {}, var: () => null }, { config, ref: () => null, source: () => null }),
    { adapter: createAdapterObject(jinja, postgresDialect, 'postgres'), target: { schema: 'analytics', database: 'test', type: 'postgres' } },
  );
  return (name, args, kwargs = {}) => String(jinja.callMacro(jinja.resolveMacro(name, 'dbt')!, args, kwargs, scope)).trim();
}

function plan(overrides: Partial<Capabilities>) {
  const ctx: PlanContext = {
    dialect: postgresDialect,
    capabilities: { ...postgresDialect.capabilities, ...overrides },
    existing: { database: 'test', schema: 'analytics', identifier: 'orders', type: 'table' },
    relation: rel,
    fullRefresh: false,
    callMacro: pgCall(),
  };
  return planIncremental(ctx, {
    model: { name: 'orders', loc: { file: '/p/models/orders.sql', line: 0, col: 0 }, config: config as unknown as NodeConfig },
    fullSql: 'select 1 as id, 2 as amount',
    incrementalSql: 'select 1 as id, 2 as amount',
    existingColumns: [{ name: 'id', dataType: 'integer' }, { name: 'amount', dataType: 'integer' }],
    hasMacro: () => true,
  });
}

describe('merge on a server without MERGE', () => {
  it('server_version_num below 150000 takes merge away; 15 and later keep it', () => {
    expect(capabilitiesForServer(140011)).toEqual({ merge: false });
    expect(capabilitiesForServer(150020)).toEqual({});
    expect(capabilitiesForServer(170000)).toEqual({});
  });

  it('plans MERGE when the server has it', () => {
    const p = plan({});
    const sql = p.statements.map((s) => s.sql).join('\n');
    expect(sql).toContain('merge into "test"."analytics"."orders" as DBT_INTERNAL_DEST');
    expect(p.notes).toEqual([]);
  });

  it('plans delete+insert on the unique_key otherwise, in the same transaction, and says so', () => {
    const p = plan(capabilitiesForServer(140011));
    expect(p.transactional).toBe(true);
    const step = p.statements.find((s) => s.purpose.includes('strategy'))!;
    expect(step.purpose).toBe('insert the new rows (delete+insert strategy)');
    expect(step.sql).not.toMatch(/merge into/i);
    expect(step.sql).toContain('delete from "test"."analytics"."orders"\nwhere (id) in (\n    select distinct id\n    from "orders__dbt_tmp"\n)');
    expect(step.sql).toMatch(/insert into "test"\."analytics"\."orders" \("id", "amount"\)/);
    expect(p.notes).toEqual(['orders: the connected postgres server has no MERGE; the merge strategy runs as delete+insert on the unique_key']);
  });
});
