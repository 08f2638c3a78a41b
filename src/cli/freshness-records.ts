/**
 * `tx source freshness` lines, as dbt's FreshnessTask prints them: one LogFreshnessResult per
 * source (PASS / WARN / ERROR STALE / ERROR), then "Finished running N sources in …", the
 * message of each check that failed to run, and "Done." (dbt prints no PASS=/WARN= stats line
 * for freshness).
 */
import type { FreshnessResultEvent } from '../events/events.js';
import { fancyLine, pluralize, type Palette } from './format-line.js';
import { blank, finishedRunningStats, nodeInfo, type Level, type LogRecord } from './log-record.js';

export function freshnessResultLine(r: FreshnessResultEvent, index: number, total: number, p: Palette): LogRecord {
  const [info, colour, level]: [string, (s: string) => string, Level] =
    r.status === 'runtime error' ? ['ERROR', p.red, 'error']
    : r.status === 'error' ? ['ERROR STALE', p.red, 'error']
    : r.status === 'warn' ? ['WARN', p.yellow, 'warn']
    : ['PASS', p.green, 'info'];
  const msg = fancyLine(`${info} freshness of ${r.source_name}.${r.table_name}`, colour(info), index, total, r.execution_time);
  return {
    name: 'LogFreshnessResult', code: 'Q018', level, msg, thread: r.thread_id,
    data: { status: r.status, source_name: r.source_name, table_name: r.table_name, index, total, execution_time: r.execution_time, node_info: nodeInfo(r.node) },
  };
}

export function freshnessFinished(results: FreshnessResultEvent[], elapsed: number, cancelled: boolean, p: Palette): LogRecord[] {
  const statLine = pluralize(results.length, 'source');
  const out: LogRecord[] = [blank(), finishedRunningStats(statLine, elapsed)];
  if (cancelled) out.push(blank(true), { name: 'EndOfRunSummary', code: 'Z030', level: 'info', msg: p.yellow('Exited because of keyboard interrupt'), data: { keyboard_interrupt: true }, summary: true });
  // dbt's print_run_result_error: only checks that failed to run carry a message.
  for (const r of results) {
    if (r.status !== 'runtime error' || r.message === null) continue;
    out.push(blank(true), { name: 'RunResultError', code: 'Z024', level: 'error', msg: `  ${r.message}`, data: { msg: r.message, node_info: nodeInfo(r.node) }, summary: true });
  }
  out.push({ name: 'FreshnessCheckComplete', code: 'Q003', level: 'info', msg: 'Done.', data: {}, summary: true });
  return out;
}
