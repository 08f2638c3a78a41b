/**
 * A project may define its own `ref` / `source` macros (dbt's documented way to change how
 * refs resolve); they replace the context's functions, which stay reachable as `builtins.ref`.
 */
import type { TxJinja } from '../jinja/tx-jinja.js';

const OVERRIDABLE = ['ref', 'source'] as const;

export function applyProjectOverrides(scope: Record<string, unknown>, jinja: TxJinja, rootPackage: string): void {
  for (const name of OVERRIDABLE) {
    const macro = jinja.resolveMacro(name, rootPackage);
    if (macro) scope[name] = macro;
  }
}
