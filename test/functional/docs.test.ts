/**
 * `tx docs generate` and `tx docs serve` through the real CLI: catalog.json from the warehouse,
 * manifest.json, a self-contained index.html holding every node, and the local server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CLI, copyFixture, query, readJson, removeDir, tx, type CliResult } from './harness.js';
import { copyExample, runOf, siteOf } from './docs-helpers.js';
import { decodeCompiled, decodeLin } from '../../src/docs/site-wire.js';

describe('tx docs generate on the example project', () => {
  let dir: string;
  let gen: CliResult;
  beforeAll(async () => {
    dir = copyExample();
    const build = await tx(['build'], { cwd: dir });
    expect(build.code).toBe(0);
    gen = await tx(['docs', 'generate'], { cwd: dir });
  });
  afterAll(() => removeDir(dir));

  it('writes the catalog and the site and says so', () => {
    expect(gen.stderr).toBe('');
    expect(gen.code).toBe(0);
    expect(gen.stdout).toMatch(/Catalog written to target\/catalog\.json \(9 nodes, 2 sources\)/);
    expect(gen.stdout).toMatch(/Docs site written to target\/index\.html: \d+ nodes, [\d.]+ KB \(code [\d.]+ KB/);
  });

  it("writes catalog.json in dbt's v1 shape with the warehouse's types and row counts", async () => {
    const catalog = readJson(join(dir, 'target', 'catalog.json')) as {
      metadata: Record<string, unknown>; nodes: Record<string, { metadata: Record<string, unknown>; columns: Record<string, { type: string; index: number }>; stats: Record<string, { value: unknown }> }>;
      sources: Record<string, unknown>; errors: unknown;
    };
    expect(catalog.metadata['dbt_schema_version']).toBe('https://schemas.getdbt.com/dbt/catalog/v1.json');
    // Every relation the project builds (no ephemeral models, no tests), and nothing else.
    const manifest = readJson(join(dir, 'target', 'manifest.json')) as { nodes: Record<string, { resource_type: string; config: { materialized: string } }> };
    const relations = Object.entries(manifest.nodes)
      .filter(([, n]) => ['model', 'seed', 'snapshot'].includes(n.resource_type) && n.config.materialized !== 'ephemeral')
      .map(([id]) => id);
    expect(Object.keys(catalog.nodes).sort()).toEqual(relations.sort());
    const uf = catalog.nodes['model.tx_example.user_features']!;
    expect(uf.metadata).toMatchObject({ type: 'BASE TABLE', schema: 'main_silver', name: 'user_features', database: 'tx_example' });
    expect(uf.columns['user_id']).toEqual({ type: 'INTEGER', index: 1, name: 'user_id', comment: null });
    expect(uf.columns['daily_spend']!.type).toBe('DECIMAL(38,2)');
    const [count] = await query(join(dir, 'target', 'tx_example.duckdb'), 'select count(*) as n from main_silver.user_features');
    expect(uf.stats['row_count']!.value).toBe(count!['n']);
    expect(Object.keys(catalog.sources).sort()).toEqual(['source.tx_example.bronze.labels', 'source.tx_example.bronze.user_events']);
    expect(catalog.errors).toBeNull();
  });

  it('writes a self-contained index.html holding every node', () => {
    const { html, data, sql } = siteOf(dir);
    // Nothing is loaded from anywhere: no external scripts, styles, fonts or frames.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(\s*['"]?https?:|<iframe/i);
    expect(html).toContain("default-src 'none'");
    const manifest = readJson(join(dir, 'target', 'manifest.json')) as { nodes: Record<string, { compiled_code?: string }>; sources: object; unit_tests: object };
    const expected = [...Object.keys(manifest.nodes), ...Object.keys(manifest.sources), ...Object.keys(manifest.unit_tests)];
    const ids = new Set(data.nodes.map((n) => n.id));
    for (const id of expected) expect(ids.has(id)).toBe(true);
    expect(data.nodes.filter((n) => n.t === 'macro').map((n) => n.n).sort()).toEqual(['bigquery__median', 'bigquery__rolling_sum', 'default__median', 'default__rolling_sum', 'duckdb__rolling_sum', 'duckdb__type_float', 'median', 'rolling_sum', 'round_money', 'safe_divide']);
    const uf = data.nodes.findIndex((n) => n.id === 'model.tx_example.user_features');
    expect(data.nodes[uf]!.cols![0]).toMatchObject({ n: 'user_id', ty: 'INTEGER' });
    expect(data.nodes[uf]!.stats).toMatchObject({ type: 'BASE TABLE', rows: 375 });
    const entry = sql[uf];
    if (entry === 0 || entry === undefined || entry[1] === null) throw new Error('user_features has no compiled SQL in the page');
    expect(decodeCompiled(entry[0], entry[1])).toBe(manifest.nodes['model.tx_example.user_features']!.compiled_code);
  });

  it("shows static analysis' column lineage on node pages", () => {
    const { data } = siteOf(dir);
    const at = (id: string) => data.nodes.findIndex((n) => n.id === id);
    const ts = data.nodes[at('model.tx_example.training_set')]!;
    const userId = ts.cols!.find((c) => c.n === 'user_id')!;
    // training_set.user_id comes from stg_labels.user_id (the label is the spine of the join).
    expect(userId.lin!.map((w) => decodeLin('user_id', w))).toContainEqual({ node: at('model.tx_example.stg_labels'), column: 'user_id', kind: 'direct' });
    // Kinds are kept, and the columns that filter or join the rows are listed.
    const spend = data.nodes[at('model.tx_example.user_features')]!;
    expect(spend.cols!.flatMap((c) => (c.lin ?? []).map((w) => decodeLin(c.n, w))).some((l) => l.kind === 'aggregation')).toBe(true);
    expect(ts.rowLin?.some((r) => r[2] === 'j')).toBe(true);
  });

  it("indexes sources' tests on their columns, and carries exposures and documented macro arguments", () => {
    const { data } = siteOf(dir);
    const src = data.nodes.find((n) => n.id === 'source.tx_example.bronze.user_events')!;
    const eventId = src.cols!.find((c) => c.n === 'event_id')!;
    expect(eventId.tests?.map((t) => data.nodes[t]!.id)).toEqual(['test.tx_example.source_not_null_bronze_user_events_event_id.d9d73f7188']);
    const exposure = data.nodes.find((n) => n.id === 'exposure.tx_example.churn_model')!;
    expect(exposure.exp).toEqual({ type: 'ml', label: 'Churn model (training)', maturity: 'medium', url: 'https://example.com/ml/churn', owner: { name: 'ML platform', email: 'ml-platform@example.com' } });
    expect(exposure.dep?.map((i) => data.nodes[i]!.n).sort()).toEqual(['training_set', 'user_rolling_features']);
    const sd = data.nodes.find((n) => n.id === 'macro.tx_example.safe_divide')!;
    expect(sd.args?.map((a) => a.n)).toEqual(['numerator', 'denominator']);
    expect(sd.d).toMatch(/returns null/);
  });

  it('carries the last run for the run report and test statuses', () => {
    const run = runOf(siteOf(dir).data);
    const results = readJson(join(dir, 'target', 'run_results.json')) as { results: unknown[] };
    expect(run?.command).toBe('build');
    expect(run?.items).toHaveLength(results.results.length);
    expect(run?.items.every((r) => r.node >= 0 && r.start !== null && (r.status === 'success' || r.status === 'pass'))).toBe(true);
    expect(new Set(run?.items.map((r) => r.thread)).size).toBeGreaterThan(1);
  });

  it('leaves the build run_results.json untouched', () => {
    const results = readJson(join(dir, 'target', 'run_results.json')) as { args: { which: string } };
    expect(results.args.which).toBe('build');
  });

  it('--empty-catalog writes an empty catalog and asks nothing of the warehouse', async () => {
    const r = await tx(['docs', 'generate', '--empty-catalog', '--target-path', 'target_empty'], { cwd: dir });
    expect(r.code).toBe(0);
    const catalog = readJson(join(dir, 'target_empty', 'catalog.json'));
    expect(catalog['nodes']).toEqual({});
    expect(catalog['sources']).toEqual({});
    expect(siteOf(dir).data.hasCatalog).toBe(true);
    const html = readFileSync(join(dir, 'target_empty', 'index.html'), 'utf8');
    expect(html).toContain('"hasCatalog":false');
  });

  it('--no-compile documents the project as parsed', async () => {
    const r = await tx(['docs', 'generate', '--no-compile', '--empty-catalog', '--target-path', 'target_nc'], { cwd: dir });
    expect(r.code).toBe(0);
    const manifest = readJson(join(dir, 'target_nc', 'manifest.json')) as { nodes: Record<string, { compiled_code?: string }> };
    expect(Object.values(manifest.nodes).some((n) => n.compiled_code !== undefined)).toBe(false);
    expect(existsSync(join(dir, 'target_nc', 'compiled'))).toBe(false);
    expect(existsSync(join(dir, 'target_nc', 'index.html'))).toBe(true);
  });

  it('serves the site until Ctrl-C, and nothing private', async () => {
    const child = spawn(process.execPath, [CLI, 'docs', 'serve', '--port', '0'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Serving docs at (http:\/\/\S+)/.exec(out);
        if (m) done(m[1]!);
      });
      child.on('exit', () => fail(new Error(`serve exited: ${out}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await fetch(url);
    expect(index.status).toBe(200);
    expect(await index.text()).toBe(readFileSync(join(dir, 'target', 'index.html'), 'utf8'));
    expect((await fetch(`${url}catalog.json`)).status).toBe(200);
    expect((await fetch(`${url}tx_example.duckdb`)).status).toBe(404);
    const code = await new Promise<number | null>((done) => {
      child.on('exit', (c) => done(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
  });
});

describe('tx docs on an unbuilt project', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyFixture('basic');
  });
  afterAll(() => removeDir(dir));

  it('serve without a generated site is a usage error with a hint', async () => {
    const r = await tx(['docs', 'serve', '--port', '0'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toMatch(/no docs site in target\/.*\n.*hint: run `tx docs generate` first/);
  });

  it('generates with nothing built yet: the catalog is empty, the site complete', async () => {
    const r = await tx(['docs', 'generate'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Catalog written to target\/catalog\.json \(0 nodes, 0 sources\)/);
    const { data } = siteOf(dir);
    expect(data.run).toBeNull();
    expect(data.nodes.some((n) => n.id === 'model.basic.customer_orders')).toBe(true);
    // The doc() block is rendered into the column's description.
    const stg = data.nodes.find((n) => n.cols?.some((c) => c.d === "The customer's id, unique per customer."));
    expect(stg).toBeDefined();
  });
});

describe('tx docs generate on a project static analysis rejects', () => {
  let dir: string;
  let gen: CliResult;
  beforeAll(async () => {
    dir = copyFixture('static_errors');
    gen = await tx(['docs', 'generate', '--empty-catalog'], { cwd: dir });
  });
  afterAll(() => removeDir(dir));

  it('still writes the manifest, catalog, lineage and site, printing the findings as warnings', () => {
    expect(gen.code).toBe(0);
    const out = gen.stdout + gen.stderr;
    expect(out).toMatch(/warning TX0512: .*column 'nmae' not found/);
    expect(out).not.toMatch(/: error TX05/);
    expect(out).toMatch(/Static analysis found \d+ errors \(shown as warnings/);
    for (const f of ['manifest.json', 'catalog.json', 'column_lineage.json', 'index.html']) expect(existsSync(join(dir, 'target', f))).toBe(true);
    expect(siteOf(dir).data.nodes.some((n) => n.id === 'model.static_errors.stg_customers')).toBe(true);
  });

  it('leaves tx compile failing on the same findings', async () => {
    const r = await tx(['compile'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/error TX0512/);
  });
});
