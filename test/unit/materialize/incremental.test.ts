import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { duckdbDialect } from '../../../adapters/duckdb/dialect.js';
import { Relation } from '../../../src/adapter/relation.js';
import type { Dialect, WarehouseColumn } from '../../../src/adapter/types.js';
import type { NodeConfig } from '../../../src/parse/manifest-types.js';
import { executePlan } from '../../../src/run/apply-plan.js';
import { incrementalMode, planIncremental, shouldFullRefresh, tempRelation } from '../../../src/materialize/incremental.js';
import { resolveStrategy, supportedStrategies, validateStrictStrategy } from '../../../src/materialize/incremental-strategy.js';
import { bigqueryDialect } from '../../../adapters/bigquery/dialect.js';
import { snowflakeDialect } from '../../../adapters/snowflake/dialect.js';
import { diffSchemas, templateColumns } from '../../../src/materialize/incremental-columns.js';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';
import { openTestDb, planContext, type TestDb } from './helpers.js';
import { nodeEngine } from './incremental-engine.js';

const loc = { file: '/p/models/m.sql', line: 0, col: 0 };
const table = { database: 'test', schema: 'main', identifier: 'm', type: 'table' as const };
const cfg = (c: Record<string, unknown>): NodeConfig => ({ materialized: 'incremental', on_schema_change: 'ignore', ...c }) as unknown as NodeConfig;
const col = (name: string, dataType: string): WarehouseColumn => ({ name, dataType });

describe('incremental mode', () => {
  it('follows dbt: no table → create; view or full refresh → rebuild; full_refresh config wins over the flag', () => {
    expect(incrementalMode(cfg({}), undefined, false)).toBe('create');
    expect(incrementalMode(cfg({}), undefined, true)).toBe('create');
    expect(incrementalMode(cfg({}), table, false)).toBe('incremental');
    expect(incrementalMode(cfg({}), table, true)).toBe('full_refresh');
    expect(incrementalMode(cfg({ full_refresh: false }), table, true)).toBe('incremental');
    expect(incrementalMode(cfg({ full_refresh: true }), table, false)).toBe('full_refresh');
    expect(incrementalMode(cfg({}), { ...table, type: 'view' }, false)).toBe('full_refresh');
    expect(shouldFullRefresh({ full_refresh: null }, true)).toBe(true);
  });

  it('stages new rows in an unqualified temporary relation, as dbt-duckdb', () => {
    const rel = Relation.create(duckdbDialect, { database: 'db', schema: 'main', identifier: 'orders' });
    expect(tempRelation(rel).render()).toBe('"orders__dbt_tmp"');
  });
});

describe('incremental strategies', () => {
  const has = (names: string[]) => (n: string) => names.includes(n);
  const where = { model: 'm', loc, projectName: 'proj' };

  it('lists what DuckDB supports, from its capabilities', () => {
    expect(supportedStrategies(duckdbDialect)).toEqual(['append', 'delete+insert', 'merge', 'microbatch']);
    const noMerge: Dialect = { ...duckdbDialect, name: 'other', capabilities: { ...duckdbDialect.capabilities, merge: false } };
    expect(supportedStrategies(noMerge)).toEqual(['append', 'delete+insert', 'microbatch']);
    expect(supportedStrategies(bigqueryDialect)).toEqual(['merge', 'insert_overwrite', 'microbatch']);
    expect(supportedStrategies(snowflakeDialect)).toEqual(['append', 'merge', 'delete+insert', 'insert_overwrite', 'microbatch']);
  });

  it("BigQuery refuses what dbt-bigquery refuses, before anything runs, in dbt-bigquery's words", () => {
    const strict = (config: Record<string, unknown>) => () => validateStrictStrategy(bigqueryDialect, config, where);
    for (const s of ['append', 'delete+insert', 'my_custom']) {
      expect(strict({ incremental_strategy: s })).toThrow(`Invalid incremental strategy provided: ${s}\n    Expected one of: 'merge', 'insert_overwrite', 'microbatch'`);
    }
    expect(strict({})).not.toThrow();
    expect(strict({ incremental_strategy: 'insert_overwrite' })).not.toThrow();
    expect(strict({ incremental_strategy: 'microbatch', event_time: 'ts', batch_size: 'day' })).toThrow("The 'microbatch' strategy requires a `partition_by` config.");
    expect(strict({ incremental_strategy: 'microbatch', event_time: 'ts', batch_size: 'day', partition_by: { field: 'ts', data_type: 'timestamp', granularity: 'hour' } }))
      .toThrow('requires a `partition_by` config with the same granularity as its configured `batch_size`.\n    Got:\n      `batch_size`: day\n      `partition_by.granularity`: hour');
    expect(strict({ incremental_strategy: 'microbatch', event_time: 'd', batch_size: 'day', partition_by: { field: 'd', data_type: 'date' } })).not.toThrow();
    // Other adapters validate late, and accept custom strategies.
    expect(() => validateStrictStrategy(duckdbDialect, { incremental_strategy: 'my_custom' }, where)).not.toThrow();
  });

  it('maps names to template macros; unset is the adapter default', () => {
    const all = has(['get_incremental_default_sql', 'get_incremental_delete_insert_sql', 'get_incremental_my_upsert_sql']);
    expect(resolveStrategy(duckdbDialect, null, all, where)).toEqual({ name: 'default', macro: 'get_incremental_default_sql' });
    expect(resolveStrategy(duckdbDialect, 'delete+insert', all, where).macro).toBe('get_incremental_delete_insert_sql');
    expect(resolveStrategy(duckdbDialect, 'my_upsert', all, where).macro).toBe('get_incremental_my_upsert_sql');
  });

  it('refuses a built-in strategy the adapter lacks, naming the adapter and what it has', () => {
    const e = (() => {
      try {
        resolveStrategy(duckdbDialect, 'insert_overwrite', () => true, where);
      } catch (x) {
        return x as TxError;
      }
      throw new Error('expected an error');
    })();
    expect(e.code).toBe(TxCodes.ConfigInvalid);
    expect(e.message).toBe("The incremental strategy 'insert_overwrite' is not valid for this adapter (duckdb), used by model 'm'; supported strategies: append, delete+insert, merge, microbatch");
    expect(e.loc).toEqual(loc);
    expect(e.hint).toContain('no partitions');
  });

  it('refuses an unknown custom strategy with dbt\'s message', () => {
    expect(() => resolveStrategy(duckdbDialect, 'nope', () => false, where)).toThrow('dbt could not find an incremental strategy macro with the name "get_incremental_nope_sql" in proj');
  });
});

describe('schema change diff', () => {
  it('finds added, removed and retyped columns, ignoring case and type aliases', () => {
    const d = diffSchemas(duckdbDialect, [col('ID', 'INTEGER'), col('a', 'VARCHAR'), col('c', 'text'), col('n', 'int4')], [col('id', 'INTEGER'), col('a', 'INTEGER'), col('b', 'VARCHAR'), col('n', 'INTEGER')]);
    expect(d.sourceNotInTarget.map((c) => c.name)).toEqual(['c']);
    expect(d.targetNotInSource.map((c) => c.name)).toEqual(['b']);
    expect(d.newTargetTypes).toEqual([{ column_name: 'a', new_type: 'VARCHAR' }]);
    expect(d.changed).toBe(true);
    expect(diffSchemas(duckdbDialect, [col('a', 'int')], [col('A', 'INTEGER')]).changed).toBe(false);
  });

  it('exposes columns to templates as dbt Columns', () => {
    const [c] = templateColumns(duckdbDialect, [col('my col', 'VARCHAR')]);
    expect([c!.name, c!.quoted, c!.data_type, c!.column, String(c)]).toEqual(['my col', '"my col"', 'VARCHAR', 'my col', '<Column my col (VARCHAR)>']);
  });
});

describe('strategy templates', () => {
  const target = Relation.create(duckdbDialect, { database: 'db', schema: 'main', identifier: 't' }, 'table');
  const temp = tempRelation(target);
  const dest = templateColumns(duckdbDialect, [col('id', 'INTEGER'), col('v', 'VARCHAR'), col('note', 'VARCHAR')]);
  const args = (config: Record<string, unknown>, unique: unknown, predicates: unknown = null) => ({
    engine: nodeEngine(config),
    dict: { target_relation: target, temp_relation: temp, unique_key: unique, dest_columns: dest, incremental_predicates: predicates },
  });
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

  it('merge: key match, predicates, merge_exclude_columns', () => {
    const { engine, dict } = args({ merge_exclude_columns: ['NOTE'] }, 'id', ["DBT_INTERNAL_DEST.v <> 'x'"]);
    expect(squash(engine.callMacro('get_incremental_merge_sql', [dict]))).toBe(
      'merge into "db"."main"."t" as DBT_INTERNAL_DEST using "t__dbt_tmp" as DBT_INTERNAL_SOURCE '
      + "on (DBT_INTERNAL_DEST.v <> 'x') and ((DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id)) "
      + 'when matched then update set "id" = DBT_INTERNAL_SOURCE."id", "v" = DBT_INTERNAL_SOURCE."v" '
      + 'when not matched then insert ("id", "v", "note") values ("id", "v", "note")',
    );
  });

  it('merge: composite key and merge_update_columns; no key inserts only', () => {
    const { engine, dict } = args({ merge_update_columns: ['v'] }, ['id', 'v']);
    expect(squash(engine.callMacro('get_incremental_merge_sql', [dict]))).toContain('on (DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id) and (DBT_INTERNAL_SOURCE.v = DBT_INTERNAL_DEST.v) when matched then update set v = DBT_INTERNAL_SOURCE.v when');
    const nokey = args({}, null);
    expect(squash(nokey.engine.callMacro('get_incremental_merge_sql', [nokey.dict]))).toContain('on (FALSE) when not matched then insert');
    const both = args({ merge_update_columns: ['v'], merge_exclude_columns: ['v'] }, 'id');
    expect(() => both.engine.callMacro('get_incremental_merge_sql', [both.dict])).toThrow('Model cannot specify merge_update_columns and merge_exclude_columns');
  });

  it('delete+insert (dbt-duckdb): one key, a key list, predicates', () => {
    const one = args({}, 'id', ["updated_at > '2024-01-01'"]);
    expect(squash(one.engine.callMacro('get_incremental_delete_insert_sql', [one.dict]))).toBe(
      'delete from "db"."main"."t" where ( id) in ( select (id) from "t__dbt_tmp" ) '
      + "and updated_at > '2024-01-01'; insert into \"db\".\"main\".\"t\" (\"id\", \"v\", \"note\") ( select \"id\", \"v\", \"note\" from \"t__dbt_tmp\" )",
    );
    const many = args({}, ['id', 'v']);
    expect(squash(many.engine.callMacro('get_incremental_delete_insert_sql', [many.dict]))).toContain(
      'delete from "db"."main"."t" as DBT_INCREMENTAL_TARGET using "t__dbt_tmp" where ( "t__dbt_tmp".id = DBT_INCREMENTAL_TARGET.id and "t__dbt_tmp".v = DBT_INCREMENTAL_TARGET.v );',
    );
  });

  it('append, and DuckDB\'s default (delete+insert, insert-only without a key)', () => {
    const { engine, dict } = args({}, null);
    const append = squash(engine.callMacro('get_incremental_append_sql', [dict]));
    expect(append).toBe('insert into "db"."main"."t" ("id", "v", "note") ( select "id", "v", "note" from "t__dbt_tmp" )');
    expect(squash(engine.callMacro('get_incremental_default_sql', [dict]))).toBe(append);
  });

  it('microbatch replaces the batch window', () => {
    const { engine, dict } = args({ event_time: 'ts', __batch: { id: '20240101', event_time_start: '2024-01-01T00:00:00+00:00', event_time_end: '2024-01-02T00:00:00+00:00' } }, null);
    expect(squash(engine.callMacro('get_incremental_microbatch_sql', [dict]))).toBe(
      `delete from "db"."main"."t" where ts >= cast('2024-01-01T00:00:00+00:00' as timestamp) and ts < cast('2024-01-02T00:00:00+00:00' as timestamp); `
      + `insert into "db"."main"."t" ("id", "v", "note") select "id", "v", "note" from "t__dbt_tmp" where ts >= cast('2024-01-01T00:00:00+00:00' as timestamp) and ts < cast('2024-01-02T00:00:00+00:00' as timestamp)`,
    );
  });
});

describe('incremental plans on DuckDB', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await openTestDb();
  });
  afterEach(async () => {
    await db.cleanup();
  });
  const ref = { database: 'test', schema: 'main', identifier: 'inc' };
  const rowsOf = async (sql: string) => (await db.conn.execute(sql, { fetch: true })).rows;

  async function run(config: Record<string, unknown>, sql: { full: string; inc?: string }, opts: { fullRefresh?: boolean } = {}) {
    const engine = nodeEngine(config);
    const ctx = await planContext(db.conn, ref, { callMacro: engine.callMacro, fullRefresh: opts.fullRefresh ?? false });
    const existingColumns = ctx.existing ? await db.conn.getColumns(ref) : undefined;
    const incSql = sql.inc ?? sql.full;
    const queryColumns = ctx.existing && config['on_schema_change'] && config['on_schema_change'] !== 'ignore' ? await db.conn.describeQuery(incSql) : undefined;
    const plan = planIncremental(ctx, { model: { name: 'inc', loc, config: cfg(config) }, fullSql: sql.full, incrementalSql: incSql, existingColumns, queryColumns, hasMacro: engine.hasMacro });
    await executePlan(db.conn, plan);
    return plan;
  }

  it('creates, then merges the is_incremental() rows in one transaction', async () => {
    const config = { incremental_strategy: 'merge', unique_key: 'id' };
    const created = await run(config, { full: "select 1 as id, 'a' as v" });
    expect(created.mode).toBe('create');
    const merged = await run(config, { full: 'select 0', inc: "select 1 as id, 'b' as v union all select 2, 'c'" });
    expect(merged.mode).toBe('incremental');
    expect(merged.transactional).toBe(true);
    expect(merged.statements.map((s) => s.purpose)).toEqual(['build the new rows in a temporary table', 'insert the new rows (merge strategy)', 'drop the temporary table']);
    expect(await rowsOf('select id, v from inc order by id')).toEqual([[1, 'b'], [2, 'c']]);
    expect(await rowsOf("select count(*) from duckdb_tables() where table_name = 'inc__dbt_tmp'")).toEqual([[0]]);
  });

  it('a failing strategy statement rolls back the ALTERs before it', async () => {
    const config = { unique_key: 'id', on_schema_change: 'append_new_columns' };
    await run(config, { full: 'select 1 as id, 5 as amount' });
    const bad = run(config, { full: 'select 0', inc: "select 2 as id, 'oops' as amount, 'x' as note" });
    await expect(bad).rejects.toThrow("Could not convert string 'oops' to INT32");
    expect((await db.conn.getColumns(ref)).map((c) => c.name)).toEqual(['id', 'amount']);
    expect(await rowsOf('select id, amount from inc')).toEqual([[1, 5]]);
  });

  it('on_schema_change fail stops before any statement; sync_all_columns reshapes the table', async () => {
    await run({ on_schema_change: 'fail' }, { full: 'select 1 as id, 10 as a' });
    const e = await run({ on_schema_change: 'fail' }, { full: 'select 0', inc: "select 2 as id, 'x' as b" }).catch((x: unknown) => x as TxError);
    expect(e).toBeInstanceOf(TxError);
    expect((e as TxError).code).toBe(TxCodes.CompilerError);
    expect((e as TxError).message).toContain('Target columns not in source: [a]');
    const plan = await run({ on_schema_change: 'sync_all_columns' }, { full: 'select 0', inc: "select 2 as id, 'x' as b" });
    expect(plan.notes[0]).toContain('Schema change approach: sync_all_columns');
    expect((await db.conn.getColumns(ref)).map((c) => `${c.name} ${c.dataType}`)).toEqual(['id INTEGER', 'b VARCHAR']);
    expect(await rowsOf('select id, b from inc order by id')).toEqual([[1, null], [2, 'x']]);
  });

  it('--full-refresh swaps in a rebuilt table unless full_refresh is false', async () => {
    await run({ incremental_strategy: 'append' }, { full: 'select 1 as id' });
    const refreshed = await run({ incremental_strategy: 'append' }, { full: 'select 7 as id' }, { fullRefresh: true });
    expect(refreshed.mode).toBe('full_refresh');
    expect(await rowsOf('select id from inc')).toEqual([[7]]);
    const kept = await run({ incremental_strategy: 'append', full_refresh: false }, { full: 'select 8 as id' }, { fullRefresh: true });
    expect(kept.mode).toBe('incremental');
    expect(await rowsOf('select id from inc order by id')).toEqual([[7], [8]]);
  });
});
