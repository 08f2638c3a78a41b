/** templates/default + templates/snowflake through the real Jinja engine (what dbt-snowflake renders). */
import { describe, expect, it } from 'vitest';
import { snowflakeDialect } from '../../../adapters/snowflake/dialect.js';
import { templateColumns } from '../../../src/materialize/incremental-columns.js';
import { sfRel, sfTemplates } from './snowflake-helpers.js';

const rel = sfRel({ database: 'analytics', schema: 'public', identifier: 'orders' });
/** tx's shared plans name temporary relations without schema or database. */
const temp = rel.incorporate({ path: { identifier: 'orders__dbt_tmp', schema: '', database: null } });
const cols = templateColumns(snowflakeDialect, [{ name: 'ID', dataType: 'NUMBER(38,0)' }, { name: 'STATUS', dataType: 'VARCHAR(16777216)' }]);
const args = (extra: Record<string, unknown> = {}) => ({ target_relation: rel, temp_relation: temp, unique_key: 'id', dest_columns: cols, incremental_predicates: null, ...extra });

describe('snowflake DDL templates', () => {
  it('create transient tables by default, permanent with transient: false, temporary ones beside the model', () => {
    expect(sfTemplates({}, rel)('create_table_as', [false, rel, 'select 1 as id'])).toBe('create or replace transient table analytics.public.orders as (\nselect 1 as id\n);');
    expect(sfTemplates({ transient: false }, rel)('create_table_as', [false, rel, 'select 1'])).toBe('create or replace table analytics.public.orders as (\nselect 1\n);');
    expect(sfTemplates({}, rel)('create_table_as', [true, temp, 'select 1'])).toBe('create or replace temporary table analytics.public.orders__dbt_tmp as (\nselect 1\n);');
  });

  it('cluster, copy grants, sql_header, and switch warehouse and query tag for the model', () => {
    const call = sfTemplates({ cluster_by: 'id', automatic_clustering: true, copy_grants: true, sql_header: 'set x = 1;', snowflake_warehouse: 'big_wh', query_tag: "it's nightly" }, rel);
    expect(call('create_table_as', [false, rel, 'select 1 as id'])).toBe([
      'use warehouse big_wh;',
      "alter session set query_tag = 'it\\'s nightly';",
      'set x = 1;',
      'create or replace transient table analytics.public.orders copy grants as (',
      'select * from (',
      'select 1 as id',
      ') order by (id)',
      ');',
      'alter table analytics.public.orders cluster by (id);',
      'alter table analytics.public.orders resume recluster;',
    ].join('\n'));
    expect(sfTemplates({ cluster_by: ['a', 'b'] }, rel)('create_table_as', [false, rel, 'select 1'])).toContain('alter table analytics.public.orders cluster by (a, b);');
  });

  it('clone: transient unless transient: false, grants copied with copy_grants (as dbt-snowflake)', () => {
    const src = rel.incorporate({ path: { schema: 'prod' } });
    expect(sfTemplates({}, rel)('create_or_replace_clone', [rel, src])).toBe('create or replace transient table analytics.public.orders clone analytics.prod.orders;');
    expect(sfTemplates({ transient: false, copy_grants: true }, rel)('create_or_replace_clone', [rel, src])).toBe('create or replace table analytics.public.orders clone analytics.prod.orders copy grants;');
  });

  it('create secure views with copy grants', () => {
    expect(sfTemplates({ secure: true, copy_grants: true }, rel)('get_create_view_as_sql', [rel, 'select 1'])).toBe('create or replace secure view analytics.public.orders copy grants as (\nselect 1\n);');
    expect(sfTemplates({}, rel)('get_create_view_as_sql', [rel, 'select 1'])).toBe('create or replace view analytics.public.orders as (\nselect 1\n);');
  });

  it('rename and drop by relation type, fully qualified', () => {
    const call = sfTemplates({}, rel);
    const to = rel.incorporate({ path: { identifier: 'orders__dbt_backup' } });
    expect(call('rename_relation', [rel, to])).toBe('alter table analytics.public.orders rename to analytics.public.orders__dbt_backup;');
    expect(call('rename_relation', [rel.incorporate({ type: 'view' }), to])).toBe('alter view analytics.public.orders rename to analytics.public.orders__dbt_backup;');
    expect(call('drop_relation', [rel])).toBe('drop table if exists analytics.public.orders cascade;');
    expect(call('drop_relation', [rel.incorporate({ type: 'view' })])).toBe('drop view if exists analytics.public.orders cascade;');
    expect(call('drop_relation_if_exists', [temp])).toBe('drop table if exists analytics.public.orders__dbt_tmp cascade;');
    expect(call('truncate_relation', [rel])).toBe('truncate table if exists analytics.public.orders;');
    expect(call('create_schema', [rel])).toBe('create schema if not exists analytics.public;');
    expect(call('alter_column_type', [rel, 'AMOUNT', 'NUMBER(20,2)'])).toBe('alter table analytics.public.orders alter column "AMOUNT" set data type NUMBER(20,2);');
    expect(call('alter_relation_add_remove_columns', [rel, cols, cols.slice(1)])).toBe([
      'alter table analytics.public.orders add column "ID" NUMBER(38,0);',
      'alter table analytics.public.orders add column "STATUS" VARCHAR(16777216);',
      'alter table analytics.public.orders drop column "STATUS";',
    ].join('\n'));
  });
});

describe('snowflake incremental strategies', () => {
  it('merge by default, with incremental_predicates in the join', () => {
    const sql = sfTemplates({}, rel)('get_incremental_default_sql', [args({ unique_key: ['id', 'region'], incremental_predicates: ['DBT_INTERNAL_DEST.updated_at > dateadd(day, -3, current_date)'] })]);
    expect(sql).toBe([
      'merge into analytics.public.orders as DBT_INTERNAL_DEST',
      '    using analytics.public.orders__dbt_tmp as DBT_INTERNAL_SOURCE',
      '    on (DBT_INTERNAL_DEST.updated_at > dateadd(day, -3, current_date)) and (DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id) and (DBT_INTERNAL_SOURCE.region = DBT_INTERNAL_DEST.region)',
      'when matched then update set',
      '    "ID" = DBT_INTERNAL_SOURCE."ID", "STATUS" = DBT_INTERNAL_SOURCE."STATUS"',
      'when not matched then insert',
      '    ("ID", "STATUS")',
      'values',
      '    ("ID", "STATUS")',
    ].join('\n'));
  });

  it('delete+insert, append and insert_overwrite read the qualified temporary table', () => {
    const call = sfTemplates({}, rel);
    expect(call('get_incremental_delete_insert_sql', [args()])).toContain('delete from analytics.public.orders\nwhere (id) in (\n    select distinct id\n    from analytics.public.orders__dbt_tmp\n)');
    expect(call('get_incremental_append_sql', [args()])).toBe('insert into analytics.public.orders ("ID", "STATUS")\n(\n    select "ID", "STATUS"\n    from analytics.public.orders__dbt_tmp\n)');
    expect(call('get_incremental_insert_overwrite_sql', [args()])).toBe('insert overwrite into analytics.public.orders ("ID", "STATUS")\nselect "ID", "STATUS"\nfrom analytics.public.orders__dbt_tmp');
  });

  it('microbatch replaces the batch window', () => {
    const call = sfTemplates({ event_time: 'updated_at' }, rel, { batch: { event_time_start: '2024-01-01 00:00:00+00:00', event_time_end: '2024-01-02 00:00:00+00:00' } });
    const sql = call('get_incremental_microbatch_sql', [args()]);
    expect(sql).toContain("delete from analytics.public.orders\nwhere updated_at >= to_timestamp_tz('2024-01-01 00:00:00+00:00')");
    expect(sql).toContain('from analytics.public.orders__dbt_tmp\nwhere updated_at >=');
  });
});

describe('snowflake snapshots, dynamic tables and cross-db macros', () => {
  it('snapshot times without time zone, and MERGE from the staging table beside the snapshot', () => {
    const call = sfTemplates({}, rel);
    expect(call('snapshot_get_time', [])).toBe("to_timestamp_ntz(convert_timezone('UTC', current_timestamp()))");
    expect(call('snapshot_string_as_time', ['2024-01-01'])).toBe("to_timestamp_ntz('2024-01-01')");
    expect(call('snapshot_merge_sql', [rel, temp, ['"ID"']])).toContain('using analytics.public.orders__dbt_tmp as DBT_INTERNAL_SOURCE');
  });

  it('dynamic tables: DDL from target_lag and the warehouse, with config checks', () => {
    const dt = sfTemplates({ target_lag: '1 hour', snowflake_warehouse: 'dt_wh', refresh_mode: 'incremental', initialize: 'on_schedule' }, rel);
    expect(dt('get_create_dynamic_table_as_sql', [rel, 'select 1'])).toBe([
      'create dynamic table analytics.public.orders',
      "    target_lag = '1 hour'",
      '    warehouse = dt_wh',
      '    refresh_mode = INCREMENTAL',
      '    initialize = ON_SCHEDULE',
      '    as (',
      'select 1',
      '    );',
    ].join('\n'));
    expect(dt('get_replace_dynamic_table_sql', [rel, 'select 1'])).toMatch(/^create or replace dynamic table analytics\.public\.orders\n/);
    // The profile's warehouse when the model names none; refresh_mode and initialize only when set.
    expect(sfTemplates({ target_lag: 'downstream' }, rel)('get_create_dynamic_table_as_sql', [rel, 'select 1'])).toBe("create dynamic table analytics.public.orders\n    target_lag = 'downstream'\n    warehouse = transforming\n    as (\nselect 1\n    );");
    expect(dt('get_alter_dynamic_table_sql', [rel, { target_lag: '5 minutes', snowflake_warehouse: 'big_wh' }])).toBe("alter dynamic table analytics.public.orders set\n    target_lag = '5 minutes'\n    warehouse = big_wh;");
    expect(dt('describe_dynamic_table_sql', [rel])).toBe("show dynamic tables like 'orders' in schema analytics.public");
    expect(() => sfTemplates({}, rel)('get_create_dynamic_table_as_sql', [rel, 'select 1'])).toThrow(/needs a target_lag/);
    expect(() => sfTemplates({ target_lag: '1 hour', refresh_mode: 'sometimes' }, rel)('get_create_dynamic_table_as_sql', [rel, 'select 1'])).toThrow(/refresh_mode must be/);
    expect(sfTemplates({}, rel)('refresh_dynamic_table', [rel])).toBe('alter dynamic table analytics.public.orders refresh;');
  });

  it('cross-db macros in Snowflake SQL', () => {
    const call = sfTemplates();
    expect(call('current_timestamp', [])).toBe("convert_timezone('UTC', current_timestamp())");
    expect(call('type_string', [])).toBe('varchar');
    expect(call('type_timestamp', [])).toBe('timestamp_ntz');
    expect(call('dateadd', ['day', 1, 'd'])).toBe('dateadd(day, 1, d)');
    expect(call('datediff', ['a', 'b', 'month'])).toBe('datediff(month, a, b)');
    expect(call('safe_cast', ['x', 'integer'])).toBe('try_cast(cast(x as varchar) as integer)');
    expect(call('bool_or', ['x'])).toBe('boolor_agg(x)');
    expect(call('listagg', ['x', "','", 'order by x', 2])).toBe("array_to_string(array_slice(array_agg(x) within group (order by x), 0, 2), ',')");
    expect(call('array_construct', [[1, 2]])).toBe('array_construct(1 , 2)');
    expect(call('escape_single_quotes', ["it's \\"])).toBe("it\\'s \\\\");
    expect(call('last_day', ['d', 'month'])).toBe("cast(last_day(d, 'month') as date)");
    expect(call('hash', ['x'])).toBe('md5(cast(x as varchar))');
  });
});
