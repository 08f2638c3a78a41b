/**
 * A BigQuery project (test/fakes/bigquery/project) built three times through the real CLI and
 * SDK against the fake server: on an empty warehouse, incrementally after the sources changed,
 * and with --full-refresh. Checks the data each strategy leaves, the table options BigQuery
 * received, run_results' adapter_response, golden SQL per materialization × state
 * (test/golden/bigquery/, UPDATE_GOLDEN=1 rewrites it), node-sql-parser's verdict on every
 * statement, and that no process opened a socket to anything but 127.0.0.1.
 */
import '../fakes/bigquery/env.js';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBigQuery } from '../fakes/bigquery/server.js';
import { copyProject, txBq, writeProfile, type GuardedResult } from '../fakes/bigquery/cli.js';
import { validateBigQuery, type Reduction } from '../fakes/bigquery/validate-sql.js';
import { installNetGuard, type NetGuard } from '../fakes/net-guard.js';
import { REPO, readJson, removeDir } from './harness.js';

const PROJECT = 'tx-test-project';
const GOLDEN = join(REPO, 'test', 'golden', 'bigquery');
const STATES = ['create', 'incremental', 'full_refresh'] as const;
type State = (typeof STATES)[number];

/** Files under dir (target/run names a seed's SQL after its .csv), recursively. */
function sqlFiles(dir: string, any = false): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? sqlFiles(join(dir, f), any) : any || f.endsWith('.sql') ? [join(dir, f)] : []));
}

let guard: NetGuard;
let fake: FakeBigQuery;
let dir: string;
const runs = {} as Record<State, GuardedResult>;
/** target/run after each state: relative path → SQL (the project directory replaced by <project>). */
const runSql = {} as Record<State, Map<string, string>>;
const openSessions = {} as Record<State, number>;

async function build(state: State, args: string[]): Promise<void> {
  rmSync(join(dir, 'target', 'run'), { recursive: true, force: true });
  runs[state] = await txBq(args, dir);
  const root = join(dir, 'target', 'run');
  runSql[state] = new Map(sqlFiles(root, true).map((f) => [relative(root, f), readFileSync(f, 'utf8').split(dir).join('<project>')]));
  openSessions[state] = fake.engine.openSessions;
}

const duck = (sql: string): Promise<Record<string, unknown>[]> => fake.engine.duck(sql);
const q = (table: string): string => `"${PROJECT}"."shop"."${table}"`;

beforeAll(async () => {
  guard = installNetGuard();
  fake = await FakeBigQuery.start({ projects: [PROJECT] });
  dir = copyProject();
  const key = fake.auth.serviceAccount(`builder@${PROJECT}.iam.gserviceaccount.com`, PROJECT, fake.tokenUri);
  writeProfile(dir, 'bq_shop', { method: 'service-account-json', project: PROJECT, dataset: 'shop', keyfile_json: key, api_endpoint: fake.url, location: 'US', threads: 4 });
  await build('create', ['build']);
  // The sources change: a late order on 2024-01-03, a new day, a cancelled order paid after all, a customer moves.
  appendFileSync(join(dir, 'seeds', 'orders.csv'), '7,1,2024-01-03 23:00:00,20.00,paid\n8,2,2024-01-04 08:00:00,5.00,paid\n');
  const orders = join(dir, 'seeds', 'orders.csv');
  writeFileSync(orders, readFileSync(orders, 'utf8').replace('6,2,2024-01-03 10:00:00,1.00,cancelled', '6,2,2024-01-03 10:00:00,1.00,paid'));
  const customers = join(dir, 'seeds', 'customers.csv');
  writeFileSync(customers, readFileSync(customers, 'utf8').replace('3,Linus,FI', '3,Linus,SE'));
  await build('incremental', ['build']);
  await build('full_refresh', ['build', '--full-refresh']);
}, 180_000);

afterAll(async () => {
  await fake?.stop();
  guard?.uninstall();
  if (dir) removeDir(dir);
});

describe('tx build on BigQuery (the fake)', () => {
  it.each(STATES)('%s: every seed, model, snapshot and test succeeds', (state) => {
    const r = runs[state];
    expect(r.stdout, r.stderr).toContain('Completed successfully');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Done\. PASS=21 WARN=0 ERROR=0 SKIP=0/);
    expect(r.stdout).toMatch(/OK loaded seed file shop_raw\.orders .*\[INSERT [68] /);
    expect(r.violations).toEqual([]);
    // Every connection ended its BigQuery session (temporary tables included).
    expect(openSessions[state]).toBe(0);
  });

  it('merge: new and changed rows of the last day merged on order_id', async () => {
    // After the incremental run (the full refresh rebuilds the same rows).
    const rows = await duck(`select order_id, status from ${q('orders_merged')} order by order_id`);
    expect(rows).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((id) => ({ order_id: id, status: id === 3 ? 'refunded' : 'paid' })));
  });

  it('insert_overwrite (dynamic): the partitions the new rows touch are replaced whole', async () => {
    const rows = await duck(`select cast(order_date as varchar) as d, orders, cast(revenue as double) as revenue from ${q('daily_revenue')} order by 1`);
    expect(rows).toEqual([
      { d: '2024-01-01', orders: 2, revenue: 13.75 },
      { d: '2024-01-02', orders: 1, revenue: 7 },
      { d: '2024-01-03', orders: 3, revenue: 36 },
      { d: '2024-01-04', orders: 1, revenue: 5 },
    ]);
  });

  it('insert_overwrite (static, copy_partitions): only the listed hours are replaced', async () => {
    const rows = await duck(`select strftime(order_hour, '%m-%d %H') as h, orders from ${q('hourly_orders')} order by 1`);
    expect(rows.map((r) => `${String(r['h'])}=${String(r['orders'])}`)).toEqual([
      '01-01 09=1', '01-01 17=1', '01-02 08=1', '01-02 12=1', '01-03 10=1', '01-03 23=2', '01-04 08=1',
    ]);
  });

  it('snapshot (check strategy): the moved customer has a closed and a current version', async () => {
    const rows = await duck(`select country, dbt_valid_to is null as current from "${PROJECT}"."shop_snapshots"."customers_snapshot" where customer_id = 3 order by dbt_valid_from`);
    expect(rows).toEqual([{ country: 'FI', current: false }, { country: 'SE', current: true }]);
  });

  it('tables carry their partitioning, clustering and OPTIONS', async () => {
    const revenue = await fake.engine.tableInfo(PROJECT, 'shop', 'customer_revenue');
    expect(revenue?.extras).toMatchObject({ partitionBy: 'first_order_date', clusterBy: ['country', 'customer_id'] });
    expect(revenue?.extras?.options).toEqual({
      kms_key_name: "'projects/p/locations/us/keyRings/r/cryptoKeys/k'",
      // A model's labels replace the project's (dbt clobbers adapter configs that are dicts).
      labels: "[('contains_pii','no')]",
      require_partition_filter: 'false',
      partition_expiration_days: '400',
    });
    const buckets = await fake.engine.tableInfo(PROJECT, 'shop', 'customer_buckets');
    expect(buckets?.extras?.partitionBy).toBe('range_bucket ( customer_id , generate_array ( 0 , 100 , 10 ) )');
    expect(buckets?.extras?.options['expiration_timestamp']).toBe('TIMESTAMP_ADD(CURRENT_TIMESTAMP(),INTERVAL48hour)');
    const contracted = await fake.engine.tableInfo(PROJECT, 'shop', 'contracted_customers');
    expect(contracted?.fields.map((f) => `${f.name}:${f.type}`)).toEqual(['customer_id:INTEGER', 'name:STRING', 'vip:BOOLEAN']);
    expect((await fake.engine.tableInfo(PROJECT, 'shop', 'stg_orders'))?.type).toBe('VIEW');
  });

  it('the test process, too, opened sockets to 127.0.0.1 only', () => {
    expect(guard.violations).toEqual([]);
  });

  it('run_results.json holds each job id, bytes processed and location', () => {
    const results = (readJson(join(dir, 'target', 'run_results.json'))['results'] as { unique_id: string; adapter_response: Record<string, unknown> }[]);
    const model = results.find((r) => r.unique_id === 'model.bq_shop.customer_revenue')!;
    expect(model.adapter_response).toMatchObject({ location: 'US', project_id: PROJECT, code: 'OK' });
    expect(model.adapter_response['job_id']).toMatch(/^tx_/);
    expect(Number(model.adapter_response['bytes_processed'])).toBeGreaterThan(0);
    expect(Number(model.adapter_response['slot_ms'])).toBeGreaterThan(0);
  });
});

describe('golden SQL per materialization × state (test/golden/bigquery/)', () => {
  it.each(STATES)('%s', (state) => {
    const files = runSql[state];
    expect(files.size).toBeGreaterThan(10);
    const root = join(GOLDEN, state);
    if (process.env['UPDATE_GOLDEN'] === '1') {
      rmSync(root, { recursive: true, force: true });
      for (const [rel, sql] of files) {
        mkdirSync(dirname(join(root, rel)), { recursive: true });
        writeFileSync(join(root, rel), sql);
      }
    }
    const golden = new Map(sqlFiles(root, true).map((f) => [relative(root, f), readFileSync(f, 'utf8')]));
    expect([...files.keys()].sort()).toEqual([...golden.keys()].sort());
    for (const [rel, sql] of files) expect(sql, `${state}/${rel}`).toBe(golden.get(rel));
  });
});

describe("every statement parses with node-sql-parser's bigquery grammar", () => {
  it('compiled models, tests, and every planned statement of every state', () => {
    const used = new Map<Reduction, number>();
    let statements = 0;
    const sources = [
      ...STATES.flatMap((s) => [...runSql[s].entries()].map(([rel, sql]) => [`run/${s}/${rel}`, sql] as const)),
      ...sqlFiles(join(dir, 'target', 'compiled')).map((f) => [relative(dir, f), readFileSync(f, 'utf8')] as const),
    ];
    for (const [where, sql] of sources) {
      for (const v of validateBigQuery(sql)) {
        statements++;
        expect(v.ok, `${where}: ${v.error ?? ''}`).toBe(true);
        for (const r of v.reductions) used.set(r, (used.get(r) ?? 0) + 1);
      }
    }
    expect(statements).toBeGreaterThan(80);
    // The grammar's gaps these statements needed (see validate-sql.ts and README.md).
    expect([...used.keys()].sort()).toEqual(expect.arrayContaining(['merge', 'quoted-path', 'script', 'view-options']));
  });
});
