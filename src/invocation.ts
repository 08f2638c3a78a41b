import type { Reporter } from './events/reporter.js';

/**
 * Everything one command needs from the outside world. Nothing below src/cli reads
 * process.env, process.cwd() or the clock directly: they come from here.
 */
export interface Invocation {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  reporter: Reporter;
  clock: { now(): Date };
  invocationId: string;
  startedAt: Date;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  debug: boolean;
  /** dbt's `flags.WHICH`: the command being run (run, build, compile, list, generate, run-operation, ...). */
  command?: string;
  /** --quiet and colour output, for dbt's flags.QUIET / flags.USE_COLORS. */
  quiet?: boolean;
  useColors?: boolean;
}
