/**
 * The fake BigQuery server itself: the SQL translation it runs on DuckDB, and the REST subset it
 * serves, driven by the SDK's own methods (jobs.query, datasets, tables, getQueryResults pages).
 */
import './bigquery-helpers.js';
import { BigQuery } from '@google-cloud/bigquery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installNetGuard, type NetGuard } from '../../fakes/net-guard.js';
import type { FakeBigQuery } from '../../fakes/bigquery/server.js';
import { translate } from '../../fakes/bigquery/translate.js';
import { PROJECT, startFake } from './bigquery-helpers.js';

const sql = (s: string): string[] => translate(s).steps.map((x) => x.sql.replace(/\s+/g, ' ').trim());

describe('translation to DuckDB', () => {
  it('quoted paths, strings, parameters and types', () => {
    expect(sql("select `p.d.t`.a, `p`.`d`.`t`.b, 'it\\'s', \"dq\", @x, ? from `p`.`d`.`t`")).toEqual([
      `select "p"."d"."t".a, "p"."d"."t".b, 'it''s', 'dq', $x, ? from "p"."d"."t"`,
    ]);
    expect(sql('select cast(a as int64), safe_cast(b as numeric(10, 2)), cast(c as array<string>), cast(d as struct<x int64>)')).toEqual([
      'select CAST(a AS BIGINT), try_cast(b AS DECIMAL(10,2)), CAST(c AS VARCHAR[]), CAST(d AS STRUCT("x" BIGINT))',
    ]);
    expect(() => translate('select cast(a as varchar)')).toThrow('Type not found: varchar');
  });

  it('functions whose name, argument order or result differ', () => {
    expect(sql('select timestamp_trunc(ts, hour), date_trunc(d, month), date_diff(a, b, day), countif(x > 1), safe_divide(a, b)')).toEqual([
      "select date_trunc('hour', ts), CAST(date_trunc('month', d) AS DATE), date_diff('day', CAST(b AS DATE), CAST(a AS DATE)), count_if(x > 1), (CASE WHEN (b) = 0 THEN NULL ELSE (a) / (b) END)",
    ]);
    expect(sql('select * except (a) from t cross join unnest(generate_array(1, 3)) as n')[0]).toBe(
      'select * EXCLUDE (a) from t cross join unnest(generate_series(1, 3, 1)) AS "n"("n")',
    );
  });

  it('DDL with BigQuery clauses keeps them as table metadata', () => {
    const t = translate("create or replace table `p`.`d`.`t` partition by date(ts) cluster by a, b options(labels=[('k', 'v')], require_partition_filter=true) as (select 1 as a)");
    expect(t.steps[0]).toMatchObject({ statementType: 'CREATE_TABLE_AS_SELECT', target: ['p', 'd', 't'] });
    expect(t.steps[0]!.extras).toMatchObject({ partitionBy: 'date ( ts )', clusterBy: ['a', 'b'] });
    expect(t.steps[0]!.extras!.options['require_partition_filter']).toBe('true');
    expect(sql('alter table `p.d.t` add column x int64, drop column y')).toEqual([
      'ALTER TABLE "p"."d"."t" ADD COLUMN "x" BIGINT', 'ALTER TABLE "p"."d"."t" drop column y',
    ]);
  });

  it('scripts: DECLARE and SET become DuckDB variables', () => {
    const t = translate('declare v array<date>; set (v) = (select as struct array_agg(distinct d ignore nulls) from t); select 1 from t where d in unnest(v)');
    expect(t.script).toBe(true);
    expect(t.steps.map((s) => s.sql.replace(/\s+/g, ' '))).toEqual([
      'SET VARIABLE v = CAST((NULL) AS DATE[])',
      'SET VARIABLE v = (select list_filter(array_agg(distinct d ), __v -> __v IS NOT NULL) from t)',
      "select 1 from t where d in (SELECT unnest(getvariable('v')))",
    ]);
  });
});

describe('the REST subset, through the SDK', () => {
  let guard: NetGuard;
  let fake: FakeBigQuery;
  let bq: BigQuery;

  beforeAll(async () => {
    guard = installNetGuard();
    fake = await startFake();
    const { OAuth2Client } = await import('google-auth-library');
    const authClient = new OAuth2Client();
    authClient.setCredentials({ access_token: fake.auth.issue('sdk@example.com') });
    bq = new BigQuery({ projectId: PROJECT, apiEndpoint: fake.url, authClient, retryOptions: { autoRetry: false } });
  });
  afterAll(async () => {
    await fake?.stop();
    guard?.uninstall();
  });

  it('datasets.insert / list / get / delete', async () => {
    await bq.createDataset('sdk_ds');
    const [datasets] = await bq.getDatasets();
    expect(datasets.map((d) => d.id)).toContain('sdk_ds');
    const [meta] = await bq.dataset('sdk_ds').getMetadata();
    expect(meta.datasetReference).toEqual({ projectId: PROJECT, datasetId: 'sdk_ds' });
    await bq.dataset('sdk_ds').delete({ force: true });
    expect((await bq.getDatasets())[0].map((d) => d.id)).not.toContain('sdk_ds');
  });

  it('jobs.query, then jobs.getQueryResults for the rest of the pages', async () => {
    const [rows] = await bq.query({ query: 'select n from unnest(generate_array(1, 25)) as n order by n', useLegacySql: false, maxResults: 10 });
    expect(rows).toHaveLength(25);
    expect(rows[24]).toEqual({ n: 25 });
    expect(fake.count('POST', /\/queries$/) + fake.count('POST', /\/jobs$/)).toBeGreaterThanOrEqual(1);
  });

  it('tables.list and tables.get, with the partitioning, clustering and labels a DDL set', async () => {
    await bq.query("create schema `tx-test-project`.`meta`");
    await bq.query("create or replace table `tx-test-project`.`meta`.`t` partition by d cluster by k options(labels=[('team', 'data')], require_partition_filter=true) as (select date '2024-01-01' as d, 'a' as k)");
    const [tables] = await bq.dataset('meta').getTables();
    expect(tables.map((t) => t.id)).toEqual(['t']);
    const [meta] = await bq.dataset('meta').table('t').getMetadata();
    expect(meta).toMatchObject({
      type: 'TABLE', numRows: '1', timePartitioning: { type: 'DAY', expression: 'd' }, clustering: { fields: ['k'] },
      labels: { team: 'data' }, requirePartitionFilter: true,
    });
    expect(meta.schema.fields).toEqual([{ name: 'd', type: 'DATE', mode: 'NULLABLE' }, { name: 'k', type: 'STRING', mode: 'NULLABLE' }]);
  });

  it('refuses requests without valid credentials', async () => {
    const res = await fetch(`${fake.url}/bigquery/v2/projects/${PROJECT}/datasets`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { errors: { reason: string }[] } };
    expect(body.error.errors[0]?.reason).toBe('authError');
  });

  it('opened sockets to 127.0.0.1 only', () => {
    expect(guard.violations).toEqual([]);
  });
});
