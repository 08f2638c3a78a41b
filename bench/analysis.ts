/**
 * Static analysis coverage and cost: `node dist/bench/analysis.js [--models 10000] [--runs 3] [--sample 1000]`.
 *
 * 1. Coverage: `tx compile --debug` on a copy of every DuckDB fixture project, the example project
 *    and a generated bench project; from tx's own summary line, how many nodes and models parsed,
 *    how many models have complete column lineage, and how many static-analysis errors (TX051x)
 *    appeared in projects that are not broken on purpose (each one would be a false error).
 * 2. Cost: on the generated project of --models models, --runs compiles interleaved of each of:
 *    tx as it runs (the analysis on a worker thread), TX_ANALYSIS_WORKER=never (on the main
 *    thread), and a copy with static_analysis off; medians of wall time and perf_info phases:
 *    the worker's analysis_ms, the main thread's analysis_start_ms + analysis_wait_ms, and the
 *    wall time the analysis adds, against compile_ms (rendering with resolved refs).
 * 3. node-sql-parser's cost per model, per dialect (Postgres, Snowflake, BigQuery targets): a
 *    sample of the generated project's compiled models parsed and converted as `tx compile` does,
 *    median of --runs passes (BigQuery's copy quotes identifiers with backticks).
 * It prints numbers and never fails.
 */
process.env.METADATA_SERVER_DETECTION = 'none';

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProject } from './generate.js';
import { NodeSqlParser } from '../src/analysis/nsp-parser.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
/** Broken on purpose (their errors are expected), or written for another warehouse than DuckDB. */
const SKIPPED = new Set(['errors', 'static_errors', 'dialect_syntax']);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

interface Coverage {
  project: string;
  exit: number | null;
  analysed: number;
  parsed: number;
  /** Built-in tests checked from their arguments, not parsed. */
  generated: number;
  lineage: number;
  lineageParsed: number;
  complete: number;
  staticErrors: number;
}

function tx(command: string, dir: string, extra: string[] = [], env: Record<string, string> = {}): { status: number | null; out: string; ms: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, command, '--project-dir', dir, ...extra], {
    cwd: dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 15 * 60 * 1000,
    env: { ...process.env, NO_COLOR: '1', DBT_PROFILES_DIR: '', METADATA_SERVER_DETECTION: 'none', ...env },
  });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, ms: performance.now() - started };
}

const compile = (dir: string, extra: string[] = [], env: Record<string, string> = {}) => tx('compile', dir, extra, env);

function coverage(project: string, dir: string): Coverage {
  // Packages must be installed, and macros that read the warehouse need the seeds loaded.
  if (existsSync(join(dir, 'packages.yml'))) tx('deps', dir);
  if (existsSync(join(dir, 'seeds'))) tx('seed', dir);
  const { status, out } = compile(dir, ['--debug']);
  const m = /static analysis: (\d+) nodes analysed, (\d+) parsed, (\d+) built-in tests checked from their arguments alone, (\d+) of (\d+) models and snapshots with complete lineage \((\d+) parsed\)/.exec(out);
  const n = (i: number) => Number(m?.[i] ?? 0);
  return {
    project, exit: status,
    analysed: n(1), parsed: n(2), generated: n(3), complete: n(4), lineage: n(5), lineageParsed: n(6),
    staticErrors: [...out.matchAll(/error TX051\d/g)].length,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);

function sqlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    // Generic tests compile under a folder named after their YAML file.
    if (statSync(p).isDirectory()) return f.endsWith('.yml') ? [] : sqlFiles(p);
    return f.endsWith('.sql') ? [p] : [];
  });
}

/** node-sql-parser's parse and conversion, per model and dialect, on a sample of compiled models. */
async function nspCost(bench: string, sample: number, runs: number): Promise<void> {
  const files = sqlFiles(join(bench, 'target', 'compiled')).sort();
  const step = Math.max(1, Math.floor(files.length / sample));
  const models = files.filter((_, i) => i % step === 0).slice(0, sample).map((f) => readFileSync(f, 'utf8'));
  if (models.length === 0) return;
  const lines = models.reduce((n, s) => n + s.split('\n').length, 0) / models.length;
  console.log(`\n== node-sql-parser per model (${models.length} compiled models of the generated project, ${lines.toFixed(0)} lines on average; median of ${runs} passes) ==`);
  console.log(['dialect', 'ms per model', 'cpu ms per model', 'parsed'].join('\t'));
  for (const dialect of ['postgresql', 'snowflake', 'bigquery']) {
    const texts = dialect === 'bigquery' ? models.map((s) => s.replace(/"([^"]*)"/g, '`$1`')) : models;
    const parser = await NodeSqlParser.open(dialect);
    const wall: number[] = [];
    const cpu: number[] = [];
    let parsed = 0;
    // One pass to warm the JIT, then the measured ones.
    for (let r = 0; r <= runs; r++) {
      parsed = 0;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await parser.parseAll(texts, texts.map(() => false), (_i, o) => {
        if (o.ok && o.statements.every((s) => s.ok)) parsed++;
      });
      const c = process.cpuUsage(c0);
      if (r === 0) continue;
      wall.push((performance.now() - t0) / texts.length);
      cpu.push((c.user + c.system) / 1000 / texts.length);
    }
    parser.close();
    console.log([dialect, median(wall).toFixed(2), median(cpu).toFixed(2), `${parsed}/${texts.length}`].join('\t'));
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'tx-analysis-bench-'));
  const models = Number(arg('models', '10000'));
  const runs = Number(arg('runs', '3'));
  const sample = Number(arg('sample', '1000'));
  try {
    const rows: Coverage[] = [];
    const fixtures = join(REPO, 'test', 'fixtures', 'projects');
    // Local packages the fixtures install (`local: ../tx_utils`) sit beside them.
    const localPackages = join(REPO, 'test', 'fixtures', 'packages');
    if (existsSync(localPackages)) cpSync(localPackages, root, { recursive: true });
    const projects = [...readdirSync(fixtures).filter((p) => !SKIPPED.has(p)).map((p) => [p, join(fixtures, p)] as const), ['example_project', join(REPO, 'example_project')] as const];
    for (const [name, src] of projects) {
      const dir = join(root, name);
      cpSync(src, dir, { recursive: true, filter: (s) => !/[\\/](target|logs)([\\/]|$)/.test(s) });
      rows.push(coverage(name, dir));
    }
    const bench = join(root, `bench_${models}`);
    generateProject(bench, { models, seed: 42 });
    rows.push(coverage(`bench (${models} models)`, bench));

    console.log('== static analysis coverage (tx compile, DuckDB; projects that fail before analysis show 0) ==');
    console.log(['project', 'exit', 'analysed', 'parsed', 'tests from args', 'models', 'models parsed', 'complete lineage', 'TX051x errors'].join('\t'));
    for (const r of rows) console.log([r.project, r.exit, r.analysed, r.parsed, r.generated, r.lineage, r.lineageParsed, r.complete, r.staticErrors].join('\t'));
    const total = (list: Coverage[], k: keyof Coverage) => list.reduce((n, r) => n + (r[k] as number), 0);
    const summary = (label: string, list: Coverage[]) =>
      console.log(`${label}: ${total(list, 'parsed')}/${total(list, 'analysed') - total(list, 'generated')} nodes parsed (${pct(total(list, 'parsed'), total(list, 'analysed') - total(list, 'generated'))}; ` +
        `${total(list, 'generated')} more built-in tests checked from their arguments), ` +
        `${total(list, 'lineageParsed')}/${total(list, 'lineage')} models and snapshots parsed (${pct(total(list, 'lineageParsed'), total(list, 'lineage'))}), ` +
        `${total(list, 'complete')}/${total(list, 'lineage')} with complete lineage (${pct(total(list, 'complete'), total(list, 'lineage'))}), ` +
        `${total(list, 'staticErrors')} static-analysis errors`);
    summary('fixtures and example project', rows.slice(0, -1));
    summary('bench project', rows.slice(-1));
    summary('all', rows);

    console.log(`\n== cost on ${models} models (median of ${runs} interleaved compiles of each; wall and perf_info.json phases, ms) ==`);
    // worker: as tx runs by default (the analysis on a worker thread from WORKER_MIN_NODES nodes);
    // main: TX_ANALYSIS_WORKER=never; off: a copy of the project with static_analysis off.
    const off = join(root, 'bench-off');
    cpSync(bench, off, { recursive: true, filter: (src) => !/[\\/]target([\\/]|$)/.test(src) });
    writeFileSync(join(off, 'dbt_project.yml'), `${readFileSync(join(off, 'dbt_project.yml'), 'utf8').trimEnd()}\n    +static_analysis: 'off'\ndata_tests:\n  +static_analysis: 'off'\n`);
    const modes = { worker: { dir: bench, env: {} }, main: { dir: bench, env: { TX_ANALYSIS_WORKER: 'never' } }, off: { dir: off, env: { TX_ANALYSIS_WORKER: 'never' } } };
    const keys = ['wall', 'parse_ms', 'compile_ms', 'write_ms', 'manifest_ms', 'analysis_ms', 'analysis_start_ms', 'analysis_wait_ms'];
    const got: Record<string, Record<string, number[]>> = {};
    for (let i = 0; i < runs; i++) {
      for (const [mode, { dir, env }] of Object.entries(modes)) {
        const r = compile(dir, [], env);
        const file = join(dir, 'target', 'perf_info.json');
        if (r.status !== 0 || !existsSync(file)) continue;
        const p = (JSON.parse(readFileSync(file, 'utf8')) as { phases: Record<string, number> }).phases;
        const row = (got[mode] ??= Object.fromEntries(keys.map((k) => [k, []])));
        row['wall']!.push(r.ms);
        for (const k of keys.slice(1)) if (typeof p[k] === 'number') row[k]!.push(p[k]!);
      }
    }
    const med = (mode: string, k: string): number => median(got[mode]?.[k] ?? []);
    for (const mode of Object.keys(modes)) console.log(`${mode.padEnd(7)} ${keys.filter((k) => (got[mode]?.[k]?.length ?? 0) > 0).map((k) => `${k} ${med(mode, k).toFixed(0)}`).join('  ')}`);
    const co = med('worker', 'compile_ms');
    const mainCost = med('worker', 'analysis_start_ms') + med('worker', 'analysis_wait_ms');
    console.log(`analysis on a worker: ${med('worker', 'analysis_ms').toFixed(0)} ms of its own; the main thread spends ${mainCost.toFixed(0)} ms starting and awaiting it (${(mainCost / co).toFixed(2)}× compile rendering)`);
    console.log(`wall time the analysis adds: worker ${(med('worker', 'wall') - med('off', 'wall')).toFixed(0)} ms, main thread ${(med('main', 'wall') - med('off', 'wall')).toFixed(0)} ms, against compile rendering ${co.toFixed(0)} ms (parse ${med('worker', 'parse_ms').toFixed(0)})`);

    await nspCost(bench, sample, runs);
  } finally {
    if (!process.argv.includes('--keep')) rmSync(root, { recursive: true, force: true });
  }
}

await main();
