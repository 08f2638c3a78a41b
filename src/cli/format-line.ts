/**
 * Text helpers reproducing dbt's console formatting (dbt/events/format.py, dbt/ui.py).
 */

/** dbt's default printer width: node lines are padded with dots to this column. */
export const PRINTER_WIDTH = 80;

export interface Palette {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
}

export function palette(color: boolean): Palette {
  const wrap = (code: number) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { green: wrap(32), red: wrap(31), yellow: wrap(33) };
}

/** `3 of 12 START sql table model x .......... [RUN]`, as format_fancy_output_line. */
export function fancyLine(msg: string, status: string, index: number | null, total: number | null, executionTime?: number, truncate = false): string {
  const progress = index === null || total === null ? '' : `${index} of ${total} `;
  // dbt puts one space between the message and the dots (seen in real dbt 1.x logs).
  const padded = `${progress}${msg} `.padEnd(PRINTER_WIDTH, '.');
  // truncate=True (hook lines): cut to the printer width, ending in '...'.
  const justified = truncate && padded.length > PRINTER_WIDTH - 3 ? `${padded.slice(0, PRINTER_WIDTH - 3)}...` : padded;
  const time = executionTime === undefined ? '' : ` in ${executionTime.toFixed(2)}s`;
  return `${justified} [${status}${time}]`;
}

/** Node types whose plural is not "+s" (dbt's NodeType.pluralize). */
const IRREGULAR: Record<string, string> = { analysis: 'analyses', 'partial success': 'partial successes' };

export function pluralize(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : (IRREGULAR[noun] ?? `${noun}s`)}`;
}

/** " in 0 hours 0 minutes and 1.23 seconds" (dbt's humanize_execution_time). */
export function humanizeExecutionTime(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds - hours * 3600) / 60);
  const rest = seconds - hours * 3600 - minutes * 60;
  return ` in ${hours} hours ${minutes} minutes and ${rest.toFixed(2)} seconds`;
}

/** dbt prints the UTC wall clock, HH:MM:SS, before every text line. */
export function clockPrefix(d: Date): string {
  return d.toISOString().slice(11, 19);
}

/** Strips ANSI colour for JSON logs, which carry the plain message. */
export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, '');
}
