/**
 * Turns whatever an api command threw into diagnostics on the console and dbt's exit
 * code: 2 for project, usage and compile errors. Stack traces only with --debug.
 */
import type { Invocation } from '../invocation.js';
import { PhaseFailed } from '../errors/diagnostics.js';
import { TxError, TxCodes } from '../errors/tx-error.js';

export const EXIT_ERROR = 2;

export function reportFailure(inv: Invocation, e: unknown): number {
  if (e instanceof PhaseFailed) {
    for (const d of e.diagnostics) inv.reporter.emit({ type: 'diagnostic', error: d });
    const n = e.diagnostics.filter((d) => d.severity === 'error').length;
    inv.reporter.emit({ type: 'info', message: `${e.phase} failed: ${n} error${n === 1 ? '' : 's'}` });
    return EXIT_ERROR;
  }
  if (e instanceof TxError) {
    inv.reporter.emit({ type: 'diagnostic', error: e });
    return EXIT_ERROR;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  inv.reporter.emit({
    type: 'diagnostic',
    error: new TxError({
      code: TxCodes.Internal,
      message: `internal error: ${err.message}${inv.debug && err.stack ? `\n${err.stack}` : ''}`,
      hint: inv.debug ? 'this is a bug in tx: please report it with the stack above' : 'run again with --debug for the stack trace, and report it',
    }),
  });
  return EXIT_ERROR;
}
