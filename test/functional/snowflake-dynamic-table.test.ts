/**
 * materialized='dynamic_table' on Snowflake (the real SDK against the fake, which keeps a dynamic
 * table as a view so its rows follow its query): created, left alone while nothing changed,
 * altered in place when target_lag or the warehouse changes, replaced when its query changes or
 * a table is in the way, as dbt-snowflake does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDir } from './harness.js';
import { FakeSnowflake } from '../fakes/snowflake/server.js';
import { writeFakeProfile } from '../fakes/snowflake/profile.js';
import { txGuarded, type GuardedResult } from '../fakes/guarded-cli.js';

const KEY = 'ANALYTICS.PUBLIC.ORDER_TOTALS';

describe('dynamic tables on Snowflake (fake service)', () => {
  let fake: FakeSnowflake;
  let dir: string;
  const run = async (...args: string[]): Promise<GuardedResult> => {
    const r = await txGuarded(['run', ...args], dir);
    expect(r.violations).toEqual([]);
    return r;
  };
  const model = (body: string, config = "target_lag=var('lag', '10 minutes'), snowflake_warehouse=var('wh', 'transforming')"): void =>
    writeFileSync(join(dir, 'models', 'order_totals.sql'), `{{ config(materialized='dynamic_table', ${config}) }}\n${body}\n`);
  const statements = () => fake.queries.all.map((q) => q.sql.trim().split('\n')[0]!);

  beforeAll(async () => {
    fake = await FakeSnowflake.start({ warehouses: ['TRANSFORMING', 'BIG_WH'], roles: { TRANSFORMER: { warehouses: ['TRANSFORMING', 'BIG_WH'], databases: ['ANALYTICS'] } } });
    dir = mkdtempSync(join(tmpdir(), 'tx-sf-dt-'));
    writeFileSync(join(dir, 'dbt_project.yml'), "name: sfdt\nversion: '1.0.0'\nconfig-version: 2\nprofile: sfdt\n");
    mkdirSync(join(dir, 'models'));
    writeFileSync(join(dir, 'models', 'orders.sql'), "{{ config(materialized='table') }}\nselect 1 as id, 10 as amount union all select 2, 5\n");
    model("select count(*) as orders, sum(amount) as total from {{ ref('orders') }}");
    writeFakeProfile(dir, 'sfdt', fake, { threads: 1 });
  });
  afterAll(async () => {
    await fake.stop();
    removeDir(dir);
  });

  it('creates the dynamic table with its target_lag and warehouse; its rows follow its query', async () => {
    const r = await run();
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/OK created sql dynamic_table model public\.order_totals/);
    expect(statements()).toContain('create dynamic table analytics.public.order_totals');
    expect(fake.meta.dynamic.get(KEY)).toMatchObject({ targetLag: '10 minutes', warehouse: 'TRANSFORMING' });
    expect(await fake.admin(`select * from "ANALYTICS"."PUBLIC"."ORDER_TOTALS"`)).toEqual([{ ORDERS: 2n, TOTAL: 15n }]);
    await fake.admin('insert into "ANALYTICS"."PUBLIC"."ORDERS" values (3, 7)');
    expect(await fake.admin(`select * from "ANALYTICS"."PUBLIC"."ORDER_TOTALS"`)).toEqual([{ ORDERS: 3n, TOTAL: 22n }]);
  });

  it('leaves it alone when nothing changed, as dbt-snowflake', async () => {
    const before = fake.queries.all.length;
    const r = await run('-s', 'order_totals');
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('No configuration changes were identified on: `analytics.public.order_totals`. Continuing.');
    const sent = fake.queries.all.slice(before).map((q) => q.sql.trim());
    expect(sent.some((s) => /^show dynamic tables like 'order_totals' in schema analytics\.public/.test(s))).toBe(true);
    expect(sent.filter((s) => /^(create|alter|drop)\b[^\n]*dynamic table/i.test(s)), sent.join('\n---\n')).toEqual([]);
  });

  it('alters target_lag and the warehouse in place', async () => {
    const r = await run('-s', 'order_totals', '--vars', '{lag: 1 hour, wh: big_wh}');
    expect(r.code, r.stdout).toBe(0);
    expect(readFileSync(join(dir, 'target/run/sfdt/models/order_totals.sql'), 'utf8')).toContain("alter dynamic table analytics.public.order_totals set\n    target_lag = '1 hour'\n    warehouse = big_wh;");
    expect(fake.meta.dynamic.get(KEY)).toMatchObject({ targetLag: '1 hour', warehouse: 'BIG_WH' });
  });

  it('replaces it when its query changes', async () => {
    model("select count(*) as orders, max(amount) as biggest from {{ ref('orders') }}");
    const r = await run('-s', 'order_totals', '--vars', '{lag: 1 hour, wh: big_wh}');
    expect(r.code, r.stdout).toBe(0);
    expect(readFileSync(join(dir, 'target/run/sfdt/models/order_totals.sql'), 'utf8')).toMatch(/-- replace the dynamic table \(query changed\)\ncreate or replace dynamic table analytics\.public\.order_totals/);
    expect(await fake.admin(`select * from "ANALYTICS"."PUBLIC"."ORDER_TOTALS"`)).toEqual([{ ORDERS: 3n, BIGGEST: 10 }]);
  });

  it('replaces a table in the way, and refuses the materialization elsewhere', async () => {
    await fake.admin('drop view "ANALYTICS"."PUBLIC"."ORDER_TOTALS"');
    fake.meta.dynamic.delete(KEY);
    await fake.admin('create table "ANALYTICS"."PUBLIC"."ORDER_TOTALS" as select 1 as x');
    const r = await run('-s', 'order_totals');
    expect(r.code, r.stdout).toBe(0);
    expect(readFileSync(join(dir, 'target/run/sfdt/models/order_totals.sql'), 'utf8')).toContain('-- drop the existing table\ndrop table if exists analytics.public.order_totals cascade;');
    expect(fake.meta.dynamic.has(KEY)).toBe(true);
    const duck = mkdtempSync(join(tmpdir(), 'tx-dt-duck-'));
    try {
      writeFileSync(join(duck, 'dbt_project.yml'), "name: dtduck\nversion: '1.0.0'\nconfig-version: 2\nprofile: dtduck\n");
      mkdirSync(join(duck, 'models'));
      writeFileSync(join(duck, 'models', 'dt.sql'), "{{ config(materialized='dynamic_table', target_lag='1 hour') }}\nselect 1 as x\n");
      const d = await txGuarded(['run'], duck);
      expect(d.code).toBe(1);
      expect(d.stdout).toContain("No materialization 'dynamic_table' was found for adapter duckdb!");
    } finally {
      removeDir(duck);
    }
  });
});
