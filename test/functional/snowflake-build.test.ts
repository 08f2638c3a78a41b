/**
 * Snowflake-only behaviour through the real CLI and SDK against the local fake service: per-model
 * warehouses and query tags, seeds into a schema the profile never created, the docs catalog.
 * (Every materialization on Snowflake: test/conformance/snowflake.test.ts; example_project:
 * test/conformance/example-cloud.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyFixture, readJson, removeDir } from './harness.js';
import { FakeSnowflake } from '../fakes/snowflake/server.js';
import { writeFakeProfile } from '../fakes/snowflake/profile.js';
import { txGuarded } from '../fakes/guarded-cli.js';

describe('per-model warehouse and query tag on Snowflake (fake service)', () => {
  let fake: FakeSnowflake;
  let dir: string;
  beforeAll(async () => {
    fake = await FakeSnowflake.start({ warehouses: ['TRANSFORMING', 'BIG_WH'], roles: { TRANSFORMER: { warehouses: ['TRANSFORMING', 'BIG_WH'], databases: ['ANALYTICS'] } } });
    dir = mkdtempSync(join(tmpdir(), 'tx-sf-tags-'));
    writeFileSync(join(dir, 'dbt_project.yml'), "name: sftags\nversion: '1.0.0'\nconfig-version: 2\nprofile: sftags\nmodels:\n  sftags:\n    +materialized: table\n");
    mkdirSync(join(dir, 'models'));
    writeFileSync(join(dir, 'models', 'heavy.sql'), "{{ config(snowflake_warehouse='big_wh', query_tag='heavy_model', cluster_by=['id']) }}\nselect 1 as id\n");
    writeFileSync(join(dir, 'models', 'light.sql'), "select * from {{ ref('heavy') }}\n");
    writeFakeProfile(dir, 'sftags', fake, { threads: 1, query_tag: 'tx_default' });
  });
  afterAll(async () => {
    await fake.stop();
    removeDir(dir);
  });

  it('runs a model on its snowflake_warehouse with its query_tag, then restores the profile\'s', async () => {
    const r = await txGuarded(['run'], dir);
    expect(r.code, r.stdout).toBe(0);
    expect(r.violations).toEqual([]);
    const build = (name: string) => fake.queries.all.find((q) => q.sql.startsWith(`create or replace transient table analytics.public.${name}__dbt_tmp`))!;
    expect(build('heavy')).toMatchObject({ warehouse: 'BIG_WH', queryTag: 'heavy_model' });
    expect(build('light')).toMatchObject({ warehouse: 'TRANSFORMING', queryTag: 'tx_default' });
    expect(fake.queries.all.some((q) => q.sql === 'alter table analytics.public.heavy__dbt_tmp cluster by (id)')).toBe(true);
  });
});

describe('seeds alone, then the docs catalog, on Snowflake (fake service)', () => {
  let fake: FakeSnowflake;
  let dir: string;
  beforeAll(async () => {
    fake = await FakeSnowflake.start();
    dir = copyFixture('basic');
    // The profile's schema is never created: the seeds go to <schema>_raw only.
    writeFakeProfile(dir, 'basic', fake, { schema: 'docs_only' });
  });
  afterAll(async () => {
    await fake.stop();
    removeDir(dir);
  });

  it('loads seeds on every thread although the profile schema does not exist', async () => {
    const r = await txGuarded(['seed'], dir);
    expect(r.violations).toEqual([]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/OK loaded seed file docs_only_raw\.customers \.* \[INSERT 4 /);
  });

  it('writes catalog.json from INFORMATION_SCHEMA', async () => {
    const r = await txGuarded(['docs', 'generate'], dir);
    expect(r.violations).toEqual([]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const catalog = readJson(join(dir, 'target', 'catalog.json')) as { nodes: Record<string, { metadata: Record<string, unknown>; columns: Record<string, { type: string }> }> };
    const customers = catalog.nodes['seed.basic.customers']!;
    expect(customers.metadata).toMatchObject({ type: 'BASE TABLE', schema: 'DOCS_ONLY_RAW', name: 'CUSTOMERS', database: 'ANALYTICS' });
    expect(Object.keys(customers.columns)).toEqual(['ID', 'NAME', 'COUNTRY', 'SIGNUP_DATE']);
    expect(customers.columns['ID']!.type).toBe('NUMBER');
  });
});
