/**
 * The CLI reporter: renders events as dbt does on the console (text) or as dbt's
 * structured JSON log lines (--log-format json).
 *
 * Streams: every event goes to `out`, as dbt writes everything to stdout; only the
 * positioned compile diagnostics (file:line:col + excerpt) go to `err` in text mode,
 * so `tx compile > x` still shows why it failed. JSON mode writes everything to `out`
 * so a log consumer sees one complete stream.
 */
import type { Reporter } from '../events/reporter.js';
import type { TxEvent } from '../events/events.js';
import { clockPrefix, palette, stripAnsi } from './format-line.js';
import { eventRecords, type LogRecord } from './reporter-records.js';
import { dbtTimestamp } from '../artifacts/timestamps.js';

export interface CliReporterOptions {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  format: 'text' | 'json';
  color: boolean;
  quiet: boolean;
  debug: boolean;
  cwd: string;
  clock: () => Date;
  invocationId: string;
}

/** --quiet keeps errors, print() output and the end-of-run summary (as dbt's --quiet). */
function visible(r: LogRecord, opts: CliReporterOptions): boolean {
  if (r.level === 'debug') return opts.debug;
  if (opts.quiet) return r.level === 'error' || r.summary === true;
  return true;
}

function jsonLine(r: LogRecord, ts: Date, invocationId: string): string {
  // dbt serialises with sorted keys: {"data": ..., "info": {category, code, ...}}.
  return JSON.stringify({
    data: r.data,
    info: {
      category: '',
      code: r.code,
      extra: {},
      invocation_id: invocationId,
      level: r.level,
      msg: stripAnsi(r.msg),
      name: r.name,
      pid: process.pid,
      thread: r.thread ?? 'MainThread',
      ts: dbtTimestamp(ts),
    },
  });
}

export function createCliReporter(opts: CliReporterOptions): Reporter {
  const color = opts.color && opts.format === 'text';
  const ctx = { palette: palette(color), color, cwd: opts.cwd };
  return {
    emit(event: TxEvent): void {
      const now = opts.clock();
      for (const r of eventRecords(event, ctx)) {
        if (!visible(r, opts)) continue;
        if (opts.format === 'json') {
          opts.out.write(jsonLine(r, now, opts.invocationId) + '\n');
        } else if (r.raw) {
          (r.toErr ? opts.err : opts.out).write(r.msg + '\n');
        } else {
          // dbt prints the timestamp before every line, even empty ones.
          opts.out.write(`${clockPrefix(now)}  ${r.msg}\n`);
        }
      }
    },
  };
}
