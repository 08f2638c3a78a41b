/**
 * tx's plans run on Snowflake through the real SDK and the fake service: build aside and swap,
 * seeds through bound inserts, and what Snowflake's transactions do (and do not) guarantee.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { snowflakeAdapter } from '../../../adapters/snowflake/index.js';
import { snowflakeDialect as d } from '../../../adapters/snowflake/dialect.js';
import type { Connection, ConnectionPool, RelationRef } from '../../../src/adapter/types.js';
import type { PlanContext } from '../../../src/materialize/types.js';
import { planTable } from '../../../src/materialize/table.js';
import { planView } from '../../../src/materialize/view.js';
import { planSeed } from '../../../src/materialize/seed.js';
import { inferSeedColumns } from '../../../src/materialize/seed-infer.js';
import { executePlan } from '../../../src/run/apply-plan.js';
import { REPO } from '../../functional/harness.js';
import { FakeSnowflake } from '../../fakes/snowflake/server.js';
import { SDK_ENV, fakeProfile } from '../../fakes/snowflake/profile.js';
import { installNetGuard } from '../../fakes/net-guard.js';
import { sfRel, sfTemplates } from './snowflake-helpers.js';

Object.assign(process.env, SDK_ENV);
// The SDK may only reach the fake, on 127.0.0.1 (no OCSP, no platform detection, no telemetry).
const guard = installNetGuard();

describe('snowflake plans on the fake service', () => {
  let fake: FakeSnowflake;
  let pool: ConnectionPool;
  let conn: Connection;
  const ref: RelationRef = { database: 'analytics', schema: 'plans', identifier: 'orders' };
  const rows = async (sql: string) => (await conn.execute(sql, { fetch: true })).rows;

  async function context(r: RelationRef, config: Record<string, unknown> = {}): Promise<PlanContext> {
    const snapshot = await conn.listRelations({ database: r.database, schema: r.schema });
    const find = (x: RelationRef) => snapshot.find((s) => s.identifier.toLowerCase() === x.identifier.toLowerCase());
    const rel = sfRel(r, null);
    const call = sfTemplates(config, rel);
    return { dialect: d, capabilities: d.capabilities, existing: find(r), lookup: find, relation: rel, fullRefresh: false, callMacro: (n, a, k) => call(n, a, k) };
  }

  beforeAll(async () => {
    fake = await FakeSnowflake.start();
    pool = await snowflakeAdapter.connect(snowflakeAdapter.resolveCredentials(fakeProfile(fake)), { projectDir: REPO, threads: 1 });
    conn = await pool.acquire();
    await conn.execute('create schema if not exists analytics.plans');
  });
  afterAll(async () => {
    pool.release(conn);
    await pool.close();
    await fake.stop();
  });

  it('builds a transient table aside and swaps it in; a failing build leaves the old table', async () => {
    await executePlan(conn, planTable(await context(ref), 'select 1 as id'));
    await executePlan(conn, planTable(await context(ref), 'select 2 as id'));
    expect(await rows('select id from analytics.plans.orders')).toEqual([[2]]);
    expect(fake.meta.transient.has('ANALYTICS.PLANS.ORDERS')).toBe(true);
    await expect(executePlan(conn, planTable(await context(ref), 'select id from analytics.plans.no_such_table'))).rejects.toThrow(/002003/);
    expect(await rows('select id from analytics.plans.orders')).toEqual([[2]]);
    expect((await conn.listRelations({ database: 'analytics', schema: 'plans' })).map((r) => r.identifier)).toEqual(['ORDERS']);
    // transient: false builds a permanent table.
    await executePlan(conn, planTable(await context(ref, { transient: false }), 'select 3 as id'));
    expect(fake.meta.transient.has('ANALYTICS.PLANS.ORDERS')).toBe(false);
  });

  it('swaps views with ALTER VIEW, and replaces a table by a secure view', async () => {
    await executePlan(conn, planView(await context(ref, { secure: true }), 'select 4 as id'));
    await executePlan(conn, planView(await context(ref, { secure: true }), 'select 5 as id'));
    expect(await rows('select id from analytics.plans.orders')).toEqual([[5]]);
    expect(await conn.listRelations({ database: 'analytics', schema: 'plans' })).toEqual([{ database: 'ANALYTICS', schema: 'PLANS', identifier: 'ORDERS', type: 'view' }]);
    expect(fake.meta.secure.has('ANALYTICS.PLANS.ORDERS')).toBe(true);
    // ALTER TABLE on a view fails on Snowflake (and on the fake): the template must say VIEW.
    await expect(conn.execute('alter table analytics.plans.orders rename to analytics.plans.x')).rejects.toThrow(/002203.*not specified type 'TABLE'/s);
  });

  it('loads a seed through bound parameters, and reloads it in place', async () => {
    const path = join(REPO, 'test', 'fixtures', 'projects', 'basic', 'seeds', 'orders.csv');
    const seed = { database: 'analytics', schema: 'plans', identifier: 'seed_orders' };
    const input = () => ({ path, delimiter: ',', quoteColumns: false, columns: inferSeedColumns(path, { delimiter: ',', columnTypes: undefined }) });
    await executePlan(conn, planSeed(await context(seed), input()));
    const first = await rows('select count(*), min(order_id) from analytics.plans.seed_orders');
    const columns = await conn.getColumns(seed);
    await executePlan(conn, planSeed(await context(seed), { ...input(), existingColumns: columns }));
    expect(await rows('select count(*), min(order_id) from analytics.plans.seed_orders')).toEqual(first);
    expect(fake.queries.all.some((q) => /^truncate table if exists analytics\.plans\.seed_orders/.test(q.sql))).toBe(true);
    expect(fake.queries.all.filter((q) => q.sql.startsWith('insert into "SEED_ORDERS__DBT_SEED"')).every((q) => q.binds.length > 0)).toBe(true);
  });

  it('commits the open transaction before DDL, as Snowflake does', async () => {
    await conn.execute('create or replace table analytics.plans.tx_log (n integer)');
    await conn.execute('begin transaction');
    await conn.execute('insert into analytics.plans.tx_log values (1)');
    await conn.execute('create or replace table analytics.plans.other as (select 1 as x)');
    await conn.execute('insert into analytics.plans.tx_log values (2)');
    await conn.execute('rollback');
    // The DDL committed row 1; row 2 ran outside any transaction (autocommit) and stays too.
    expect(await rows('select n from analytics.plans.tx_log order by n')).toEqual([[1], [2]]);
    await conn.execute('begin transaction');
    await conn.execute('insert into analytics.plans.tx_log values (3)');
    await conn.execute('rollback');
    expect(await rows('select count(*) from analytics.plans.tx_log')).toEqual([[2]]);
  });
});

describe('network', () => {
  it('the SDK opened sockets to 127.0.0.1 only', () => {
    expect(guard.allowed.length).toBeGreaterThan(0);
    expect(guard.violations).toEqual([]);
  });
});
