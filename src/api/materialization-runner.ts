/**
 * Models whose `materialized:` names a `{% materialization %}` macro (a project's or a
 * package's; a root project's override of view/table/incremental where dbt would pick it) run
 * that macro, as dbt does. Rendering stays synchronous through the recorded-answers renderer:
 * each statement the macro asks for (statement('main'), run_query, adapter.drop_relation, ...)
 * runs once, in order, and the macro renders again with its answer until it asks nothing new.
 * A transaction the macro leaves open (dbt's auto_begin) is committed at the end.
 */
import type { ManifestNode } from '../parse/manifest-types.js';
import type { NodeOutcome } from '../run/scheduler.js';
import type { MacroFn } from '../jinja/tx-jinja.js';
import type { Session } from './session.js';
import type { RunnerDeps } from './node-runner.js';
import type { StatementSession } from '../context/introspection.js';
import { renderWithAnswers } from '../run/introspect.js';
import { writeRunFile } from './run-file.js';
import { isPlainObject } from '../jinja/py-types.js';
import { hookConfigs } from '../parse/hook-config.js';
import { pyStr } from '../jinja/py-repr.js';
import { TxCodes, TxError } from '../errors/tx-error.js';

/** Built-in materializations that dbt's adapter plugins define for their adapter (these win over a project's `default` one). */
const ADAPTER_SPECIFIC: Record<string, readonly string[]> = {
  duckdb: ['table', 'incremental'],
  snowflake: ['table', 'view', 'incremental'],
  bigquery: ['table', 'view', 'incremental'],
  postgres: [],
};
const BUILT_IN = new Set(['view', 'table', 'incremental', 'ephemeral']);

/** The materialization macro a model runs, or undefined when tx's own strategy builds it. */
export function materializationMacro(s: Session, node: ManifestNode): MacroFn | undefined {
  if (node.resource_type !== 'model') return undefined;
  const mat = String(node.config.materialized);
  if (mat === 'ephemeral') return undefined;
  if (!BUILT_IN.has(mat)) return s.jinja.findMaterialization(mat)?.fn;
  // A package cannot replace a built-in (dbt requires explicit overrides); the root project can,
  // with an adapter-specific macro, or a default one where the adapter has none of its own.
  const own = s.jinja.findMaterialization(mat, true);
  if (!own) return undefined;
  if (own.adapter !== 'default') return own.fn;
  return (ADAPTER_SPECIFIC[s.dialect.name] ?? []).includes(mat) ? undefined : own.fn;
}

export async function runMaterialization(d: RunnerDeps, node: ManifestNode, macro: MacroFn, threadId: string, signal: AbortSignal, clock: { timing(): unknown; seconds(): number }): Promise<NodeOutcome> {
  const { s } = d;
  const sql = d.sqlOf(node.unique_id);
  const conn = await d.pool.acquire();
  let session: StatementSession | undefined;
  let logs: unknown[][] = [];
  try {
    const value = await renderWithAnswers((recorder) => {
      logs = [];
      const current: StatementSession = { transactions: s.dialect.capabilities.transactions, open: false, statements: [], sqlFor: () => '' };
      session = current;
      const scope = d.compiler.scopeFor(node, { incremental: false, introspection: recorder, session: current, print: (t) => void logs.push([t, true]) });
      current.sqlFor = (name, args) => {
        const fn = s.jinja.resolveMacro(name, node.package_name);
        if (!fn) throw new TxError({ code: TxCodes.UnknownMacro, message: `macro '${name}' not found` });
        return String(s.jinja.callMacro(fn, args, {}, scope, node.package_name) ?? '');
      };
      Object.assign(scope, {
        sql,
        compiled_code: sql,
        model: { ...node, compiled_code: sql, compiled_sql: sql, compiled: true },
        // Hooks as dbt gives them to materializations: {sql, transaction, index}.
        pre_hooks: hookConfigs(node.config['pre-hook']),
        post_hooks: hookConfigs(node.config['post-hook']),
        // Printed once, after the final render (earlier renders ran on placeholder answers).
        log: (...a: unknown[]) => (logs.push(a), ''),
        print: (msg: unknown) => (logs.push([pyStr(msg), true]), ''),
      });
      return s.jinja.callMacro(macro, [], {}, scope, node.package_name);
    }, conn, signal);
    if (session?.open) {
      await conn.execute('commit', { signal });
      session.statements.push('commit');
    }
    const baseLog = s.baseScope['log'] as (...a: unknown[]) => unknown;
    for (const a of logs) baseLog(...a);
    if (!(isPlainObject(value) && Array.isArray(value['relations'])) && typeof value !== 'string') {
      throw new TxError({ code: TxCodes.CompilerError, message: `The materialization ("${String(node.config.materialized)}") did not explicitly return a list of relations to add to the cache.`, hint: "end it with {{ return({'relations': [target_relation]}) }}" });
    }
    writeRunFile(s, node, (session?.statements ?? []).map((st) => `${st.replace(/;\s*$/, '')};`).join('\n\n') + '\n');
    const response = session?.mainResponse ?? {};
    const message = typeof response['_message'] === 'string' ? response['_message'] : 'OK';
    return {
      status: 'success', message, thread_id: threadId, timing: clock.timing() as NodeOutcome['timing'], execution_time: clock.seconds(),
      adapter_response: { ...response, _message: message },
    };
  } catch (e) {
    if (session?.open) await conn.execute('rollback').catch(() => undefined);
    throw e;
  } finally {
    d.pool.release(conn);
  }
}
