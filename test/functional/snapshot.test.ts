/**
 * Snapshots on real DuckDB, in phases: build, change the source (update, delete, insert), snapshot
 * again, run unchanged, add a source column, and fail half-way. Rows are asserted exactly; times
 * taken from the clock during a run (check strategy, hard deletes) read as 'NOW'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { copyFixture, readJson, removeDir, tx, type CliResult } from './harness.js';
import { columns, exec, rows } from './incremental-db.js';
import { SNAPSHOT_ADD_COLUMN, SNAPSHOT_BREAK, SNAPSHOT_CHANGE, SNAPSHOT_SETUP, SNAPSHOT_T1, SNAPSHOT_T2 } from './fixture-scripts.js';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
const T1 = SNAPSHOT_T1;
const T2 = SNAPSHOT_T2;

/** Rows with run-time timestamps (anything after 2025) replaced by 'NOW'; the scd id hashes such a time, so it is dropped. */
async function snap(db: string, table: string, orderBy = 'all'): Promise<Record<string, unknown>[]> {
  const out = await rows(db, table, orderBy);
  return out.map((r) => {
    const now = Object.values(r).some((v) => typeof v === 'string' && /^20(2[5-9]|[3-9]\d)-/.test(v));
    return Object.fromEntries(
      Object.entries(r)
        .filter(([k]) => !(now && /scd_id/.test(k)))
        .map(([k, v]) => [k, typeof v === 'string' && /^20(2[5-9]|[3-9]\d)-/.test(v) ? 'NOW' : v]),
    );
  });
}

describe('snapshots on DuckDB', () => {
  let dir: string;
  let db: string;
  let build: CliResult;
  let second: CliResult;

  beforeAll(async () => {
    dir = copyFixture('snapshots');
    db = join(dir, 'target', 'snapshots.duckdb');
    await exec(db, ...SNAPSHOT_SETUP);
    build = await tx(['build'], { cwd: dir });
    await exec(db, ...SNAPSHOT_CHANGE);
    second = await tx(['snapshot'], { cwd: dir });
  }, 60_000);
  afterAll(() => removeDir(dir));

  it('runs snapshots inside tx build, before the models that read them', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/Found 1 model, 11 snapshots, 1 source/);
    expect(build.stdout).toMatch(/START snapshot history\.customers_ts \.+ \[RUN\]/);
    expect(build.stdout).toMatch(/OK snapshotted history\.customers_ts \.+ \[OK in/);
    const snapshotted = build.stdout.indexOf('OK snapshotted history.customers_ts');
    const model = build.stdout.indexOf('START sql table model main.current_customers');
    expect(snapshotted).toBeGreaterThan(0);
    expect(model).toBeGreaterThan(snapshotted);
    expect(build.stdout).toMatch(/Finished running 11 snapshots, 1 table model/);
  });

  it('writes dbt-shaped snapshot nodes to the manifest (SQL blocks and YAML snapshots)', () => {
    const m = readJson(join(dir, 'target/manifest.json')) as { nodes: Record<string, Record<string, unknown>> };
    const ts = m.nodes['snapshot.snapshots.customers_ts']!;
    expect(ts['resource_type']).toBe('snapshot');
    expect(ts['fqn']).toEqual(['snapshots', 'ts', 'customers_ts']);
    expect(ts['schema']).toBe('history');
    expect(ts['relation_name']).toBe('"snapshots"."history"."customers_ts"');
    expect(ts['description']).toBe('Customers over time.');
    expect((ts['depends_on'] as { nodes: string[] }).nodes).toEqual(['source.snapshots.raw.customers']);
    expect(String(ts['raw_code'])).toContain("config(unique_key='id'");
    expect(m.nodes['snapshot.snapshots.customers_check']!['schema']).toBe('main_snaps');
    expect(m.nodes['snapshot.snapshots.customers_new_record']!['original_file_path']).toBe('snapshots/hard_deletes.sql');
    const yaml = m.nodes['snapshot.snapshots.customers_yaml']!;
    expect(yaml['original_file_path']).toBe('snapshots/_snapshots.yml');
    expect(yaml['path']).toBe('_snapshots.yml/customers_yaml.sql');
    expect(yaml['schema']).toBe('main_yaml_snaps');
    expect(yaml['raw_code']).toBe("select * from {{ source('raw', 'customers') }}");
    expect((m.nodes['model.snapshots.current_customers']!['depends_on'] as { nodes: string[] }).nodes).toEqual(['snapshot.snapshots.customers_ts']);
  });

  it('timestamp strategy: closes the changed row at the new updated_at, ignores deletes and unchanged timestamps', async () => {
    expect(second.code).toBe(0);
    expect(await snap(db, 'history.customers_ts', 'id, dbt_valid_from')).toEqual([
      { id: 1, name: 'ada', tier: 'gold', updated_at: T1, dbt_scd_id: md5(`1|${T1}`), dbt_updated_at: T1, dbt_valid_from: T1, dbt_valid_to: T2 },
      { id: 1, name: 'ADA', tier: 'gold', updated_at: T2, dbt_scd_id: md5(`1|${T2}`), dbt_updated_at: T2, dbt_valid_from: T2, dbt_valid_to: null },
      { id: 2, name: 'bob', tier: 'silver', updated_at: T1, dbt_scd_id: md5(`2|${T1}`), dbt_updated_at: T1, dbt_valid_from: T1, dbt_valid_to: null },
      { id: 3, name: 'cy', tier: 'bronze', updated_at: T1, dbt_scd_id: md5(`3|${T1}`), dbt_updated_at: T1, dbt_valid_from: T1, dbt_valid_to: null },
      { id: 4, name: 'dee', tier: 'gold', updated_at: T2, dbt_scd_id: md5(`4|${T2}`), dbt_updated_at: T2, dbt_valid_from: T2, dbt_valid_to: null },
    ]);
    expect(await rows(db, 'main.current_customers', 'id')).toEqual([{ id: 1, name: 'ada' }, { id: 2, name: 'bob' }, { id: 3, name: 'cy' }]);
  });

  it('check strategy: a change in any check column makes a new version at snapshot time', async () => {
    expect(await snap(db, 'main_snaps.customers_check', 'id, dbt_valid_from')).toEqual([
      { id: 1, name: 'ada', tier: 'gold', dbt_updated_at: 'NOW', dbt_valid_from: 'NOW', dbt_valid_to: 'NOW' },
      { id: 1, name: 'ADA', tier: 'gold', dbt_updated_at: 'NOW', dbt_valid_from: 'NOW', dbt_valid_to: null },
      { id: 2, name: 'bob', tier: 'silver', dbt_updated_at: 'NOW', dbt_valid_from: 'NOW', dbt_valid_to: null },
      { id: 3, name: 'cy', tier: 'bronze', dbt_updated_at: 'NOW', dbt_valid_from: 'NOW', dbt_valid_to: 'NOW' },
      { id: 3, name: 'cy', tier: 'silver', dbt_updated_at: 'NOW', dbt_valid_from: 'NOW', dbt_valid_to: null },
      { id: 4, name: 'dee', tier: 'gold', dbt_updated_at: 'NOW', dbt_valid_from: 'NOW', dbt_valid_to: null },
    ]);
    // The old version closes exactly when the new one opens.
    const [gap] = await rows(db, `(select count(*) as n from main_snaps.customers_check a join main_snaps.customers_check b
      on a.id = b.id and a.dbt_valid_to = b.dbt_valid_from)`, 'n');
    expect(gap).toEqual({ n: 2 });
  });

  it('hard_deletes: invalidate (and legacy invalidate_hard_deletes) close the deleted row', async () => {
    for (const table of ['main.customers_invalidate', 'main.customers_legacy']) {
      expect(await snap(db, table, 'id, dbt_valid_from')).toEqual([
        { id: 1, name: 'ada', updated_at: T1, dbt_scd_id: md5(`1|${T1}`), dbt_updated_at: T1, dbt_valid_from: T1, dbt_valid_to: T2 },
        { id: 1, name: 'ADA', updated_at: T2, dbt_scd_id: md5(`1|${T2}`), dbt_updated_at: T2, dbt_valid_from: T2, dbt_valid_to: null },
        { id: 2, name: 'bob', updated_at: T1, dbt_updated_at: T1, dbt_valid_from: T1, dbt_valid_to: 'NOW' },
        { id: 3, name: 'cy', updated_at: T1, dbt_scd_id: md5(`3|${T1}`), dbt_updated_at: T1, dbt_valid_from: T1, dbt_valid_to: null },
        { id: 4, name: 'dee', updated_at: T2, dbt_scd_id: md5(`4|${T2}`), dbt_updated_at: T2, dbt_valid_from: T2, dbt_valid_to: null },
      ]);
    }
  });

  it('hard_deletes: new_record closes the row and opens a deleted one (dbt_is_deleted)', async () => {
    expect(await snap(db, 'main.customers_new_record', 'id, dbt_valid_from')).toEqual([
      { id: 1, name: 'ada', updated_at: T1, dbt_scd_id: md5(`1|${T1}`), dbt_updated_at: T1, dbt_valid_from: T1, dbt_valid_to: T2, dbt_is_deleted: 'False' },
      { id: 1, name: 'ADA', updated_at: T2, dbt_scd_id: md5(`1|${T2}`), dbt_updated_at: T2, dbt_valid_from: T2, dbt_valid_to: null, dbt_is_deleted: 'False' },
      { id: 2, name: 'bob', updated_at: T1, dbt_updated_at: T1, dbt_valid_from: T1, dbt_valid_to: 'NOW', dbt_is_deleted: 'False' },
      { id: 2, name: 'bob', updated_at: T1, dbt_updated_at: 'NOW', dbt_valid_from: 'NOW', dbt_valid_to: null, dbt_is_deleted: 'True' },
      { id: 3, name: 'cy', updated_at: T1, dbt_scd_id: md5(`3|${T1}`), dbt_updated_at: T1, dbt_valid_from: T1, dbt_valid_to: null, dbt_is_deleted: 'False' },
      { id: 4, name: 'dee', updated_at: T2, dbt_scd_id: md5(`4|${T2}`), dbt_updated_at: T2, dbt_valid_from: T2, dbt_valid_to: null, dbt_is_deleted: 'False' },
    ]);
  });

  it('snapshot_meta_column_names renames the meta columns; dbt_valid_to_current marks open rows', async () => {
    expect(await columns(db, 'main', 'customers_renamed')).toEqual([
      'id INTEGER', 'name VARCHAR', 'updated_at TIMESTAMP', 'scd_id VARCHAR', 'changed_at TIMESTAMP', 'valid_from TIMESTAMP', 'valid_to TIMESTAMP', 'is_deleted VARCHAR',
    ]);
    const open = '9999-12-31 00:00:00';
    expect(await snap(db, 'main.customers_renamed', 'id, valid_from')).toEqual([
      { id: 1, name: 'ada', updated_at: T1, scd_id: md5(`1|${T1}`), changed_at: T1, valid_from: T1, valid_to: T2, is_deleted: 'False' },
      { id: 1, name: 'ADA', updated_at: T2, scd_id: md5(`1|${T2}`), changed_at: T2, valid_from: T2, valid_to: open, is_deleted: 'False' },
      { id: 2, name: 'bob', updated_at: T1, changed_at: T1, valid_from: T1, valid_to: 'NOW', is_deleted: 'False' },
      { id: 2, name: 'bob', updated_at: T1, changed_at: 'NOW', valid_from: 'NOW', valid_to: open, is_deleted: 'True' },
      { id: 3, name: 'cy', updated_at: T1, scd_id: md5(`3|${T1}`), changed_at: T1, valid_from: T1, valid_to: open, is_deleted: 'False' },
      { id: 4, name: 'dee', updated_at: T2, scd_id: md5(`4|${T2}`), changed_at: T2, valid_from: T2, valid_to: open, is_deleted: 'False' },
    ]);
  });

  it('unique_key as a list and as an expression', async () => {
    expect(await snap(db, 'main.customers_composite', 'id, dbt_valid_from')).toEqual([
      { id: 1, region: 'eu', name: 'ada', updated_at: T1, dbt_scd_id: md5(`1|eu|${T1}`), dbt_updated_at: T1, dbt_valid_from: T1, dbt_valid_to: T2 },
      { id: 1, region: 'eu', name: 'ADA', updated_at: T2, dbt_scd_id: md5(`1|eu|${T2}`), dbt_updated_at: T2, dbt_valid_from: T2, dbt_valid_to: null },
      { id: 2, region: 'us', name: 'bob', updated_at: T1, dbt_scd_id: md5(`2|us|${T1}`), dbt_updated_at: T1, dbt_valid_from: T1, dbt_valid_to: null },
      { id: 3, region: 'eu', name: 'cy', updated_at: T1, dbt_scd_id: md5(`3|eu|${T1}`), dbt_updated_at: T1, dbt_valid_from: T1, dbt_valid_to: null },
      { id: 4, region: 'us', name: 'dee', updated_at: T2, dbt_scd_id: md5(`4|us|${T2}`), dbt_updated_at: T2, dbt_valid_from: T2, dbt_valid_to: null },
    ]);
    expect(await snap(db, 'main.customers_expr', 'id, dbt_valid_from')).toEqual([
      { id: 1, region: 'eu', name: 'ada', dbt_updated_at: 'NOW', dbt_valid_from: 'NOW', dbt_valid_to: 'NOW' },
      { id: 1, region: 'eu', name: 'ADA', dbt_updated_at: 'NOW', dbt_valid_from: 'NOW', dbt_valid_to: null },
      { id: 2, region: 'us', name: 'bob', dbt_updated_at: 'NOW', dbt_valid_from: 'NOW', dbt_valid_to: null },
      { id: 3, region: 'eu', name: 'cy', dbt_updated_at: 'NOW', dbt_valid_from: 'NOW', dbt_valid_to: null },
      { id: 4, region: 'us', name: 'dee', dbt_updated_at: 'NOW', dbt_valid_from: 'NOW', dbt_valid_to: null },
    ]);
  });

  it('running twice on unchanged data changes nothing', async () => {
    const tables = ['history.customers_ts', 'main_snaps.customers_check', 'main_snaps.customers_check_all', 'main.customers_invalidate',
      'main.customers_legacy', 'main.customers_new_record', 'main.customers_renamed', 'main.customers_composite', 'main.customers_expr',
      'main_yaml_snaps.customers_yaml', 'main.customers_fragile'];
    const before = await Promise.all(tables.map((t) => rows(db, t, 'all')));
    const again = await tx(['snapshot'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Done\. PASS=11 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=11/);
    expect(await Promise.all(tables.map((t) => rows(db, t, 'all')))).toEqual(before);
  });

  it('adds columns the source gained; check_cols all then versions every row, history untouched', async () => {
    const historyBefore = await rows(db, '(select * from main_snaps.customers_check_all where dbt_valid_to is not null)', 'all');
    await exec(db, ...SNAPSHOT_ADD_COLUMN);
    const r = await tx(['snapshot', '-s', 'customers_check_all', 'customers_yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('added columns email VARCHAR');
    expect(await columns(db, 'main_snaps', 'customers_check_all')).toEqual([
      'id INTEGER', 'region VARCHAR', 'name VARCHAR', 'tier VARCHAR', 'code VARCHAR', 'updated_at TIMESTAMP',
      'dbt_scd_id VARCHAR', 'dbt_updated_at TIMESTAMP', 'dbt_valid_from TIMESTAMP', 'dbt_valid_to TIMESTAMP', 'email VARCHAR',
    ]);
    const open = await rows(db, '(select id, email from main_snaps.customers_check_all where dbt_valid_to is null)', 'id');
    // id 2 left the source earlier: its row stays open (deletes are ignored) and gets no email.
    expect(open).toEqual([{ id: 1, email: 'ADA@x.org' }, { id: 2, email: null }, { id: 3, email: 'cy@x.org' }, { id: 4, email: 'dee@x.org' }]);
    // Every other open row was closed and versioned again.
    const closed = await rows(db, '(select id, email from main_snaps.customers_check_all where dbt_valid_to is not null)', 'id');
    expect(closed.map((x) => x['id'])).toEqual([...historyBefore.map((x) => x['id']), 1, 3, 4].sort());
    expect(await rows(db, '(select count(*) as n from main_snaps.customers_check_all where id = 2)', 'n')).toEqual([{ n: 1 }]);
    // The timestamp strategy only gains the column: no new versions, old rows keep a null email.
    const yaml = await rows(db, '(select id, email, dbt_valid_to is null as open from main_yaml_snaps.customers_yaml)', 'id, open');
    expect(yaml).toEqual([
      { id: 1, email: null, open: false }, { id: 1, email: null, open: true }, { id: 2, email: null, open: true },
      { id: 3, email: null, open: true }, { id: 4, email: null, open: true },
    ]);
  });

  it('a failure half-way (after adding a column) leaves the snapshot exactly as it was', async () => {
    const before = await rows(db, 'main.customers_fragile', 'all');
    const cols = await columns(db, 'main', 'customers_fragile');
    await exec(db, ...SNAPSHOT_BREAK);
    const r = await tx(['snapshot', '-s', 'customers_fragile'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ERROR snapshotting main\.customers_fragile/);
    expect(r.stdout).toContain("Could not convert string 'bad' to INT32");
    expect(await columns(db, 'main', 'customers_fragile')).toEqual(cols);
    expect(cols).not.toContain('extra INTEGER');
    expect(await rows(db, 'main.customers_fragile', 'all')).toEqual(before);
  });
});
