/** One dbt log event as the reporters render it, and the small builders every record module shares. */
import type { NodeLabel } from '../events/events.js';
import { humanizeExecutionTime } from './format-line.js';

export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  name: string;
  code: string;
  level: Level;
  /** Possibly coloured; JSON output strips colour. */
  msg: string;
  data: Record<string, unknown>;
  thread?: string;
  /** Part of the end-of-run summary, which --quiet still prints. */
  summary?: boolean;
  /** Raw output (print()/diagnostics): no timestamp prefix in text mode. */
  raw?: boolean;
  /** Text mode writes it to stderr. */
  toErr?: boolean;
}

export const blank = (summary = false): LogRecord => ({ name: 'Formatting', code: 'Z017', level: 'info', msg: '', data: { msg: '' }, summary });

export function nodeInfo(n: NodeLabel): Record<string, unknown> {
  return {
    unique_id: n.unique_id,
    resource_type: n.resource_type,
    node_name: n.name ?? n.display_name,
    node_path: n.original_file_path ?? '',
    materialized: n.materialized ?? '',
  };
}

/** dbt's FinishedRunningStats: `Finished running 3 table models, 1 test in 0 hours 0 minutes and 1.23 seconds (1.23s).` */
export function finishedRunningStats(statLine: string, elapsed: number): LogRecord {
  const execution = humanizeExecutionTime(elapsed);
  const msg = `Finished running ${statLine}${execution} (${elapsed.toFixed(2)}s).`;
  return { name: 'FinishedRunningStats', code: 'E047', level: 'info', msg, data: { stat_line: statLine, execution, execution_time: elapsed } };
}
