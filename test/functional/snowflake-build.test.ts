/**
 * The basic fixture built through the real CLI on Snowflake (the real SDK against the local fake
 * service), compared relation by relation, row by row, with the same build on embedded DuckDB;
 * per-model warehouses and query tags; seeds and the docs catalog. (example_project on Snowflake:
 * test/conformance/example-cloud.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyFixture, readJson, removeDir, tx, type CliResult } from './harness.js';
import { duckRelationRows, retargetSources } from './pg-compare.js';
import { fakeRelationRows } from './snowflake-compare.js';
import { FakeSnowflake } from '../fakes/snowflake/server.js';
import { SDK_ENV, writeFakeProfile } from '../fakes/snowflake/profile.js';

/** Builds a project twice: on embedded DuckDB, and on the fake Snowflake under schema `base`. */
async function buildBoth(copy: () => string, profile: string, fake: FakeSnowflake, base: string): Promise<{ duck: string; sf: string; duckBuild: CliResult; sfBuild: CliResult }> {
  const duck = copy();
  const sf = copy();
  retargetSources(sf, base);
  writeFakeProfile(sf, profile, fake, { schema: base });
  const [duckBuild, sfBuild] = await Promise.all([tx(['build'], { cwd: duck }), tx(['build'], { cwd: sf, env: SDK_ENV })]);
  return { duck, sf, duckBuild, sfBuild };
}

describe('basic fixture on Snowflake (fake service)', () => {
  let fake: FakeSnowflake;
  let b: Awaited<ReturnType<typeof buildBoth>>;
  beforeAll(async () => {
    fake = await FakeSnowflake.start();
    b = await buildBoth(() => copyFixture('basic'), 'basic', fake, 'basic');
  });
  afterAll(async () => {
    await fake.stop();
    removeDir(b.duck);
    removeDir(b.sf);
  });

  it('builds, and leaves the same relations and rows as the DuckDB build', async () => {
    expect(b.duckBuild.code).toBe(0);
    expect(b.sfBuild.code, b.sfBuild.stdout).toBe(0);
    const [duck, sf] = await Promise.all([duckRelationRows(join(b.duck, 'target', 'basic.duckdb')), fakeRelationRows(fake, 'basic')]);
    expect(sf.map((r) => `${r.key} ${r.type}`)).toEqual(duck.map((r) => `${r.key} ${r.type}`));
    for (const [i, rel] of sf.entries()) expect(rel.rows, rel.key).toEqual(duck[i]!.rows);
  });
});

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
    const r = await tx(['run'], { cwd: dir, env: SDK_ENV });
    expect(r.code, r.stdout).toBe(0);
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
    const r = await tx(['seed'], { cwd: dir, env: SDK_ENV });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/OK loaded seed file docs_only_raw\.customers \.* \[INSERT 4 /);
  });

  it('writes catalog.json from INFORMATION_SCHEMA', async () => {
    const r = await tx(['docs', 'generate'], { cwd: dir, env: SDK_ENV });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const catalog = readJson(join(dir, 'target', 'catalog.json')) as { nodes: Record<string, { metadata: Record<string, unknown>; columns: Record<string, { type: string }> }> };
    const customers = catalog.nodes['seed.basic.customers']!;
    expect(customers.metadata).toMatchObject({ type: 'BASE TABLE', schema: 'DOCS_ONLY_RAW', name: 'CUSTOMERS', database: 'ANALYTICS' });
    expect(Object.keys(customers.columns)).toEqual(['ID', 'NAME', 'COUNTRY', 'SIGNUP_DATE']);
    expect(customers.columns['ID']!.type).toBe('NUMBER');
  });
});
