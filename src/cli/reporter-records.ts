/**
 * Maps each TxEvent to the dbt log events dbt would fire for it: name, code, level,
 * message and data. The text and JSON reporters both render these records, so the two
 * formats can never disagree about what happened.
 */
import type { NodeLabel, NodeResultEvent, TxEvent } from '../events/events.js';
import { formatDiagnostic } from '../errors/format.js';
import { fancyLine, pluralize, type Palette } from './format-line.js';
import { formatFoundLine } from './format-found.js';
import { freshnessFinished, freshnessResultLine } from './freshness-records.js';
import { blank, finishedRunningStats, nodeInfo, type Level, type LogRecord } from './log-record.js';

export type { Level, LogRecord } from './log-record.js';

export interface RecordContext {
  palette: Palette;
  color: boolean;
  cwd: string;
}

/** dbt's NodeType.refable(): nodes that are relations print "SKIP relation schema.name". */
const REFABLE = new Set(['model', 'seed', 'snapshot']);

function nodeName(n: NodeLabel): string {
  return n.name ?? n.display_name;
}

export function eventRecords(e: TxEvent, ctx: RecordContext): LogRecord[] {
  switch (e.type) {
    case 'info':
      return [{ name: 'Note', code: 'Z050', level: 'info', msg: e.message, data: { msg: e.message } }];
    case 'debug':
      return [{ name: 'Note', code: 'Z050', level: 'debug', msg: e.message, data: { msg: e.message } }];
    case 'output':
      return [{ name: 'PrintEvent', code: 'Z052', level: 'info', msg: e.text, data: { msg: e.text }, raw: true, summary: true }];
    case 'diagnostic': {
      const err = e.error;
      const level: Level = err.severity === 'warn' ? 'warn' : 'error';
      const msg = formatDiagnostic(err, { cwd: ctx.cwd, color: ctx.color });
      const data = { code: err.code, message: err.message, file: err.loc?.file ?? null, line: err.loc?.line ?? null, col: err.loc?.col ?? null, hint: err.hint ?? null };
      return [{ name: level === 'error' ? 'MainEncounteredError' : 'Note', code: level === 'error' ? 'Z002' : 'Z050', level, msg, data, raw: true, toErr: true }];
    }
    case 'found': {
      const msg = formatFoundLine(e.counts);
      return [{ name: 'FoundStats', code: 'W006', level: 'info', msg, data: { stat_line: msg.slice('Found '.length) } }];
    }
    case 'concurrency': {
      const msg = `Concurrency: ${e.threads} threads (target='${e.target}')`;
      return [blank(), { name: 'ConcurrencyLine', code: 'Q027', level: 'info', msg, data: { num_threads: e.threads, target_name: e.target } }, blank()];
    }
    case 'formatting':
      return [blank()];
    case 'node_start': {
      if (e.node.resource_type === 'operation') return [hookStartLine(e.node, e.index, e.total)];
      const msg = fancyLine(`START ${e.node.description} ${e.node.display_name}`, 'RUN', e.index, e.total);
      return [{ name: 'LogStartLine', code: 'Q011', level: 'info', msg, data: { description: `${e.node.description} ${e.node.display_name}`, index: e.index, total: e.total, node_info: nodeInfo(e.node) } }];
    }
    case 'node_finish':
      return [resultLine(e, e.index, e.total, ctx.palette)];
    case 'run_finished':
      return runSummary(e.results, e.elapsed, e.cancelled, ctx.palette);
    case 'freshness_result':
      return [freshnessResultLine(e, e.index, e.total, ctx.palette)];
    case 'freshness_finished':
      return freshnessFinished(e.results, e.elapsed, e.cancelled, ctx.palette);
  }
  // Unknown future variants are shown plainly rather than dropped.
  const unknown = e as { type: string };
  return [{ name: 'Note', code: 'Z050', level: 'info', msg: JSON.stringify(unknown), data: {} }];
}

/** dbt's LogHookStartLine: `1 of 2 START hook: my_project.on-run-start.0 ..... [RUN]`. */
function hookStartLine(n: NodeLabel, index: number, total: number): LogRecord {
  const msg = fancyLine(`START hook: ${n.display_name}`, 'RUN', index, total, undefined, true);
  return { name: 'LogHookStartLine', code: 'Q032', level: 'info', msg, data: { statement: n.display_name, index, total, node_info: nodeInfo(n) } };
}

/** dbt's LogHookEndLine: `1 of 2 OK hook: my_project.on-run-start.0 ..... [OK in 0.01s]`. */
function hookEndLine(r: NodeResultEvent, index: number, total: number, p: Palette): LogRecord {
  const n = r.node;
  const status = r.status === 'success' ? p.green('OK') : r.status === 'skipped' ? p.yellow('SKIP') : p.red('ERROR');
  const msg = fancyLine(`OK hook: ${n.display_name}`, status, index, total, r.execution_time, true);
  const level: Level = r.status === 'error' ? 'error' : 'info';
  return {
    name: 'LogHookEndLine', code: 'Q033', level, msg,
    data: { statement: n.display_name, status: r.status, index, total, execution_time: r.execution_time, node_info: nodeInfo(n) },
    thread: r.thread_id,
  };
}

function resultLine(r: NodeResultEvent, index: number, total: number, p: Palette): LogRecord {
  const n = r.node;
  if (n.resource_type === 'operation') return hookEndLine(r, index, total, p);
  const base = { index, total, execution_time: r.execution_time, node_info: nodeInfo(n) };
  const thread = r.thread_id;
  if (r.status === 'skipped') {
    const msg = REFABLE.has(n.resource_type) ? `SKIP relation ${n.display_name}` : `SKIP ${n.resource_type} ${nodeName(n)}`;
    return { name: 'SkippingDetails', code: 'Q034', level: 'info', msg: fancyLine(msg, p.yellow('SKIP'), index, total), data: { ...base, resource_type: n.resource_type, node_name: nodeName(n) }, thread };
  }
  if (n.resource_type === 'test' || n.resource_type === 'unit_test') {
    const failures = r.failures ?? 0;
    const [info, colour, level]: [string, (s: string) => string, Level] =
      r.status === 'error' ? ['ERROR', p.red, 'error']
      : r.status === 'warn' ? [`WARN ${failures}`, p.yellow, 'warn']
      : r.status === 'fail' ? [`FAIL ${failures}`, p.red, 'error']
      : ['PASS', p.green, 'info'];
    const msg = fancyLine(`${info} ${nodeName(n)}`, colour(info), index, total, r.execution_time);
    return { name: 'LogTestResult', code: 'Q007', level, msg, data: { ...base, name: nodeName(n), status: r.status, num_failures: failures }, thread };
  }
  const failed = r.status === 'error';
  if (r.status === 'partial success') {
    // dbt ≥1.9's LogModelResult for a microbatch model with some batches failed.
    const msg = fancyLine(`PARTIALLY created ${n.description} ${n.display_name}`, p.yellow(r.message.toUpperCase()), index, total, r.execution_time);
    return { name: 'LogModelResult', code: 'Q012', level: 'info', msg, data: { ...base, description: `${n.description} ${n.display_name}`, status: r.message }, thread };
  }
  const status = failed ? p.red('ERROR') : p.green(r.message);
  const level: Level = failed ? 'error' : 'info';
  if (n.resource_type === 'seed') {
    const msg = `${failed ? 'ERROR loading' : 'OK loaded'} seed file ${n.display_name}`;
    return { name: 'LogSeedResult', code: 'Q016', level, msg: fancyLine(msg, status, index, total, r.execution_time), data: { ...base, status: r.status, result_message: r.message }, thread };
  }
  const [name, code, ok, bad] = n.resource_type === 'snapshot'
    ? ['LogSnapshotResult', 'Q015', 'OK snapshotted', 'ERROR snapshotting']
    : ['LogModelResult', 'Q012', 'OK created', 'ERROR creating'];
  // dbt: "OK snapshotted main.orders_snapshot" (the verb already says snapshot).
  const msg = n.resource_type === 'snapshot' ? `${failed ? bad : ok} ${n.display_name}` : `${failed ? bad : ok} ${n.description} ${n.display_name}`;
  return { name, code, level, msg: fancyLine(msg, status, index, total, r.execution_time), data: { ...base, description: `${n.description} ${n.display_name}`, status: failed ? 'error' : r.message }, thread };
}

/** "table model", "seed", "data test"... as dbt's get_counts keys. */
function countKey(n: NodeLabel): string {
  switch (n.resource_type) {
    case 'model': {
      const mat = n.materialized ?? n.description.replace(/^(sql|python)\s+/, '').replace(/\s*model$/, '');
      return `${mat} model`;
    }
    case 'test':
      return 'data test';
    case 'unit_test':
      return 'unit test';
    case 'operation':
      return 'project hook';
    default:
      return n.resource_type;
  }
}

function runSummary(results: NodeResultEvent[], elapsed: number, cancelled: boolean, p: Palette): LogRecord[] {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(countKey(r.node), (counts.get(countKey(r.node)) ?? 0) + 1);
  const statLine = [...counts].map(([k, v]) => pluralize(v, k)).join(', ');
  const out: LogRecord[] = [blank(), finishedRunningStats(statLine, elapsed)];

  // dbt's print_run_end_messages: a skip with a message (fail-fast) counts as an error.
  const errors = results.filter((r) => r.status === 'error' || r.status === 'fail' || (r.status === 'skipped' && r.message !== ''));
  const warnings = results.filter((r) => r.status === 'warn');
  const partial = results.filter((r) => r.status === 'partial success');
  const errorPlural = pluralize(errors.length, 'error');
  const warnPlural = pluralize(warnings.length, 'warning');
  const partialPlural = pluralize(partial.length, 'partial success');
  const msg = cancelled
    ? p.yellow('Exited because of keyboard interrupt')
    : errors.length > 0
      ? p.red(`Completed with ${errorPlural}, ${partialPlural}, and ${warnPlural}:`)
      : partial.length > 0
        ? p.yellow(`Completed with ${partialPlural} and ${warnPlural}`)
        : warnings.length > 0
          ? p.yellow(`Completed with ${warnPlural}:`)
          : p.green('Completed successfully');
  out.push(blank(true), {
    name: 'EndOfRunSummary', code: 'Z030', level: 'info', msg, summary: true,
    data: { num_errors: errors.length, num_warnings: warnings.length, num_partial_success: partial.length, keyboard_interrupt: cancelled },
  });
  for (const r of errors) out.push(blank(true), ...failureDetail(r, false, p));
  for (const r of warnings) out.push(blank(true), ...failureDetail(r, true, p));

  const stats = { pass: 0, warn: 0, error: 0, skip: 0, noop: 0, total: results.length };
  for (const r of results) {
    // dbt's interpret_run_result: a partial success counts as an error.
    if (r.status === 'error' || r.status === 'fail' || r.status === 'partial success') stats.error++;
    else if (r.status === 'skipped') stats.skip++;
    else if (r.status === 'warn') stats.warn++;
    else stats.pass++;
  }
  const done = `Done. PASS=${stats.pass} WARN=${stats.warn} ERROR=${stats.error} SKIP=${stats.skip} NO-OP=${stats.noop} TOTAL=${stats.total}`;
  out.push(blank(true), { name: 'StatsLine', code: 'Z023', level: 'info', msg: done, data: { stats }, summary: true });
  return out;
}

/** dbt's CheckNodeTestFailure: where a test stored its failing rows. */
function storedFailures(r: NodeResultEvent): LogRecord[] {
  if (!r.audit_relation) return [];
  const query = `select * from ${r.audit_relation}`;
  const border = '-'.repeat(query.length);
  const msg = `  See test failures:\n  ${border}\n  ${query}\n  ${border}`;
  return [blank(true), { name: 'CheckNodeTestFailure', code: 'Z027', level: 'info', msg, data: { relation_name: r.audit_relation }, summary: true }];
}

/** One failure in the end-of-run list, worded as dbt's print_run_result_error. */
function failureDetail(r: NodeResultEvent, isWarning: boolean, p: Palette): LogRecord[] {
  const n = r.node;
  const where = n.original_file_path ? ` (${n.original_file_path})` : '';
  const data = { node_info: nodeInfo(n) };
  const compiled = (): LogRecord[] =>
    r.compiled_path
      ? [blank(true), { name: 'SQLCompiledPath', code: 'Z026', level: 'info', msg: `  compiled code at ${r.compiled_path}`, data: { path: r.compiled_path }, summary: true }]
      : [];
  if (r.status === 'fail' || r.status === 'warn') {
    const head: LogRecord = isWarning
      ? { name: 'RunResultWarning', code: 'Z021', level: 'warn', msg: p.yellow(`Warning in ${n.resource_type} ${nodeName(n)}${where}`), data, summary: true }
      : { name: 'RunResultFailure', code: 'Z022', level: 'error', msg: p.red(`Failure in ${n.resource_type} ${nodeName(n)}${where}`), data, summary: true };
    const text = (r.message || `Status: ${r.status}`).split('\n').map((l) => `  ${l}`).join('\n');
    const body: LogRecord = { name: 'RunResultError', code: 'Z024', level: 'error', msg: text, data: { msg: r.message }, summary: true };
    return [head, body, ...compiled(), ...storedFailures(r)];
  }
  // Errors: dbt prints str(exception) indented, which names the node and ends with
  // the compiled path; build the same text when the message is a bare database error.
  let msg: string;
  if (n.resource_type === 'operation') {
    msg = `  ${r.message}`; // "<project>.on-run-start.0 failed, error:\n <database error>", as dbt prints it
  } else if (r.status === 'error' && !/^\w+ Error in /.test(r.message)) {
    const lines = [`Database Error in ${n.resource_type} ${nodeName(n)}${where}`, ...r.message.split('\n')];
    if (r.compiled_path) lines.push(`compiled code at ${r.compiled_path}`);
    msg = lines.map((l) => `  ${l}`).join('\n');
  } else {
    msg = `  ${r.message}`; // already formatted by the caller, as dbt's str(exc)
  }
  return [{ name: 'RunResultError', code: 'Z024', level: 'error', msg, data: { msg: r.message }, summary: true }];
}
