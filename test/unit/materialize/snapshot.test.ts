import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { duckdbDialect } from '../../../adapters/duckdb/dialect.js';
import type { NodeConfig } from '../../../src/parse/manifest-types.js';
import { executePlan } from '../../../src/run/apply-plan.js';
import { planSnapshot } from '../../../src/materialize/snapshot.js';
import { hardDeletesBehavior, snapshotColumnNames } from '../../../src/materialize/snapshot-config.js';
import { templateColumns } from '../../../src/materialize/incremental-columns.js';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';
import { openTestDb, planContext, type TestDb } from './helpers.js';
import { nodeEngine } from './incremental-engine.js';

const loc = { file: '/p/snapshots/s.sql', line: 3, col: 1 };

describe('snapshot settings', () => {
  it('meta column names default to dbt\'s and can be renamed one by one', () => {
    expect(snapshotColumnNames({})).toEqual({ dbt_valid_from: 'dbt_valid_from', dbt_valid_to: 'dbt_valid_to', dbt_scd_id: 'dbt_scd_id', dbt_updated_at: 'dbt_updated_at', dbt_is_deleted: 'dbt_is_deleted' });
    expect(snapshotColumnNames({ snapshot_meta_column_names: { dbt_valid_to: 'valid_to' } }).dbt_valid_to).toBe('valid_to');
  });
  it('hard deletes: hard_deletes, or legacy invalidate_hard_deletes, never both', () => {
    expect(hardDeletesBehavior({})).toBe('ignore');
    expect(hardDeletesBehavior({ invalidate_hard_deletes: true })).toBe('invalidate');
    expect(hardDeletesBehavior({ hard_deletes: 'new_record' })).toBe('new_record');
    expect(() => hardDeletesBehavior({ hard_deletes: 'ignore', invalidate_hard_deletes: false }, loc)).toThrow('cannot set both');
    expect(() => hardDeletesBehavior({ hard_deletes: 'purge' })).toThrow("Invalid setting for property hard_deletes: 'purge'");
  });
});

describe('snapshot plans on DuckDB', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await openTestDb();
    await db.conn.execute(`create table src as select * from (values (1, 'a', timestamp '2024-01-01'), (2, 'b', timestamp '2024-01-01')) t(id, name, updated_at)`);
  });
  afterEach(async () => {
    await db.cleanup();
  });
  const ref = { database: 'test', schema: 'main', identifier: 'snap' };
  const sql = 'select * from src';
  const q = async (s: string) => (await db.conn.execute(s, { fetch: true })).rows;

  /** Plans and runs one snapshot as the runner does: introspection answered from columns read first. */
  async function snapshot(config: Record<string, unknown>) {
    const existing = (await db.conn.listRelations({ database: 'test', schema: 'main' })).find((r) => r.identifier === 'snap');
    const existingColumns = existing ? await db.conn.getColumns(ref) : undefined;
    const queryColumns = existing ? await db.conn.describeQuery(sql) : undefined;
    const full = { unique_key: 'id', snapshot_table_column_names: snapshotColumnNames(config), ...config };
    const engine = nodeEngine(full, {
      adapter: {
        dispatch: (name: string, ns?: string) => engine.jinja.dispatch(name, ns),
        quote: (id: unknown) => duckdbDialect.quoteIdent(String(id)),
        type: () => 'duckdb',
        get_hard_deletes_behavior: () => hardDeletesBehavior(full),
        get_columns_in_relation: () => templateColumns(duckdbDialect, existingColumns ?? []),
        get_relation: () => (existing ? ctx.relation : null),
      },
      get_columns_in_query: () => (queryColumns ?? []).map((c) => c.name),
    });
    const ctx = await planContext(db.conn, ref, { callMacro: engine.callMacro });
    const plan = planSnapshot(ctx, {
      snapshot: { name: 'snap', loc, config: full as unknown as NodeConfig, model: { database: 'test', schema: 'main', alias: 'snap', compiled_code: sql } },
      sql, existingColumns, queryColumns, callMacroValue: engine.callValue, hasMacro: engine.hasMacro,
    });
    await executePlan(db.conn, plan);
    return plan;
  }

  it('creates the table, then closes changed rows and inserts new versions; unchanged runs change nothing', async () => {
    const config = { strategy: 'timestamp', updated_at: 'updated_at' };
    const first = await snapshot(config);
    expect(first.statements.map((s) => s.purpose)).toEqual(['build the snapshot table']);
    expect(await q("select id, dbt_scd_id = md5('1|2024-01-01 00:00:00'), dbt_valid_to from snap order by id")).toEqual([[1, true, null], [2, false, null]]);
    await db.conn.execute("update src set name = 'A', updated_at = timestamp '2024-02-01' where id = 1");
    const second = await snapshot(config);
    expect(second.transactional).toBe(true);
    expect(second.statements.map((s) => s.purpose)).toEqual(['stage the changed rows in a temporary table', 'close changed rows and insert new versions', 'drop the staging table']);
    const after = await q('select id, name, dbt_valid_from::varchar, dbt_valid_to::varchar from snap order by id, dbt_valid_from');
    expect(after).toEqual([
      [1, 'a', '2024-01-01 00:00:00', '2024-02-01 00:00:00'],
      [1, 'A', '2024-02-01 00:00:00', null],
      [2, 'b', '2024-01-01 00:00:00', null],
    ]);
    await snapshot(config);
    expect(await q('select id, name, dbt_valid_from::varchar, dbt_valid_to::varchar from snap order by id, dbt_valid_from')).toEqual(after);
  });

  it('check strategy with renamed columns and a sentinel for open rows', async () => {
    const config = { strategy: 'check', check_cols: ['name'], dbt_valid_to_current: "timestamp '9999-12-31'", snapshot_meta_column_names: { dbt_valid_to: 'valid_to', dbt_valid_from: 'valid_from' } };
    await snapshot(config);
    await db.conn.execute("update src set name = 'B' where id = 2");
    await snapshot(config);
    expect(await q("select id, name, valid_to = timestamp '9999-12-31' from snap order by id, valid_from")).toEqual([[1, 'a', true], [2, 'b', false], [2, 'B', true]]);
  });

  it('adds the columns the source gained before staging', async () => {
    await snapshot({ strategy: 'timestamp', updated_at: 'updated_at' });
    await db.conn.execute("alter table src add column email varchar; update src set email = 'x'");
    const plan = await snapshot({ strategy: 'timestamp', updated_at: 'updated_at' });
    expect(plan.statements[0]!.purpose).toBe('add the columns the source gained');
    expect(plan.notes).toEqual(['Snapshot "test"."main"."snap": added columns email VARCHAR']);
    expect((await db.conn.getColumns(ref)).map((c) => c.name)).toContain('email');
  });

  it('refuses an unknown strategy and a view in the way', async () => {
    const e = await snapshot({ strategy: 'magic' }).catch((x: unknown) => x as TxError);
    expect((e as TxError).code).toBe(TxCodes.ConfigInvalid);
    expect((e as TxError).message).toBe("The specified strategy macro 'magic' was not found (snapshot 'snap')");
    await db.conn.execute('create view snap as select 1 as id');
    await expect(snapshot({ strategy: 'timestamp', updated_at: 'updated_at' })).rejects.toThrow('currently exists as a view');
  });
});
