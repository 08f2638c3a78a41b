import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createCliReporter, type CliReporterOptions } from '../../../src/cli/reporter.js';
import type { NodeResultEvent, TxEvent } from '../../../src/events/events.js';
import { TxError, TxCodes } from '../../../src/errors/tx-error.js';

function sink() {
  const chunks: string[] = [];
  const stream = new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } });
  return { stream, text: () => chunks.join('') };
}

function reporter(over: Partial<CliReporterOptions> = {}) {
  const out = sink();
  const err = sink();
  const r = createCliReporter({ out: out.stream, err: err.stream, format: 'text', color: false, quiet: false, debug: false, cwd: '/p', clock: () => new Date('2024-01-02T13:14:15Z'), invocationId: 'inv-1', ...over });
  return { r, out, err };
}

const model = { unique_id: 'model.p.user_features', resource_type: 'model', description: 'sql table model', display_name: 'main_silver.user_features', name: 'user_features', original_file_path: 'models/user_features.sql', materialized: 'table' };
const seed = { unique_id: 'seed.p.raw', resource_type: 'seed', description: 'seed file', display_name: 'main.raw', name: 'raw' };
const view = { unique_id: 'model.p.v', resource_type: 'model', description: 'sql view model', display_name: 'main.v', name: 'v', original_file_path: 'models/v.sql' };
const test = { unique_id: 'test.p.nn', resource_type: 'test', description: 'test', display_name: 'not_null_v_id', name: 'not_null_v_id' };

const res = (node: typeof model | typeof seed | typeof view | typeof test, status: NodeResultEvent['status'], message: string, extra: Partial<NodeResultEvent> = {}): NodeResultEvent =>
  ({ node, status, execution_time: 0.123, message, compiled_path: `target/run/p/${node.name}.sql`, thread_id: 'Thread-1 (worker)', ...extra });

function runEvents(): TxEvent[] {
  const ok = res(model, 'success', 'OK');
  const sd = res(seed, 'success', 'INSERT 1000');
  const bad = res(view, 'error', 'Binder Error: column x not found');
  const skip = res(test, 'skipped', '');
  return [
    { type: 'found', counts: { model: 2, seed: 1, test: 1, source: 1, macro: 3, exposure: 0 } },
    { type: 'concurrency', threads: 4, target: 'dev' },
    { type: 'node_start', index: 1, total: 4, node: model },
    { type: 'node_finish', index: 1, total: 4, ...ok },
    { type: 'node_finish', index: 2, total: 4, ...sd },
    { type: 'node_finish', index: 3, total: 4, ...bad },
    { type: 'node_finish', index: 4, total: 4, ...skip },
    { type: 'run_finished', results: [ok, sd, bad, skip], elapsed: 1.234, cancelled: false },
  ];
}

describe('cli reporter (text)', () => {
  it('formats lines like dbt', () => {
    const { r, out } = reporter();
    for (const e of runEvents()) r.emit(e);
    const lines = out.text().split('\n');
    expect(lines).toContain('13:14:15  Found 2 models, 1 seed, 1 data test, 1 source, 3 macros');
    expect(lines).toContain("13:14:15  Concurrency: 4 threads (target='dev')");
    expect(lines).toContain('13:14:15  1 of 4 START sql table model main_silver.user_features ......................... [RUN]');
    expect(lines).toContain('13:14:15  1 of 4 OK created sql table model main_silver.user_features .................... [OK in 0.12s]');
    expect(lines).toContain('13:14:15  2 of 4 OK loaded seed file main.raw ............................................ [INSERT 1000 in 0.12s]');
    expect(lines).toContain('13:14:15  3 of 4 ERROR creating sql view model main.v .................................... [ERROR in 0.12s]');
    expect(lines).toContain('13:14:15  4 of 4 SKIP test not_null_v_id ................................................. [SKIP]');
    expect(lines).toContain('13:14:15  Finished running 1 table model, 1 seed, 1 view model, 1 data test in 0 hours 0 minutes and 1.23 seconds (1.23s).');
    expect(lines).toContain('13:14:15  Completed with 1 error, 0 partial successes, and 0 warnings:');
    expect(lines).toContain('13:14:15    Database Error in model v (models/v.sql)');
    expect(lines).toContain('  Binder Error: column x not found');
    expect(lines).toContain('  compiled code at target/run/p/v.sql');
    expect(lines).toContain('13:14:15  Done. PASS=2 WARN=0 ERROR=1 SKIP=1 NO-OP=0 TOTAL=4');
    // The dotted part is dbt's 80-column justification.
    const start = lines.find((l) => l.includes('START'))!;
    expect(start.slice(10).indexOf(' [RUN]')).toBe(80);
  });

  it('prints Completed successfully and test results', () => {
    const { r, out } = reporter();
    const pass = res(test, 'pass', 'PASS');
    r.emit({ type: 'node_finish', index: 1, total: 1, ...pass });
    r.emit({ type: 'run_finished', results: [pass], elapsed: 0.5, cancelled: false });
    expect(out.text()).toContain('1 of 1 PASS not_null_v_id');
    expect(out.text()).toContain('[PASS in 0.12s]');
    expect(out.text()).toContain('Completed successfully');
  });

  it("a microbatch model's partial success: dbt's PARTIALLY created line, its own summary wording, counted as an error", () => {
    const { r, out } = reporter();
    const mb = { ...model, description: 'sql incremental model', display_name: 'main.events_daily', materialized: 'incremental' };
    const partial = res(mb, 'partial success', 'PARTIAL SUCCESS (2/3)');
    r.emit({ type: 'node_finish', index: 1, total: 1, ...partial });
    r.emit({ type: 'run_finished', results: [partial], elapsed: 0.5, cancelled: false });
    const lines = out.text().split('\n');
    expect(lines.find((l) => l.includes('PARTIALLY created'))).toMatch(/^13:14:15  1 of 1 PARTIALLY created sql incremental model main\.events_daily \.+ \[PARTIAL SUCCESS \(2\/3\) in 0\.12s\]$/);
    expect(lines).toContain('13:14:15  Completed with 1 partial success and 0 warnings');
    expect(lines).toContain('13:14:15  Done. PASS=0 WARN=0 ERROR=1 SKIP=0 NO-OP=0 TOTAL=1');
    const withError = reporter();
    const bad = res(view, 'error', 'boom');
    withError.r.emit({ type: 'run_finished', results: [partial, bad], elapsed: 0.5, cancelled: false });
    expect(withError.out.text()).toContain('Completed with 1 error, 1 partial success, and 0 warnings:');
  });

  it('colours only when asked', () => {
    const plain = reporter();
    const coloured = reporter({ color: true });
    for (const e of runEvents()) { plain.r.emit(e); coloured.r.emit(e); }
    expect(plain.out.text()).not.toContain('\x1b[');
    expect(coloured.out.text()).toContain('\x1b[32mOK\x1b[0m');
    expect(coloured.out.text()).toContain('\x1b[31mERROR\x1b[0m');
    expect(coloured.out.text()).toContain('\x1b[33mSKIP\x1b[0m');
  });

  it('quiet keeps errors and the summary only', () => {
    const { r, out } = reporter({ quiet: true });
    for (const e of runEvents()) r.emit(e);
    const text = out.text();
    expect(text).not.toContain('START');
    expect(text).not.toContain('Found');
    expect(text).toContain('ERROR creating');
    expect(text).toContain('Done. PASS=2');
  });

  it('writes diagnostics to stderr with position', () => {
    const { r, out, err } = reporter();
    r.emit({ type: 'diagnostic', error: new TxError({ code: TxCodes.RefNotFound, message: "ref('x') not found", loc: { file: '/p/models/a.sql', line: 3, col: 5 }, hint: "did you mean 'y'?" }) });
    expect(out.text()).toBe('');
    expect(err.text()).toContain("models/a.sql:3:5: error TX0301: ref('x') not found");
    expect(err.text()).toContain("hint: did you mean 'y'?");
  });

  it('debug lines only with debug', () => {
    const a = reporter();
    const b = reporter({ debug: true });
    a.r.emit({ type: 'debug', message: 'hello' });
    b.r.emit({ type: 'debug', message: 'hello' });
    expect(a.out.text()).toBe('');
    expect(b.out.text()).toBe('13:14:15  hello\n');
  });
});

describe('cli reporter (json)', () => {
  it('writes one dbt-shaped JSON object per line', () => {
    const { r, out } = reporter({ format: 'json', color: true });
    for (const e of runEvents()) r.emit(e);
    const lines = out.text().trim().split('\n').map((l) => JSON.parse(l));
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(['data', 'info']);
      expect(l.info).toMatchObject({ invocation_id: 'inv-1', ts: '2024-01-02T13:14:15.000000Z' });
      expect(l.info.msg).not.toContain('\x1b[');
    }
    const start = lines.find((l) => l.info.name === 'LogStartLine');
    expect(start.info).toMatchObject({ code: 'Q011', level: 'info' });
    expect(start.data).toMatchObject({ index: 1, total: 4 });
    const err = lines.find((l) => l.info.name === 'LogModelResult' && l.info.level === 'error');
    expect(err.info.msg).toContain('ERROR creating sql view model main.v');
    expect(lines.at(-1).info.name).toBe('StatsLine');
  });
});

describe('cli reporter: project hooks', () => {
  const hook = (i: number) => ({ unique_id: `operation.p.p-on-run-start-${i}`, resource_type: 'operation', description: 'hook', display_name: `p.on-run-start.${i}`, name: `p-on-run-start-${i}`, original_file_path: './dbt_project.yml' });
  const done = (i: number, status: NodeResultEvent['status'], message: string): NodeResultEvent =>
    ({ node: hook(i), status, execution_time: 0.01, message, compiled_path: null, thread_id: 'main', failures: status === 'success' ? 0 : 1 });

  it('prints dbt hook lines, project hook counts and the failing hook as dbt does', () => {
    const { r, out } = reporter();
    const ok = done(0, 'success', 'p.on-run-start.0 passed');
    const bad = done(1, 'error', 'p.on-run-start.1 failed, error:\n relation "x" does not exist');
    const skip = done(2, 'skipped', 'p.on-run-start.2 skipped');
    r.emit({ type: 'node_start', index: 1, total: 3, node: hook(0) });
    r.emit({ type: 'node_finish', index: 1, total: 3, ...ok });
    r.emit({ type: 'node_start', index: 2, total: 3, node: hook(1) });
    r.emit({ type: 'node_finish', index: 2, total: 3, ...bad });
    r.emit({ type: 'node_finish', index: 3, total: 3, ...skip });
    r.emit({ type: 'formatting' });
    r.emit({ type: 'run_finished', results: [ok, bad, skip], elapsed: 0.5, cancelled: false });
    const lines = out.text().split('\n');
    expect(lines).toContain('13:14:15  1 of 3 START hook: p.on-run-start.0 ............................................ [RUN]');
    expect(lines).toContain('13:14:15  1 of 3 OK hook: p.on-run-start.0 ............................................... [OK in 0.01s]');
    expect(lines).toContain('13:14:15  2 of 3 OK hook: p.on-run-start.1 ............................................... [ERROR in 0.01s]');
    expect(lines).toContain('13:14:15  3 of 3 OK hook: p.on-run-start.2 ............................................... [SKIP in 0.01s]');
    expect(lines).toContain('13:14:15  Finished running 3 project hooks in 0 hours 0 minutes and 0.50 seconds (0.50s).');
    expect(lines).toContain('13:14:15    p.on-run-start.1 failed, error:');
    expect(lines).toContain(' relation "x" does not exist');
    expect(lines).toContain('13:14:15  Done. PASS=1 WARN=0 ERROR=1 SKIP=1 NO-OP=0 TOTAL=3');
  });

  it('cuts a long hook line to the printer width, as dbt does', () => {
    const { r, out } = reporter();
    const long = { ...hook(0), display_name: `a_very_long_package_name_for_hooks_${'x'.repeat(40)}.on-run-start.0` };
    r.emit({ type: 'node_start', index: 1, total: 1, node: long });
    const line = out.text().trim().slice(10);
    expect(line).toMatch(/\.\.\. \[RUN\]$/);
    expect(line.indexOf(' [RUN]')).toBe(80);
  });

  it('names the events in JSON logs', () => {
    const { r, out } = reporter({ format: 'json' });
    r.emit({ type: 'node_start', index: 1, total: 1, node: hook(0) });
    r.emit({ type: 'node_finish', index: 1, total: 1, ...done(0, 'success', 'p.on-run-start.0 passed') });
    const [start, end] = out.text().trim().split('\n').map((l) => JSON.parse(l));
    expect(start.info).toMatchObject({ name: 'LogHookStartLine', code: 'Q032' });
    expect(start.data).toMatchObject({ statement: 'p.on-run-start.0', index: 1, total: 1 });
    expect(end.info).toMatchObject({ name: 'LogHookEndLine', code: 'Q033' });
    expect(end.data).toMatchObject({ statement: 'p.on-run-start.0', status: 'success' });
  });
});
