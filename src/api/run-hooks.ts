/**
 * `on-run-start` and `on-run-end` (dbt's RunTask.safe_run_hooks): the root project's hooks, then
 * each package's, one after another on one connection, outside any transaction. Each is
 * rendered in its HookNode's context (plus `schemas`, `database_schemas` and `results` at the
 * end), logged as "1 of 2 START hook: <project>.on-run-start.0" / "OK hook: …", and recorded
 * in run_results.json as `operation.<project>.<project>-on-run-start-<i>`. After a failing
 * hook the remaining hooks of that type are skipped.
 */
import { relative, sep } from 'node:path';
import type { HookNode, RunHookType } from '../parse/manifest-types.js';
import type { Connection, ConnectionPool } from '../adapter/types.js';
import type { Compiler } from '../compile/compile-project.js';
import type { RunResultInput, TimingEntry } from '../artifacts/run-results.js';
import type { NodeLabel, NodeResultEvent, NodeStatus } from '../events/events.js';
import type { Session, ParsedProject } from './session.js';
import { orderedHooks } from '../parse/hook-nodes.js';
import { renderWithAnswers } from '../run/introspect.js';
import { withConnection } from '../run/node-executor.js';
import { isTxError } from '../errors/tx-error.js';
import { fromDate } from '../jinja/py-datetime-module.js';
import { tuple } from '../jinja/py-types.js';

export interface HookRunDeps {
  s: Session;
  p: ParsedProject;
  pool: ConnectionPool;
  compiler: Compiler;
}

export interface HookRunOutcome {
  results: RunResultInput[];
  events: NodeResultEvent[];
  /** A hook errored (the ones after it were skipped). */
  failed: boolean;
}

/** How a hook is named in log lines: `<package>.<hook type>.<position - 1>` over all hooks of the type. */
function hookLabel(hook: HookNode, statement: string): NodeLabel {
  return { unique_id: hook.unique_id, resource_type: 'operation', name: hook.name, original_file_path: hook.original_file_path, description: 'hook', display_name: statement };
}

const errorText = (e: unknown): string => (isTxError(e) || e instanceof Error ? e.message : String(e));

export async function runProjectHooks(d: HookRunDeps, type: RunHookType, extra: Record<string, unknown>): Promise<HookRunOutcome> {
  const { s } = d;
  const hooks = orderedHooks(d.p.manifest.hooks, type, s.project.name);
  const out: HookRunOutcome = { results: [], events: [], failed: false };
  if (hooks.length === 0 || s.inv.signal.aborted) return out;
  const emit = s.inv.reporter.emit.bind(s.inv.reporter);
  if (type === 'on-run-end') emit({ type: 'formatting' });
  await withConnection(d.pool, s.inv.signal, async (conn) => {
    for (const [i, hook] of hooks.entries()) {
      const at = { index: i + 1, total: hooks.length };
      const statement = `${hook.package_name}.${type}.${i}`;
      const label = hookLabel(hook, statement);
      let ran: HookRun;
      if (out.failed || s.inv.signal.aborted) {
        ran = { status: 'skipped', message: `${statement} skipped`, timing: [], seconds: 0 };
      } else {
        ran = await runHook(d, conn, hook, extra, () => emit({ type: 'node_start', ...at, node: label }));
        ran.message = ran.status === 'success' ? `${statement} passed` : `${statement} failed, error:\n ${ran.message}`;
      }
      out.failed ||= ran.status === 'error';
      out.results.push(hookResult(hook, ran));
      const ev: NodeResultEvent = {
        node: label, status: ran.status, execution_time: ran.seconds, message: ran.message, compiled_path: null, thread_id: 'main', failures: ran.status === 'success' ? 0 : 1,
      };
      out.events.push(ev);
      emit({ type: 'node_finish', ...at, ...ev });
    }
  });
  if (type === 'on-run-start') emit({ type: 'formatting' });
  return out;
}

interface HookRun {
  status: NodeStatus;
  /** The error, or (set by the caller) the result's message. */
  message: string;
  timing: TimingEntry[];
  seconds: number;
  /** The rendered SQL, when rendering succeeded. */
  sql?: string;
}

/** Renders one hook (answering what it asks the warehouse), then runs it: dbt's compile and execute timings. */
async function runHook(d: HookRunDeps, conn: Connection, hook: HookNode, extra: Record<string, unknown>, started: () => void): Promise<HookRun> {
  const clock = d.s.inv.clock;
  const signal = d.s.inv.signal;
  const compileStart = clock.now();
  let sql: string | undefined;
  let error: string | undefined;
  try {
    sql = await renderWithAnswers(
      (recorder) => d.compiler.renderHook(hook, hook.raw_code, { incremental: false, scope: extra, introspection: recorder }).rendered,
      conn,
      signal,
    );
  } catch (e) {
    // The hook's own text starts at its value in dbt_project.yml: say where that is.
    const at = `${relative(d.s.project.rootDir, hook.loc.file).split(sep).join('/')}:${hook.loc.line}:${hook.loc.col}`;
    error = `Compilation Error in ${hook.name} (${at})\n  ${errorText(e)}`;
  }
  const compileEnd = clock.now();
  started();
  // dbt runs nothing for a hook that renders to nothing (e.g. `{{ log(...) }}`).
  if (sql !== undefined && sql.trim() !== '') {
    try {
      await conn.execute(sql, { signal });
    } catch (e) {
      error = errorText(e);
    }
  }
  const executeEnd = clock.now();
  return {
    status: error === undefined ? 'success' : 'error',
    message: error ?? '',
    timing: [
      { name: 'compile', started_at: compileStart, completed_at: compileEnd },
      { name: 'execute', started_at: compileEnd, completed_at: executeEnd },
    ],
    seconds: (executeEnd.getTime() - compileStart.getTime()) / 1000,
    ...(sql !== undefined ? { sql } : {}),
  };
}

function hookResult(hook: HookNode, run: HookRun): RunResultInput {
  return {
    unique_id: hook.unique_id,
    status: run.status,
    timing: run.timing,
    // dbt runs project hooks on its main thread.
    thread_id: 'main',
    execution_time: run.seconds,
    adapter_response: {},
    message: run.message,
    failures: run.status === 'success' ? 0 : 1,
    compiled: run.sql !== undefined,
    compiled_code: run.sql ?? null,
    relation_name: null,
  };
}

/** The node a result is about, as on-run-end templates see it (`result.node`). */
export interface ResultNode {
  unique_id: string;
  resource_type: string;
  database?: string | null;
  schema?: string;
}

/** dbt's NodeType.refable(): the result built a relation (a model, seed or snapshot). */
const RELATIONAL = new Set(['model', 'seed', 'snapshot']);

/**
 * What on-run-end templates see besides the node context (dbt's RunTask.after_run): `results`
 * (dbt's RunResult objects: node, status, message, execution_time, adapter_response, failures,
 * timing, thread_id; on-run-start hooks only when they errored), and the schemas that relations
 * were built in, as `schemas` and (database, schema) pairs in `database_schemas`.
 */
export function onRunEndContext(results: readonly RunResultInput[], nodeOf: (id: string) => ResultNode | undefined): Record<string, unknown> {
  const pairs = new Map<string, [string | null, string]>();
  const context: Record<string, unknown>[] = [];
  for (const r of results) {
    const node = nodeOf(r.unique_id);
    if (!node) continue;
    // On-run-start hooks are listed only when they errored.
    if (node.resource_type === 'operation' && r.status !== 'error') continue;
    context.push({
      node,
      unique_id: r.unique_id,
      status: r.status,
      message: r.message,
      execution_time: r.execution_time,
      adapter_response: r.adapter_response ?? {},
      failures: r.failures ?? null,
      thread_id: r.thread_id,
      timing: r.timing.map((t) => ({ name: t.name, started_at: fromDate(t.started_at, null), completed_at: fromDate(t.completed_at, null) })),
      batch_results: r.batch_results ?? null,
      agate_table: null,
    });
    if (RELATIONAL.has(node.resource_type) && node.schema !== undefined && !['error', 'fail', 'skipped'].includes(r.status)) {
      const db = node.database ?? null;
      pairs.set(`${db ?? ''}\u0000${node.schema}`, [db, node.schema]);
    }
  }
  const key = ([db, schema]: [string | null, string]): string => `${db ?? ''}.${schema}`;
  const databaseSchemas = [...pairs.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return {
    results: context,
    schemas: [...new Set(databaseSchemas.map(([, schema]) => schema))].sort(),
    // (database, schema) tuples, as dbt's Python prints them.
    database_schemas: databaseSchemas.map((pair) => tuple(pair)),
  };
}
