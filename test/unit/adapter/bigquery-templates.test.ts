/** templates/default + templates/bigquery through the real Jinja engine: dbt-bigquery's DDL shapes. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bigqueryDialect } from '../../../adapters/bigquery/dialect.js';
import { Relation } from '../../../src/adapter/relation.js';
import { TxJinja, type Scope } from '../../../src/jinja/tx-jinja.js';
import { templatesDir } from '../../../src/util/package-root.js';
import { TemplateColumn } from '../../../src/materialize/incremental-columns.js';

type Call = (name: string, args: unknown[]) => string;

function engine(config: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Call {
  const jinja = new TxJinja({ rootPackage: 'proj', adapterType: 'bigquery' });
  for (const folder of ['default', 'bigquery']) {
    const dir = join(templatesDir(), folder);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) jinja.addMacroFile('dbt', join(dir, f), readFileSync(join(dir, f), 'utf8'));
  }
  const scope: Scope = {
    adapter: {
      dispatch: (name: string, ns?: string) => jinja.dispatch(name, ns),
      quote: (id: unknown) => bigqueryDialect.quoteIdent(String(id)),
      type: () => 'bigquery',
      ...((extra['adapter'] as Record<string, unknown> | undefined) ?? {}),
    },
    target: { schema: 'analytics', database: 'my-project', type: 'bigquery', location: 'EU' },
    config: { get: (k: string, d: unknown = null) => (k in config ? config[k] : d) },
    exceptions: { raise_compiler_error: (m: unknown) => { throw new Error(String(m)); } },
    model: { description: 'Orders, one row each', meta: { owner: 'data team' }, columns: {}, constraints: [] },
    this: rel('orders'),
    ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'adapter')),
  };
  return (name, args) => {
    const fn = jinja.resolveMacro(name, 'dbt');
    if (!fn) throw new Error(`no macro ${name}`);
    return String(jinja.callMacro(fn, args, {}, scope)).trim();
  };
}

function rel(identifier: string, type: 'table' | 'view' = 'table'): Relation {
  return Relation.create(bigqueryDialect, { database: 'my-project', schema: 'analytics', identifier }, type);
}
const temp = Relation.create(bigqueryDialect, { database: null, schema: '', identifier: 'orders__dbt_tmp' }, 'table');
const cols = ['id', 'day', 'amount'].map((n) => new TemplateColumn(n, 'INT64', bigqueryDialect.quoteIdent));

describe('bigquery DDL templates', () => {
  it('create tables and views in place, with BigQuery table options', () => {
    const call = engine();
    expect(call('create_table_as', [false, rel('orders'), 'select 1 as id'])).toBe('create or replace table `my-project`.`analytics`.`orders`\nas (\nselect 1 as id\n);');
    expect(call('create_table_as', [true, temp, 'select 1'])).toBe('create or replace temp table `orders__dbt_tmp`\nas (\nselect 1\n);');
    expect(call('get_create_view_as_sql', [rel('v', 'view'), 'select 1'])).toBe('create or replace view `my-project`.`analytics`.`v`\nas (\nselect 1\n);');
    expect(call('drop_relation', [rel('v', 'view')])).toBe('drop view if exists `my-project`.`analytics`.`v`;');
    expect(call('drop_relation', [rel('t')])).toBe('drop table if exists `my-project`.`analytics`.`t`;');
    expect(call('rename_relation', [rel('a'), rel('b')])).toBe('alter table `my-project`.`analytics`.`a` rename to `b`;');
    expect(() => call('rename_relation', [rel('a', 'view'), rel('b')])).toThrow(/cannot rename a view/);
    expect(call('truncate_relation', [rel('t')])).toBe('truncate table `my-project`.`analytics`.`t`;');
    expect(call('create_schema', [rel('x')])).toBe("create schema if not exists `my-project`.`analytics`\noptions(location='EU');");
    expect(call('drop_schema', [rel('x')])).toBe('drop schema if exists `my-project`.`analytics` cascade;');
  });

  it('render partition_by, cluster_by and OPTIONS as dbt-bigquery does', () => {
    const call = engine({
      partition_by: { field: 'created_at', data_type: 'timestamp', granularity: 'hour' },
      cluster_by: ['country', 'id'],
      labels: { team: 'data', 'contains_pii': "it's no" },
      kms_key_name: 'projects/p/locations/eu/keyRings/r/cryptoKeys/k',
      require_partition_filter: true,
      partition_expiration_days: 30,
      hours_to_expiration: 6,
      persist_docs: { relation: true },
    });
    expect(call('create_table_as', [false, rel('orders'), 'select 1'])).toBe([
      'create or replace table `my-project`.`analytics`.`orders`',
      'partition by timestamp_trunc(created_at, hour)',
      'cluster by country, id',
      "options(description='Orders, one row each', expiration_timestamp=TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 6 hour), "
        + "kms_key_name='projects/p/locations/eu/keyRings/r/cryptoKeys/k', labels=[('contains_pii', 'it\\'s no'), ('team', 'data')], "
        + 'require_partition_filter=true, partition_expiration_days=30)',
      'as (\nselect 1\n);',
    ].join('\n'));
    // A temporary table takes none of them (a session table, dropped after the run).
    expect(call('create_table_as', [true, temp, 'select 1'])).toBe('create or replace temp table `orders__dbt_tmp`\nas (\nselect 1\n);');
  });

  it('partition by date, by truncated dates, and by integer ranges', () => {
    const render = (p: unknown): string => {
      const e = engine({ partition_by: p });
      return e('create_table_as', [false, rel('t'), 'select 1']).split('\n')[1] ?? '';
    };
    expect(render({ field: 'd' })).toBe('partition by d');
    expect(render({ field: 'd', data_type: 'date', granularity: 'month' })).toBe('partition by date_trunc(d, month)');
    expect(render({ field: 'ts', data_type: 'datetime', granularity: 'DAY' })).toBe('partition by datetime_trunc(ts, day)');
    expect(render({ field: 'id', data_type: 'int64', range: { start: 0, end: 100, interval: 10 } })).toBe('partition by range_bucket(id, generate_array(0, 100, 10))');
  });

  it('reject partition_by configs BigQuery cannot take, with the fix in the message', () => {
    const bad = (p: unknown): string => {
      try {
        engine({ partition_by: p })('create_table_as', [false, rel('t'), 'select 1']);
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
      return 'no error';
    };
    expect(bad('created_at')).toContain('must be a mapping with a `field`');
    expect(bad({ field: 'x', data_type: 'string' })).toContain('must be one of date, timestamp, datetime, int64');
    expect(bad({ field: 'x', granularity: 'week' })).toContain('granularity must be one of hour, day, month, year');
    expect(bad({ field: 'x', data_type: 'date', granularity: 'hour' })).toContain('cannot be partitioned by hour');
    expect(bad({ field: 'x', data_type: 'int64' })).toContain('needs a range');
    expect(bad({ field: 'x', time_ingestion_partitioning: true })).toContain('not supported by tx yet');
  });

  it('declare _dbt_max_partition for an incremental query that reads it', () => {
    const call = engine({ partition_by: { field: 'day', data_type: 'date' } });
    const sql = 'select * from src where day > _dbt_max_partition';
    expect(call('create_table_as', [true, temp, sql])).toBe([
      'declare _dbt_max_partition date default (',
      '  select max(day) from `my-project`.`analytics`.`orders`',
      '  where day is not null',
      ');',
      'create or replace temp table `orders__dbt_tmp`',
      'as (',
      sql,
      ');',
    ].join('\n'));
  });

  it('declare primary and foreign keys NOT ENFORCED in a contracted table', () => {
    const call = engine({ contract: { enforced: true } }, {
      adapter: {
        render_raw_columns_constraints: () => ['id INT64 not null primary key', 'name STRING'],
        render_raw_model_constraints: () => ['primary key (id)', 'foreign key (id) references `p`.`d`.`c` (id)'],
      },
      model: { columns: { id: { name: 'id' }, name: { name: 'name', quote: true } }, constraints: [] },
    });
    expect(call('create_table_as', [false, rel('orders'), 'select 1 as id, 2 as name'])).toBe([
      'create or replace table `my-project`.`analytics`.`orders`',
      '(',
      '    id INT64 not null primary key not enforced,',
      '    name STRING,',
      '    primary key (id) not enforced,',
      '    foreign key (id) references `p`.`d`.`c` (id) not enforced',
      ')',
      'as (',
      'select id, `name`',
      'from (',
      'select 1 as id, 2 as name',
      ') as model_subq',
      ');',
    ].join('\n'));
  });
});

describe('bigquery incremental strategies', () => {
  const args = { target_relation: rel('orders'), temp_relation: temp, unique_key: 'id', dest_columns: cols, incremental_predicates: null };

  it('merge is the default, on the unique key', () => {
    const sql = engine()('get_incremental_default_sql', [args]);
    expect(sql).toContain('merge into `my-project`.`analytics`.`orders` as DBT_INTERNAL_DEST\n    using `orders__dbt_tmp` as DBT_INTERNAL_SOURCE\n    on ((DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id))');
    expect(sql).toContain('when matched then update set\n    `id` = DBT_INTERNAL_SOURCE.`id`, `day` = DBT_INTERNAL_SOURCE.`day`, `amount` = DBT_INTERNAL_SOURCE.`amount`');
    expect(sql).toContain('when not matched then insert\n    (`id`, `day`, `amount`)');
  });

  it('insert_overwrite with static partitions replaces exactly those', () => {
    const call = engine({ partition_by: { field: 'day', data_type: 'date' }, partitions: ["date('2024-01-01')", "date('2024-01-02')"] });
    const sql = call('get_incremental_insert_overwrite_sql', [args]);
    expect(sql).toContain('using (select * from `orders__dbt_tmp`) as DBT_INTERNAL_SOURCE\n    on FALSE');
    expect(sql).toContain("when not matched by source\n     and date(DBT_INTERNAL_DEST.day) in (date('2024-01-01'), date('2024-01-02')) \n    then delete");
  });

  it('insert_overwrite with dynamic partitions finds them in a script, as dbt-bigquery', () => {
    const call = engine({ partition_by: { field: 'ts', data_type: 'timestamp', granularity: 'day' }, copy_partitions: true });
    const sql = call('get_incremental_insert_overwrite_sql', [args]);
    expect(sql).toContain('(copy_partitions as MERGE)');
    expect(sql).toContain('declare dbt_partitions_for_replacement array<timestamp>;');
    expect(sql).toContain('array_agg(distinct timestamp_trunc(ts, day) IGNORE NULLS)\n    from `orders__dbt_tmp`');
    expect(sql).toContain('and timestamp_trunc(DBT_INTERNAL_DEST.ts, day) in unnest(dbt_partitions_for_replacement)');
  });

  it('insert_overwrite without partition_by is refused', () => {
    expect(() => engine()('get_incremental_insert_overwrite_sql', [args])).toThrow(/requires the `partition_by` config/);
  });

  it("microbatch is insert_overwrite over the batch's partitions, as dbt-bigquery", () => {
    const call = engine({ event_time: 'ts', batch_size: 'day', partition_by: { field: 'ts', data_type: 'timestamp', granularity: 'day' } }, { model: { batch: { event_time_start: '2024-01-01T00:00:00+00:00', event_time_end: '2024-01-02T00:00:00+00:00' } } });
    const sql = call('get_incremental_microbatch_sql', [args]);
    expect(sql).toContain('declare dbt_partitions_for_replacement array<timestamp>;');
    expect(sql).toContain('array_agg(distinct timestamp_trunc(ts, day) IGNORE NULLS)\n    from `orders__dbt_tmp`');
    expect(sql).toContain('and timestamp_trunc(DBT_INTERNAL_DEST.ts, day) in unnest(dbt_partitions_for_replacement)');
  });

  it('schema changes are one ALTER TABLE, type changes widen in place', () => {
    const call = engine();
    const add = [new TemplateColumn('x', 'STRING', bigqueryDialect.quoteIdent)];
    expect(call('alter_relation_add_remove_columns', [rel('orders'), add, cols.slice(0, 1)])).toBe('alter table `my-project`.`analytics`.`orders`\n    add column `x` STRING,\n    drop column `id`;');
    expect(call('alter_column_type', [rel('orders'), 'amount', 'NUMERIC'])).toBe('alter table `my-project`.`analytics`.`orders` alter column `amount` set data type NUMERIC;');
  });
});

describe('bigquery snapshot and cross-db macros', () => {
  const call = engine();
  it('hash and time as dbt-bigquery', () => {
    expect(call('snapshot_hash_arguments', [['id', 'updated_at']]).replace(/\s+/g, ' ')).toBe("to_hex(md5(concat(coalesce(cast(id as string), ''), '|',coalesce(cast(updated_at as string), ''))))");
    expect(call('snapshot_get_time', [])).toBe('current_timestamp()');
    expect(call('snapshot_string_as_time', ['2024-01-01 00:00:00'])).toBe("timestamp('2024-01-01 00:00:00')");
  });
  it('speak GoogleSQL', () => {
    expect(call('current_timestamp', [])).toBe('current_timestamp()');
    expect(call('type_string', [])).toBe('string');
    expect(call('type_int', [])).toBe('int64');
    expect(call('date_trunc', ['month', 'd'])).toBe('timestamp_trunc(cast(d as timestamp), month)');
    expect(call('dateadd', ['day', 3, 'd'])).toBe('datetime_add(cast(d as datetime), interval 3 day)');
    expect(call('datediff', ['a', 'b', 'day'])).toBe('datetime_diff(cast(b as datetime), cast(a as datetime), day)');
    expect(call('datediff', ['a', 'b', 'week'])).toBe('date_diff(date(b), date(a), week)');
    expect(call('hash', ['x'])).toBe('to_hex(md5(cast(x as string)))');
    expect(call('safe_cast', ['x', 'int64'])).toBe('safe_cast(x as int64)');
    expect(call('bool_or', ['x'])).toBe('logical_or(x)');
    expect(call('position', ["'a'", 's'])).toBe("strpos(s, 'a')");
    expect(call('split_part', ['s', "','", 2])).toBe("split(s, ',')[safe_offset(1)]");
    expect(call('listagg', ['x', "','", 'order by x', 3])).toBe("string_agg(x, ',' order by x limit 3)");
    expect(call('array_construct', [[1, 2]])).toBe('[ 1 , 2 ]');
    expect(call('escape_single_quotes', ["it's"])).toBe("it\\'s");
  });
});
