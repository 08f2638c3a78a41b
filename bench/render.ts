/**
 * Rendering speed of tx's Jinja layer against plain nunjucks on the same templates:
 * `npm run build && node dist/bench/render.js [--models 1000] [--runs 15] [--repeat 20]`.
 *
 * generate.ts writes a synthetic project; both engines get the same macro files, the same
 * ref/source/config/var functions and the same models. Compile time (all models once) and
 * render time (every model `--repeat` times) are measured separately, each the median of
 * `--runs` runs (alternating between the engines) after a warm-up run, and the outputs are checked to be the same text.
 * It prints numbers; the overhead target is at most 20% on render.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { createBuiltins } from '../src/jinja/builtins.js';
import { TxJinja, type TxTemplate } from '../src/jinja/tx-jinja.js';
import { generateProject } from './generate.js';

const DATE_TRUNC = "{% macro date_trunc(datepart, date) -%}date_trunc('{{ datepart }}', {{ date }}){%- endmacro %}";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1] ?? fallback) : fallback;
}

function files(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

/** The dbt functions the models call, identical for both engines. */
function contextFunctions(): Record<string, unknown> {
  const vars: Record<string, unknown> = { amount_scale: 1.5, min_amount: 0, lookback_days: 30, bench_categories: ['alpha', 'beta', 'gamma', 'delta'] };
  return {
    ref: (name: string) => `"bench"."main"."${name}"`,
    source: (s: string, t: string) => `"bench"."${s}"."${t}"`,
    config: () => '',
    var: (name: string, dflt?: unknown) => vars[name] ?? dflt,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface Engine {
  name: string;
  compile(): void;
  render(): string[];
}

function plainEngine(macros: string[], models: string[]): Engine {
  const env = new nunjucks.Environment([], { autoescape: false });
  for (const [k, v] of Object.entries(contextFunctions())) env.addGlobal(k, v);
  const exported = (src: string): Record<string, unknown> => {
    let out: Record<string, unknown> = {};
    (new nunjucks.Template(src, env) as unknown as { getExported(cb: (err: unknown, exp: unknown) => void): void }).getExported((err, exp) => {
      if (err) throw err;
      out = exp as Record<string, unknown>;
    });
    return out;
  };
  for (const src of macros) for (const [k, v] of Object.entries(exported(src))) env.addGlobal(k, v);
  env.addGlobal('dbt', exported(DATE_TRUNC));
  let templates: nunjucks.Template[] = [];
  return {
    name: 'plain nunjucks',
    compile: () => {
      templates = models.map((src, i) => new nunjucks.Template(src, env, `model_${i}.sql`, true));
    },
    render: () => templates.map((t) => t.render({})),
  };
}

function txEngine(macroFiles: string[], macros: string[], models: string[]): Engine {
  const globals = createBuiltins({ invocationId: 'bench', runStartedAt: new Date(0), env: {}, log: () => {} });
  const j = new TxJinja({ rootPackage: 'tx_bench', adapterType: 'duckdb', globals });
  macros.forEach((src, i) => j.addMacroFile('tx_bench', macroFiles[i] ?? `macro_${i}.sql`, src));
  j.addMacroFile('dbt', '/dbt/date_trunc.sql', DATE_TRUNC);
  const scope = contextFunctions();
  let templates: TxTemplate[] = [];
  return {
    name: 'tx (extended nunjucks)',
    compile: () => {
      templates = models.map((src, i) => j.compile(src, `model_${i}.sql`));
    },
    render: () => templates.map((t) => j.render(t, scope)),
  };
}

interface Result {
  compileMs: number;
  renderMs: number;
  /** Best run: the least disturbed by other load on the machine. */
  renderMinMs: number;
  outputs: string[];
}

/** Runs alternate between the engines so drift (JIT, GC, CPU frequency) hits both alike. */
function measure(engines: Engine[], runs: number, repeat: number): Result[] {
  const samples = engines.map(() => ({ compile: [] as number[], render: [] as number[], outputs: [] as string[] }));
  for (const e of engines) {
    e.compile();
    for (let r = 0; r < repeat; r++) e.render();
  }
  for (let i = 0; i < runs; i++) {
    engines.forEach((e, k) => {
      const s = samples[k]!;
      s.compile.push(time(() => e.compile()));
      s.render.push(time(() => {
        for (let r = 0; r < repeat; r++) s.outputs = e.render();
      }));
    });
  }
  return samples.map((s) => ({ compileMs: median(s.compile), renderMs: median(s.render), renderMinMs: Math.min(...s.render), outputs: s.outputs }));
}

function main(): void {
  const models = arg('models', 1000);
  const runs = arg('runs', 15);
  const repeat = arg('repeat', 20);
  const dir = mkdtempSync(join(tmpdir(), 'tx-render-bench-'));
  try {
    generateProject(dir, { models });
    const macroFiles = files(join(dir, 'macros'), '.sql');
    const macros = macroFiles.map((f) => readFileSync(f, 'utf8'));
    const sources = files(join(dir, 'models'), '.sql').map((f) => readFileSync(f, 'utf8'));
    const [plain, tx] = measure([plainEngine(macros, sources), txEngine(macroFiles, macros, sources)], runs, repeat) as [Result, Result];
    // Jinja drops a template's trailing newline; nunjucks keeps it.
    const differing = plain.outputs.filter((o, i) => o.replace(/\n$/, '') !== tx.outputs[i]).length;
    const renders = sources.length * repeat;
    console.log(`render benchmark: ${sources.length} models, ${repeat} renders each, median of ${runs} runs`);
    for (const [name, m] of [['plain nunjucks', plain], ['tx (extended nunjucks)', tx]] as const) {
      console.log(`  ${name.padEnd(24)} compile ${m.compileMs.toFixed(1).padStart(8)} ms   render ${m.renderMs.toFixed(1).padStart(8)} ms (best ${m.renderMinMs.toFixed(1)} ms, ${((m.renderMs * 1000) / renders).toFixed(1)} µs/render)`);
    }
    const pct = (a: number, b: number) => {
      const p = (a / b - 1) * 100;
      return `${p >= 0 ? '+' : ''}${p.toFixed(1)}%`;
    };
    console.log(`  render overhead of tx: ${pct(tx.renderMs, plain.renderMs)} on medians, ${pct(tx.renderMinMs, plain.renderMinMs)} on best runs (target: at most +20%)`);
    console.log(`  compile overhead of tx: ${pct(tx.compileMs, plain.compileMs)}`);
    console.log(`  outputs identical: ${differing === 0 ? 'yes' : `no (${differing} models differ)`}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
