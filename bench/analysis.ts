/**
 * Static analysis coverage and cost: `node dist/bench/analysis.js [--models 10000] [--runs 3]`.
 *
 * 1. Coverage: `tx compile --debug` on a copy of every fixture project, the example project and
 *    a generated bench project; from tx's own summary line, how many nodes parsed and how many
 *    models have complete column lineage, and how many static-analysis errors (TX051x) appeared
 *    in projects that are not broken on purpose (each one would be a false error).
 * 2. Cost: on the generated project of --models models, the median over --runs compiles of
 *    perf_info's analysis_ms against compile_ms (rendering with resolved refs) and parse_ms
 *    (which renders every file once more, in capture mode).
 * It prints numbers and never fails.
 */
process.env.METADATA_SERVER_DETECTION = 'none';

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProject } from './generate.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
/** Broken on purpose: their errors are expected. */
const BROKEN = new Set(['errors', 'static_errors']);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

interface Coverage {
  project: string;
  exit: number | null;
  analysed: number;
  parsed: number;
  generated: number;
  lineage: number;
  complete: number;
  staticErrors: number;
}

function tx(command: string, dir: string, extra: string[] = []): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [CLI, command, '--project-dir', dir, ...extra], {
    cwd: dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 15 * 60 * 1000,
    env: { ...process.env, NO_COLOR: '1', DBT_PROFILES_DIR: '', METADATA_SERVER_DETECTION: 'none' },
  });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

const compile = (dir: string, extra: string[] = []) => tx('compile', dir, extra);

function coverage(project: string, dir: string): Coverage {
  // Packages must be installed, and macros that read the warehouse need the seeds loaded.
  if (existsSync(join(dir, 'packages.yml'))) tx('deps', dir);
  if (existsSync(join(dir, 'seeds'))) tx('seed', dir);
  const { status, out } = compile(dir, ['--debug']);
  const m = /static analysis: (\d+) nodes analysed, (\d+) parsed, (\d+) built-in tests checked from their arguments alone, (\d+) of (\d+) models/.exec(out);
  return {
    project, exit: status,
    analysed: Number(m?.[1] ?? 0), parsed: Number(m?.[2] ?? 0), generated: Number(m?.[3] ?? 0), complete: Number(m?.[4] ?? 0), lineage: Number(m?.[5] ?? 0),
    staticErrors: [...out.matchAll(/error TX051\d/g)].length,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);

function main(): void {
  const root = mkdtempSync(join(tmpdir(), 'tx-analysis-bench-'));
  const models = Number(arg('models', '10000'));
  const runs = Number(arg('runs', '3'));
  try {
    const rows: Coverage[] = [];
    const fixtures = join(REPO, 'test', 'fixtures', 'projects');
    // Local packages the fixtures install (`local: ../tx_utils`) sit beside them.
    const localPackages = join(REPO, 'test', 'fixtures', 'packages');
    if (existsSync(localPackages)) cpSync(localPackages, root, { recursive: true });
    const projects = [...readdirSync(fixtures).filter((p) => !BROKEN.has(p)).map((p) => [p, join(fixtures, p)] as const), ['example_project', join(REPO, 'example_project')] as const];
    for (const [name, src] of projects) {
      const dir = join(root, name);
      cpSync(src, dir, { recursive: true, filter: (s) => !/[\\/](target|logs)([\\/]|$)/.test(s) });
      rows.push(coverage(name, dir));
    }
    const bench = join(root, `bench_${models}`);
    generateProject(bench, { models, seed: 42 });
    rows.push(coverage(`bench (${models} models)`, bench));

    console.log('== static analysis coverage (tx compile; projects that fail before analysis show 0) ==');
    console.log(['project', 'exit', 'analysed', 'parsed', 'models', 'complete lineage', 'TX051x errors'].join('\t'));
    for (const r of rows) console.log([r.project, r.exit, r.analysed, r.parsed, r.lineage, r.complete, r.staticErrors].join('\t'));
    const sum = (k: keyof Coverage) => rows.reduce((n, r) => n + (r[k] as number), 0);
    console.log(`total: ${sum('parsed')}/${sum('analysed')} nodes parsed (${pct(sum('parsed'), sum('analysed'))}), ` +
      `${sum('complete')}/${sum('lineage')} models and snapshots with complete lineage (${pct(sum('complete'), sum('lineage'))}), ` +
      `${sum('staticErrors')} static-analysis errors in projects that are not broken on purpose`);

    console.log(`\n== cost on ${models} models (median of ${runs} compiles; perf_info.json phases, ms) ==`);
    const phases: Record<string, number[]> = { parse_ms: [], compile_ms: [], analysis_ms: [] };
    for (let i = 0; i < runs; i++) {
      compile(bench);
      const file = join(bench, 'target', 'perf_info.json');
      if (!existsSync(file)) continue;
      const p = (JSON.parse(readFileSync(file, 'utf8')) as { phases: Record<string, number> }).phases;
      for (const k of Object.keys(phases)) if (typeof p[k] === 'number') phases[k]!.push(p[k]!);
    }
    const [pa, co, an] = [median(phases['parse_ms']!), median(phases['compile_ms']!), median(phases['analysis_ms']!)];
    console.log(`parse (renders in capture mode) ${pa.toFixed(0)}  compile (renders with refs) ${co.toFixed(0)}  analysis ${an.toFixed(0)}`);
    console.log(`analysis / compile rendering = ${(an / co).toFixed(2)}; analysis / all rendering (parse + compile) = ${(an / (pa + co)).toFixed(2)}`);
  } finally {
    if (!process.argv.includes('--keep')) rmSync(root, { recursive: true, force: true });
  }
}

main();
