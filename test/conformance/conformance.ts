/**
 * The conformance suite: one project (test/conformance/project) built on an adapter in phases,
 * with the rows every materialization must leave. The same expectations for every adapter, except
 * where its dbt plugin's semantics differ (`differs` below). Each adapter's test file calls
 * defineConformance once with its target.
 *
 * Phase 1 builds everything. Phase 2 (`phase: 2`) changes the sources: order 2's amount, a new
 * order 5, a customer moved, one deleted, one added, incremental queries gaining and losing
 * columns. Then the failures that must leave relations exactly as they were (on_schema_change
 * fail, an incremental run failing after its ALTER, a broken contract), a full refresh, and Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, readJson, removeDir } from '../functional/harness.js';
import { NET_GUARD_PRELOAD } from '../fakes/net-guard.js';
import type { GuardedResult } from '../fakes/guarded-cli.js';
import type { Row, Target } from './targets.js';

const PROJECT = join(import.meta.dirname, 'project');

export interface ConformanceOptions {
  /** Extra checks after Ctrl-C: the statement is gone from the warehouse, not just abandoned. */
  afterCancel?(): Promise<void>;
}

const byKey = (...keys: string[]) => (a: Row, b: Row): number => {
  for (const k of keys) {
    const [x, y] = [String(a[k] ?? ''), String(b[k] ?? '')];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

const pick = (rows: Row[], ...cols: string[]): Row[] => rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null])));

export function defineConformance(target: Target, opts: ConformanceOptions = {}): void {
  const t = target.name;
  const has = {
    append: t !== 'bigquery',
    deleteInsert: t !== 'bigquery',
    insertOverwrite: t === 'bigquery' || t === 'snowflake',
  };
  let dir: string;
  let phase1: GuardedResult;
  let phase2: GuardedResult;
  const rows = async (suffix: string, table: string, ...order: string[]) => (await target.rows(suffix, table)).sort(byKey(...(order.length ? order : ['order_id'])));
  const ordersOf = async (table: string, ...cols: string[]) => pick(await rows('', table), ...cols);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `tx-conformance-${t}-`));
    cpSync(PROJECT, dir, { recursive: true, filter: (src) => !/[\\/](target|logs)([\\/]|$)/.test(src) });
    await target.start(dir);
    phase1 = await target.tx(['build']);
  }, 300_000);
  afterAll(async () => {
    await target.stop();
    if (dir) removeDir(dir);
  });

  describe(`conformance on ${t}: the first build`, () => {
    it('builds every seed, model, snapshot and test, creating the schemas it needs', async () => {
      expect(phase1.code, phase1.stdout + phase1.stderr).toBe(0);
      expect(phase1.stdout).toMatch(/Done\. PASS=\d+ WARN=0 ERROR=0 SKIP=0/);
      expect(phase1.violations).toEqual([]);
      const rels = await target.relations();
      expect(rels).toEqual(expect.arrayContaining([
        '.customers', '.orders', '.odd_names', '.stg_orders', '.stg_customer_changes', '.odd_quoting',
        '_marts.customer_orders', '_marts.contracted_orders', '_snapshots.snap_ts', '_snapshots.snap_check',
      ]));
      // Ephemeral models are never built; no intermediate or staged relation is left behind.
      expect(rels.filter((r) => r.includes('stg_customers') || r.includes('__dbt'))).toEqual([]);
    });

    it('seeds: inferred types and column_types, quoted odd column names', async () => {
      expect(await rows('', 'orders')).toEqual([
        { order_id: 1, customer_id: 1, order_date: '2024-01-01', amount: 10.5, status: 'paid' },
        { order_id: 2, customer_id: 2, order_date: '2024-01-02', amount: 20, status: 'paid' },
        { order_id: 3, customer_id: 1, order_date: '2024-01-03', amount: 5.25, status: 'refunded' },
        { order_id: 4, customer_id: 3, order_date: '2025-02-01', amount: 7, status: 'paid' },
      ]);
      expect(await target.columns('', 'odd_names')).toEqual(['id', 'first name', 'group', 'amount']);
      expect(await rows('', 'odd_quoting', 'id')).toEqual([
        { id: 1, first_name: 'Ada Lovelace', grp: 'A', amount: 3 },
        { id: 2, first_name: 'Bob', grp: 'B', amount: 4 },
      ]);
    });

    it('view, table (reading an ephemeral model) and a contracted table', async () => {
      expect(await rows('', 'stg_orders')).toHaveLength(4);
      expect(await rows('_marts', 'customer_orders', 'customer_id')).toEqual([
        { customer_id: 1, name: 'ada', orders: 2, revenue: 15.75 },
        { customer_id: 2, name: 'bob', orders: 1, revenue: 20 },
        { customer_id: 3, name: 'cy', orders: 1, revenue: 7 },
      ]);
      expect(await target.columns('_marts', 'contracted_orders')).toEqual(['order_id', 'customer_id', 'amount', 'order_date']);
      expect(await rows('_marts', 'contracted_orders')).toHaveLength(4);
    });

    it('runs every built-in data test (unique, not_null, accepted_values, relationships)', () => {
      for (const test of ['unique_stg_orders_order_id', 'not_null_stg_orders_order_id', 'accepted_values_stg_orders_status__paid__refunded',
        'relationships_stg_orders_customer_id__id__ref_customers_', 'unique_customer_orders_customer_id', 'not_null_odd_quoting_first_name']) {
        expect(phase1.stdout, test).toMatch(new RegExp(`PASS ${test} `));
      }
    });
  });

  describe(`conformance on ${t}: incremental models after the sources change`, () => {
    beforeAll(async () => {
      // Phase 2; osc_fail is left for its own run. The microbatch model processes one batch: 2025.
      phase2 = await target.tx(['build', '--vars', '{phase: 2}', '--exclude', 'osc_fail', '--event-time-start', '2025-01-01', '--event-time-end', '2026-01-01']);
    }, 300_000);

    it('the second build succeeds', () => {
      expect(phase2.code, phase2.stdout + phase2.stderr).toBe(0);
      expect(phase2.violations).toEqual([]);
    });

    it.runIf(has.append)('append adds only the new rows', async () => {
      expect(await ordersOf('inc_append', 'order_id', 'amount')).toEqual([
        { order_id: 1, amount: 10.5 }, { order_id: 2, amount: 20 }, { order_id: 3, amount: 5.25 }, { order_id: 4, amount: 7 }, { order_id: 5, amount: 8 },
      ]);
    });

    const merged = [
      { order_id: 1, customer_id: 1, amount: 10.5 }, { order_id: 2, customer_id: 2, amount: 25 }, { order_id: 3, customer_id: 1, amount: 5.25 },
      { order_id: 4, customer_id: 3, amount: 7 }, { order_id: 5, customer_id: 2, amount: 8 },
    ];
    it('merge updates order 2 and inserts order 5', async () => {
      expect(await ordersOf('inc_merge', 'order_id', 'customer_id', 'amount')).toEqual(merged);
    });

    it.runIf(has.deleteInsert)('delete+insert replaces rows by key', async () => {
      expect(await ordersOf('inc_delete_insert', 'order_id', 'customer_id', 'amount')).toEqual(merged);
    });

    it.runIf(has.insertOverwrite)(`insert_overwrite replaces ${t === 'bigquery' ? "the partitions the new rows fall in" : 'the whole table (dbt-snowflake)'}`, async () => {
      const got = await ordersOf('inc_insert_overwrite', 'order_id', 'amount');
      const after2025 = [{ order_id: 4, amount: 7 }, { order_id: 5, amount: 8 }];
      // BigQuery keeps the 2024 partitions (order 2 still 20); Snowflake's INSERT OVERWRITE keeps only the new rows.
      expect(got).toEqual(t === 'bigquery' ? [{ order_id: 1, amount: 10.5 }, { order_id: 2, amount: 20 }, { order_id: 3, amount: 5.25 }, ...after2025] : after2025);
    });

    it('microbatch reprocesses only the 2025 batch window (order 2 keeps its 2024 amount)', async () => {
      expect(await ordersOf('inc_microbatch', 'order_id', 'order_date', 'amount')).toEqual([
        { order_id: 1, order_date: '2024-01-01', amount: 10.5 }, { order_id: 2, order_date: '2024-01-02', amount: 20 },
        { order_id: 3, order_date: '2024-01-03', amount: 5.25 }, { order_id: 4, order_date: '2025-02-01', amount: 7 },
        { order_id: 5, order_date: '2025-02-02', amount: 8 },
      ]);
      expect(phase2.stdout).toMatch(/1 of 1 OK created batch 2025 of \S+\.inc_microbatch/);
    });

    it('on_schema_change ignore keeps the columns; append_new_columns adds; sync_all_columns adds and drops', async () => {
      expect(await target.columns('', 'osc_ignore')).toEqual(['order_id', 'amount', 'status']);
      expect(await ordersOf('osc_ignore', 'order_id', 'amount', 'status')).toEqual([
        { order_id: 1, amount: 10.5, status: 'paid' }, { order_id: 2, amount: 25, status: 'paid' }, { order_id: 3, amount: 5.25, status: 'refunded' },
        { order_id: 4, amount: 7, status: 'paid' }, { order_id: 5, amount: 8, status: 'paid' },
      ]);
      expect(await target.columns('', 'osc_append')).toEqual(['order_id', 'amount', 'status', 'shipped_on']);
      expect(await ordersOf('osc_append', 'order_id', 'status', 'shipped_on')).toEqual([
        { order_id: 1, status: 'paid', shipped_on: '2024-01-01' }, { order_id: 2, status: 'paid', shipped_on: '2024-01-02' },
        { order_id: 3, status: 'refunded', shipped_on: '2024-01-03' }, { order_id: 4, status: 'paid', shipped_on: '2025-02-01' },
        { order_id: 5, status: null, shipped_on: '2025-02-02' },
      ]);
      expect((await target.columns('', 'osc_sync')).sort()).toEqual(['amount', 'order_id', 'shipped_on']);
      expect(await ordersOf('osc_sync', 'order_id', 'amount', 'shipped_on')).toHaveLength(5);
    });

    it('on_schema_change fail refuses the change and leaves the table as it was', async () => {
      const r = await target.tx(['run', '-s', 'osc_fail', '--vars', '{phase: 2}']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('The source and target schemas on this incremental model are out of sync!');
      expect(await target.columns('', 'osc_fail')).toEqual(['order_id', 'amount', 'status']);
      expect(await rows('', 'osc_fail')).toHaveLength(4);
    });

    it('an incremental run failing after its ALTER leaves the table exactly as it was', async () => {
      const before = await rows('', 'inc_atomic');
      expect(before).toHaveLength(5);
      const r = await target.tx(['run', '-s', 'inc_atomic', '--vars', '{phase: 2, break_atomic: true}']);
      expect(r.code, r.stdout).toBe(1);
      expect(r.stdout).toMatch(/ERROR creating sql incremental model \S+\.inc_atomic/);
      expect(await target.columns('', 'inc_atomic')).toEqual(['order_id', 'amount']);
      expect(await rows('', 'inc_atomic')).toEqual(before);
      expect((await target.relations()).filter((x) => x.includes('__dbt'))).toEqual([]);
    });

    it('--full-refresh rebuilds an incremental model from its full query', async () => {
      const r = await target.tx(['run', '-s', 'inc_merge', '--vars', '{phase: 2}', '--full-refresh']);
      expect(r.code, r.stdout).toBe(0);
      expect(await ordersOf('inc_merge', 'order_id', 'customer_id', 'amount')).toEqual(merged);
    });
  });

  describe(`conformance on ${t}: snapshots, contracts`, () => {
    it('timestamp strategy: the moved customer gets a new version, the deleted one is closed (hard_deletes invalidate)', async () => {
      const snap = pick(await rows('_snapshots', 'snap_ts', 'id', 'dbt_valid_from'), 'id', 'country', 'dbt_valid_from', 'dbt_valid_to');
      const closedAtRun = snap.find((r) => r['id'] === 3)?.['dbt_valid_to'];
      expect(closedAtRun).not.toBeNull();
      expect(snap).toEqual([
        { id: 1, country: 'FI', dbt_valid_from: '2024-01-01', dbt_valid_to: null },
        { id: 2, country: 'SE', dbt_valid_from: '2024-01-01', dbt_valid_to: '2024-02-01' },
        { id: 2, country: 'DK', dbt_valid_from: '2024-02-01', dbt_valid_to: null },
        { id: 3, country: 'NO', dbt_valid_from: '2024-01-01', dbt_valid_to: closedAtRun },
        { id: 4, country: 'IS', dbt_valid_from: '2024-02-01', dbt_valid_to: null },
      ]);
    });

    it('check strategy: a changed check column versions the row; hard_deletes new_record adds a deleted row', async () => {
      const snap = (await rows('_snapshots', 'snap_check', 'id', 'dbt_valid_from')).map((r) => ({
        id: r['id'], country: r['country'], current: r['dbt_valid_to'] === null, deleted: String(r['dbt_is_deleted']),
      }));
      expect(snap.sort(byKey('id', 'current', 'deleted'))).toEqual([
        { id: 1, country: 'FI', current: true, deleted: 'False' },
        { id: 2, country: 'SE', current: false, deleted: 'False' },
        { id: 2, country: 'DK', current: true, deleted: 'False' },
        { id: 3, country: 'NO', current: false, deleted: 'False' },
        { id: 3, country: 'NO', current: true, deleted: 'True' },
        { id: 4, country: 'IS', current: true, deleted: 'False' },
      ]);
    });

    it('a row breaking an enforced constraint fails the build and keeps the previous table', async () => {
      const before = await rows('_marts', 'contracted_orders');
      const r = await target.tx(['run', '-s', 'contracted_orders', '--vars', '{phase: 2, break_contract: true}']);
      expect(r.code, r.stdout).toBe(1);
      expect(await rows('_marts', 'contracted_orders')).toEqual(before);
    });
  });

  describe(`conformance on ${t}: Ctrl-C`, () => {
    it('cancels the running statement, marks the rest skipped, and exits non-zero quickly', async () => {
      const env: Record<string, string> = { NO_COLOR: '1', DBT_PROFILES_DIR: '', METADATA_SERVER_DETECTION: 'none', SNOWFLAKE_DISABLE_PLATFORM_DETECTION: 'true' };
      if (t === 'bigquery' || t === 'snowflake') env['NODE_OPTIONS'] = `--import ${NET_GUARD_PRELOAD}`;
      const child = spawn(process.execPath, [CLI, 'run', '-s', 'quick', 'slow', 'after_slow', '--vars', '{run_slow: true}', '--threads', '2'], { cwd: dir, env: { ...process.env, ...env } });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const closed = new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
      await new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const timer = setInterval(() => {
          if (/START sql table model \S+\.slow/.test(out) && /OK created sql table model \S+\.quick/.test(out)) {
            clearInterval(timer);
            resolve();
          } else if (Date.now() - started > 30_000) {
            clearInterval(timer);
            reject(new Error(`the run did not start: ${out}`));
          }
        }, 50);
      });
      // Let the statement reach the warehouse.
      await new Promise((r) => setTimeout(r, 1000));
      const sentAt = Date.now();
      child.kill('SIGINT');
      const code = await closed;
      expect(Date.now() - sentAt).toBeLessThan(5000);
      expect(code).not.toBe(0);
      const rr = readJson(join(dir, 'target', 'run_results.json')) as { results: { unique_id: string; status: string }[] };
      const status = Object.fromEntries(rr.results.map((r) => [r.unique_id, r.status]));
      expect(status).toEqual({ 'model.conformance.quick': 'success', 'model.conformance.slow': 'error', 'model.conformance.after_slow': 'skipped' });
      expect(out).toMatch(/cancel/i);
      await opts.afterCancel?.();
    }, 60_000);
  });
}
