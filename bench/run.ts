/**
 * Benchmarks tx: `npm run bench` (tsc, then node dist/bench/run.js).
 *
 * 1. parse and compile of generated projects of 1,000 and 10,000 models: median wall time of 3
 *    runs of the CLI, tx's own phase timings and peak RSS from target/perf_info.json, and the
 *    compile(10k)/compile(1k) ratio (about 10 means linear).
 * 2. `tx run --threads 4` on a 500-view project, against executing the same CREATE VIEW
 *    statements directly on DuckDB through @duckdb/node-api.
 *
 * It prints numbers; it never asserts. A failing step is reported and the rest continues.
 * Options: --sizes 1000,10000  --runs 3  --views 500  --keep (leave the temp dir)
 */
process.env.METADATA_SERVER_DETECTION = 'none';

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProject } from './generate.js';

interface PerfInfo {
  phases?: Partial<Record<'load_ms' | 'parse_ms' | 'graph_ms' | 'compile_ms' | 'write_ms' | 'analysis_ms', number>>;
  peak_rss_bytes?: number;
  node_count?: number;
}

interface CliResult {
  ok: boolean;
  ms: number;
  status: number | null;
  stderr: string;
}

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
const TIMEOUT_MS = 15 * 60 * 1000;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

function tx(args: string[], cwd: string): CliResult {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, METADATA_SERVER_DETECTION: 'none', NO_COLOR: '1' },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = r.error ? String(r.error) : (r.stderr ?? '') + (r.status !== 0 ? (r.stdout ?? '').slice(-2000) : '');
  return { ok: r.status === 0 && !r.error, ms, status: r.status, stderr };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function readPerf(dir: string): PerfInfo | undefined {
  const file = join(dir, 'target', 'perf_info.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PerfInfo;
  } catch {
    return undefined;
  }
}

function fail(step: string, r: CliResult): void {
  const tail = r.stderr.trim().split('\n').slice(-12).join('\n');
  console.log(`  ! ${step} failed (exit ${r.status ?? 'signal/timeout'}):\n${indent(tail)}`);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

/** Median wall ms of `runs` CLI runs, or undefined when any run fails. */
function timeCommand(command: string[], dir: string, runs: number): number | undefined {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = tx([...command, '--project-dir', dir], dir);
    if (!r.ok) {
      fail(`tx ${command.join(' ')}`, r);
      return undefined;
    }
    times.push(r.ms);
  }
  return median(times);
}

function fmt(n: number | undefined, digits = 0): string {
  return n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

interface SizeResult {
  models: number;
  parseMs?: number;
  compileMs?: number;
  perf?: PerfInfo;
}

function benchCompile(root: string, sizes: number[], runs: number): void {
  console.log(`\n== parse / compile (median of ${runs} runs, wall time including node startup) ==`);
  const results: SizeResult[] = [];
  for (const models of sizes) {
    const dir = join(root, `project_${models}`);
    const result: SizeResult = { models };
    results.push(result);
    try {
      const t0 = Date.now();
      generateProject(dir, { models, seed: 42 });
      console.log(`  generated ${models} models in ${Date.now() - t0} ms`);
    } catch (e) {
      console.log(`  ! generating ${models} models failed: ${String(e)}`);
      continue;
    }
    result.parseMs = timeCommand(['parse'], dir, runs);
    result.compileMs = timeCommand(['compile'], dir, runs);
    result.perf = readPerf(dir);
    if (!result.perf) console.log(`  (no target/perf_info.json for ${models} models)`);
  }
  const rows = [['models', 'parse ms', 'compile ms', 'ms/model', 'peak RSS MB', 'nodes', 'load', 'parse', 'graph', 'compile', 'write', 'analysis']];
  for (const r of results) {
    const p = r.perf?.phases ?? {};
    rows.push([
      String(r.models),
      fmt(r.parseMs),
      fmt(r.compileMs),
      fmt(r.compileMs === undefined ? undefined : r.compileMs / r.models, 3),
      fmt(r.perf?.peak_rss_bytes === undefined ? undefined : r.perf.peak_rss_bytes / 1024 / 1024, 1),
      fmt(r.perf?.node_count),
      fmt(p.load_ms),
      fmt(p.parse_ms),
      fmt(p.graph_ms),
      fmt(p.compile_ms),
      fmt(p.write_ms),
      fmt(p.analysis_ms),
    ]);
  }
  console.log(table(rows));
  console.log('  (load..analysis: phase ms reported by tx in perf_info.json for the last compile run;');
  console.log('   analysis is static SQL analysis and column lineage, to compare with compile, the rendering)');
  const small = results.find((r) => r.models === 1000) ?? results[0];
  const large = results.find((r) => r.models === 10000) ?? results[results.length - 1];
  if (small && large && small !== large && small.compileMs && large.compileMs) {
    const ratio = large.compileMs / small.compileMs;
    const ideal = large.models / small.models;
    console.log(`  compile(${large.models})/compile(${small.models}) = ${ratio.toFixed(2)} (≈${ideal} means linear)`);
    const sp = small.perf?.phases?.compile_ms;
    const lp = large.perf?.phases?.compile_ms;
    if (sp && lp) console.log(`  in-process compile phase ratio = ${(lp / sp).toFixed(2)}`);
  }
}

/**
 * The same views tx built, as plain `create or replace view` statements in dependency order
 * (from target/manifest.json: relation_name and compiled_code), so both sides build the same
 * 500 views from nothing.
 */
function viewStatements(dir: string): { source: string; statements: string[] } {
  const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8')) as {
    nodes: Record<string, { resource_type: string; relation_name: string | null; compiled_code?: string; depends_on: { nodes: string[] } }>;
  };
  const models = Object.entries(manifest.nodes).filter(([, n]) => n.resource_type === 'model' && n.relation_name && n.compiled_code);
  const byId = new Map(models);
  const done = new Set<string>();
  const statements: string[] = [];
  const visit = (id: string): void => {
    if (done.has(id) || !byId.has(id)) return;
    done.add(id);
    const n = byId.get(id)!;
    n.depends_on.nodes.forEach(visit);
    statements.push(`create or replace view ${n.relation_name} as (\n${n.compiled_code}\n)`);
  };
  for (const [id] of models.sort(([a], [b]) => (a < b ? -1 : 1))) visit(id);
  return { source: 'manifest.json compiled_code, dependency order', statements };
}

async function benchViews(root: string, views: number, runs: number): Promise<void> {
  console.log(`\n== run: ${views} views, tx run --threads 4 vs the same DDL on @duckdb/node-api ==`);
  const name = 'tx_bench';
  const dir = join(root, `views_${views}`);
  try {
    generateProject(dir, { models: views, seed: 7, allViews: true, name });
  } catch (e) {
    console.log(`  ! generating the view project failed: ${String(e)}`);
    return;
  }
  const seed = tx(['seed', '--project-dir', dir], dir);
  if (!seed.ok) fail('tx seed', seed);
  const txTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = tx(['run', '--threads', '4', '--project-dir', dir], dir);
    if (!r.ok) {
      fail('tx run --threads 4', r);
      break;
    }
    txTimes.push(r.ms);
  }
  const txMs = txTimes.length > 0 ? median(txTimes) : undefined;

  let directMs: number | undefined;
  let directNote = '';
  try {
    const { statements, source } = viewStatements(dir);
    if (statements.length === 0) throw new Error('no compiled SQL found under target/run or target/compiled');
    directNote = `${statements.length} statements from ${source}`;
    directMs = await runDirect(dir, root, name, statements, runs);
  } catch (e) {
    console.log(`  ! direct DuckDB execution failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  console.log(
    table([
      ['what', 'median ms', 'what is timed'],
      ['tx run --threads 4 (whole CLI)', fmt(txMs), 'process start, parse, compile, connect, run, artifacts'],
      ['DDL on @duckdb/node-api', fmt(directMs), `the statements only, one connection${directNote ? ` (${directNote})` : ''}`],
    ]),
  );
  if (txMs !== undefined && directMs !== undefined) {
    console.log(`  tx overhead: ${fmt(txMs - directMs)} ms (${fmt(((txMs - directMs) / views) * 1000, 0)} µs/view)`);
  }
}

/** Loads the seeds into a fresh database of the same name (same catalog), then times the DDL. */
async function runDirect(dir: string, root: string, name: string, statements: string[], runs: number): Promise<number> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dbDir = join(root, `direct_${i}`);
    rmSync(dbDir, { recursive: true, force: true });
    mkdirSync(dbDir, { recursive: true });
    const instance = await DuckDBInstance.create(join(dbDir, `${name}.duckdb`));
    const conn = await instance.connect();
    try {
      for (const csv of readdirSync(join(dir, 'seeds')).filter((f) => f.endsWith('.csv')).sort()) {
        const table = csv.replace(/\.csv$/, '');
        const path = join(dir, 'seeds', csv).replace(/'/g, "''");
        await conn.run(`create or replace table main."${table}" as select * from read_csv('${path}', header = true)`);
      }
      const start = process.hrtime.bigint();
      for (const sql of statements) await conn.run(sql);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  }
  return median(times);
}

async function main(): Promise<void> {
  const sizes = arg('sizes', '1000,10000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isFinite(n) && n > 0);
  const runs = Math.max(1, Number(arg('runs', '3')) || 3);
  const views = Math.max(3, Number(arg('views', '500')) || 500);
  const keep = process.argv.includes('--keep');
  const root = mkdtempSync(join(tmpdir(), 'tx-bench-'));
  console.log(`tx bench: node ${process.version}, ${process.platform}/${process.arch}, cli ${CLI}, workdir ${root}`);
  if (!existsSync(CLI)) console.log(`  ! ${CLI} does not exist; run \`npm run build\` first (steps will fail)`);
  try {
    benchCompile(root, sizes, runs);
  } catch (e) {
    console.log(`  ! compile benchmark crashed: ${String(e)}`);
  }
  try {
    await benchViews(root, views, runs);
  } catch (e) {
    console.log(`  ! run benchmark crashed: ${String(e)}`);
  }
  if (keep) console.log(`\nkept ${root}`);
  else rmSync(root, { recursive: true, force: true });
}

await main();
