/**
 * The real template engine (templates/default + templates/duckdb) with a node's dbt context
 * (config, model, adapter), for plans under test: callMacro renders, callValue keeps dicts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { duckdbDialect } from '../../../adapters/duckdb/dialect.js';
import { TxJinja, type Scope } from '../../../src/jinja/tx-jinja.js';
import { templatesDir } from '../../../src/util/package-root.js';
import { createBuiltins } from '../../../src/jinja/builtins.js';

export interface NodeEngine {
  jinja: TxJinja;
  callMacro(name: string, args: unknown[], kwargs?: Record<string, unknown>): string;
  callValue(name: string, args: unknown[]): unknown;
  hasMacro(name: string): boolean;
}

/** `extra` shadows everything else (recorded introspection answers, another `adapter`). */
export function nodeEngine(config: Record<string, unknown>, extra: Scope = {}): NodeEngine {
  const globals = createBuiltins({ invocationId: 'test', runStartedAt: new Date(0), env: {}, log: () => {} });
  const jinja = new TxJinja({ rootPackage: 'proj', adapterType: 'duckdb', globals });
  for (const folder of ['default', 'duckdb']) {
    const dir = join(templatesDir(), folder);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) jinja.addMacroFile('dbt', join(dir, f), readFileSync(join(dir, f), 'utf8'));
  }
  const get = (key: unknown, dflt: unknown = null): unknown => config[String(key)] ?? dflt;
  const scope: Scope = {
    config: Object.assign(() => '', { get, require: get }),
    model: { config, batch: config['__batch'] ?? null },
    adapter: {
      dispatch: (name: string, ns?: string) => jinja.dispatch(name, ns),
      quote: (id: unknown) => duckdbDialect.quoteIdent(String(id)),
      type: () => 'duckdb',
    },
    target: { schema: 'main', database: 'test', type: 'duckdb' },
    ...extra,
  };
  const callValue = (name: string, args: unknown[], kwargs: Record<string, unknown> = {}): unknown => {
    const fn = jinja.resolveMacro(name, 'proj');
    if (!fn) throw new Error(`no macro ${name}`);
    return jinja.callMacro(fn, args, kwargs, scope);
  };
  return {
    jinja,
    callMacro: (name, args, kwargs) => String(callValue(name, args, kwargs ?? {}) ?? ''),
    callValue: (name, args) => callValue(name, args),
    hasMacro: (name) => jinja.resolveMacro(name, 'proj') !== undefined,
  };
}
