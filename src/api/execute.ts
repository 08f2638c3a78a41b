/**
 * `tx run`, `tx seed`, `tx build`: compile (pure, gated), take one snapshot of the
 * warehouse, then run the DAG in parallel up to --threads. Only this command path opens
 * a connection; failures are attached to node results, never thrown across nodes.
 */
import type { Invocation } from '../invocation.js';
import type { CommonOptions } from './options.js';
import type { ManifestNode, UnitTestNode } from '../parse/manifest-types.js';
import type { ConnectionPool, SchemaRef } from '../adapter/types.js';
import { openSession, parseSession, type Session, type ParsedProject } from './session.js';
import { compileNodes, resolveIntrospection } from './compile.js';
import { deferFor } from './defer.js';
import { runStaticAnalysis } from './analysis.js';
import { withConnection } from '../run/node-executor.js';
import { isTxError } from '../errors/tx-error.js';
import { macroCaller } from './plan-node.js';
import { materializeNode, type RunnerDeps } from './node-runner.js';
import { eventTimeWindow } from './microbatch-runner.js';
import { runDataTest, storesFailures } from './test-runner.js';
import { runUnitTest } from './unit-test-runner.js';
import { buildTestEdges } from '../graph/test-edges.js';
import { selectForCommand } from './select-nodes.js';
import { foundCounts } from './found.js';
import { nodeLabel } from './node-label.js';
import { writeManifest, writeRunResults } from './artifacts.js';
import { ResultLog } from './result-log.js';
import { runSchedule } from '../run/scheduler.js';
import { WarehouseState } from '../run/warehouse-state.js';
import { planSchemas } from '../materialize/schema.js';
import type { Compiler } from '../compile/compile-project.js';
import { onRunEndContext, runProjectHooks, type HookRunOutcome } from './run-hooks.js';

export type ExecKind = 'run' | 'seed' | 'test' | 'snapshot' | 'build';

const KIND_TYPES: Record<ExecKind, string[]> = { run: ['model'], seed: ['seed'], test: ['test', 'unit_test'], snapshot: ['snapshot'], build: ['seed', 'model', 'snapshot', 'test', 'unit_test'] };

type Executable = ManifestNode | UnitTestNode;

const member = (p: ParsedProject, id: string): Executable => p.manifest.nodes[id] ?? p.manifest.unit_tests[id]!;

export async function runCommand(inv: Invocation, opts: CommonOptions & { kind: ExecKind }): Promise<number> {
  eventTimeWindow(opts);
  const s = await openSession(inv, { ...opts, which: opts.kind });
  const p = parseSession(s);
  inv.reporter.emit({ type: 'found', counts: foundCounts(p.manifest) });
  const ids = unitTestsFirst(p, selectForCommand(s, p, KIND_TYPES[opts.kind]).filter((id) => {
    const n = member(p, id);
    return n.resource_type === 'unit_test' || n.config.materialized !== 'ephemeral';
  }));
  const connect = () => s.adapter.connect(s.credentials, { projectDir: s.project.rootDir, threads: s.threads });
  // --defer without --favor-state asks the target which deferred parents exist: connect first.
  const early = opts.defer === true && opts.favorState !== true && ids.length > 0 ? await connect() : undefined;
  let outcome: Awaited<ReturnType<typeof compileNodes>>;
  try {
    outcome = compileNodes(s, p, ids.filter((id) => p.manifest.nodes[id] !== undefined), await deferFor(s, p, ids, early));
    // Static analysis errors stop the run before the warehouse sees the SQL.
    if (opts.kind === 'run' || opts.kind === 'build') await runStaticAnalysis(s, p, outcome, 'run');
  } catch (e) {
    await early?.close();
    throw e;
  }
  const { compiler, compiled } = outcome;
  // As dbt records it: a test that stores its failures has the audit table as relation_name.
  for (const id of ids) {
    const n = p.manifest.nodes[id];
    if (n?.resource_type === 'test' && storesFailures(n, opts.storeFailures === true)) n.relation_name = compiler.relationFor(n).render();
  }
  writeManifest(s, p);
  if (ids.length === 0) {
    await early?.close();
    inv.reporter.emit({ type: 'info', message: 'Nothing to do. Try checking your model configs and model specification args' });
    return 0;
  }
  inv.reporter.emit({ type: 'concurrency', threads: s.threads, target: s.target.name });
  const started = inv.clock.now();
  const pool = early ?? (await connect());
  const log = new ResultLog(inv);
  const { results, events } = log;
  let hooksBefore: HookRunOutcome = { results: [], events: [], failed: false };
  let hooksAfter: HookRunOutcome = { results: [], events: [], failed: false };
  let cancelled = false;
  try {
    const state = await prepareWarehouse(s, p, pool, ids, compiler);
    hooksBefore = await runProjectHooks({ s, p, pool, compiler }, 'on-run-start', {});
    const testEdges = opts.kind === 'build' ? buildTestEdges(p.graph, ids.filter((id) => member(p, id).resource_type === 'test')) : undefined;
    // In build a model waits for its unit tests, which wait for the model's own parents.
    const unitTestsOf = new Map<string, string[]>();
    if (opts.kind === 'build') for (const id of ids) {
      const u = p.manifest.unit_tests[id];
      if (u) unitTestsOf.set(u.depends_on.nodes[0]!, [...(unitTestsOf.get(u.depends_on.nodes[0]!) ?? []), id]);
    }
    const parentsOf = (id: string): string[] => {
      const u = p.manifest.unit_tests[id];
      if (u) return opts.kind === 'build' ? executableParents(p, u.depends_on.nodes[0]!, testEdges) : [];
      return [...executableParents(p, id, testEdges), ...(unitTestsOf.get(id) ?? [])];
    };
    const deps: RunnerDeps = { s, p, pool, state, compiler, sqlOf: (id) => compiled.get(id)?.sql ?? '', compiledOf: (id) => compiled.get(id) };
    // dbt's flags.skip_nodes_if_on_run_start_fails: nodes are skipped instead of run.
    const skipAll = hooksBefore.failed && skipNodesIfOnRunStartFails(s);
    const res = await runSchedule({
      ids,
      parentsOf,
      priority: ids,
      threads: s.threads,
      failFast: opts.failFast === true,
      signal: inv.signal,
      execute: async (id, threadId, signal) => {
        if (skipAll) return { status: 'skipped', message: '', thread_id: threadId };
        // A template that reads the warehouse is rendered now, after its parents were built.
        if (compiled.get(id)?.introspects) {
          try {
            await withConnection(pool, signal, (conn) => resolveIntrospection(s, p, outcome, id, conn, signal));
          } catch (e) {
            return { status: 'error', message: isTxError(e) || e instanceof Error ? e.message : String(e), thread_id: threadId };
          }
        }
        const node = member(p, id);
        if (node.resource_type === 'unit_test') return runUnitTest(deps, node, threadId, signal);
        return node.resource_type === 'test' ? runDataTest(deps, node, threadId, signal) : materializeNode(deps, node, threadId, signal);
      },
      onStart: (id, index, total) => {
        if (!skipAll) inv.reporter.emit({ type: 'node_start', index, total, node: nodeLabel(member(p, id)) });
      },
      onFinish: (id, outcome, index, total) => log.record(member(p, id), outcome, index, total),
    });
    cancelled = res.cancelled;
    log.sortResults(ids);
    if (!cancelled) {
      const nodeOf = (id: string) => p.manifest.nodes[id] ?? p.manifest.unit_tests[id] ?? p.manifest.hooks[id];
      hooksAfter = await runProjectHooks({ s, p, pool, compiler }, 'on-run-end', onRunEndContext([...hooksBefore.results, ...results], nodeOf));
    }
  } finally {
    await pool.close();
  }
  const elapsed = (inv.clock.now().getTime() - started.getTime()) / 1000;
  // As dbt lists them: on-run-start hooks, the nodes, on-run-end hooks.
  results.unshift(...hooksBefore.results);
  results.push(...hooksAfter.results);
  events.unshift(...hooksBefore.events);
  events.push(...hooksAfter.events);
  writeRunResults(s, results, elapsed, {
    which: opts.kind, select: opts.select ?? [], exclude: opts.exclude ?? [], threads: s.threads, full_refresh: opts.fullRefresh === true,
    // What `tx retry` needs to repeat this command.
    ...(opts.vars ? { vars: opts.vars } : {}), ...(opts.target ? { target: opts.target } : {}), ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.storeFailures ? { store_failures: true } : {}),
    ...(opts.state ? { state: opts.state } : {}), ...(opts.defer ? { defer: true } : {}), ...(opts.favorState ? { favor_state: true } : {}),
    ...(opts.deferState ? { defer_state: opts.deferState } : {}),
    ...(opts.eventTimeStart ? { event_time_start: opts.eventTimeStart } : {}), ...(opts.eventTimeEnd ? { event_time_end: opts.eventTimeEnd } : {}),
  });
  inv.reporter.emit({ type: 'run_finished', results: events, elapsed, cancelled });
  const failed = events.some((e) => e.status === 'error' || e.status === 'fail' || e.status === 'partial success');
  return failed || cancelled ? 1 : 0;
}

/** dbt_project.yml `flags: {skip_nodes_if_on_run_start_fails: true}` (dbt 1.9+; default false). */
function skipNodesIfOnRunStartFails(s: Session): boolean {
  const flags = s.project.raw['flags'];
  return typeof flags === 'object' && flags !== null && (flags as Record<string, unknown>)['skip_nodes_if_on_run_start_fails'] === true;
}

/** Topological order puts a unit test after its model; it runs (and is listed) just before it. */
function unitTestsFirst(p: ParsedProject, ids: string[]): string[] {
  const present = new Set(ids);
  const before = new Map<string, string[]>();
  for (const id of ids) {
    const model = p.manifest.unit_tests[id]?.depends_on.nodes[0];
    if (model !== undefined && present.has(model)) before.set(model, [...(before.get(model) ?? []), id]);
  }
  if (before.size === 0) return ids;
  const moved = new Set([...before.values()].flat());
  return ids.flatMap((id) => (moved.has(id) ? [] : [...(before.get(id) ?? []), id]));
}

/**
 * Parents as the scheduler must see them: ephemeral models and sources are not executed,
 * so a node waits for whatever they read from (a source may be a seed this project loads).
 * In `build`, a node also waits for the tests of what it reads (`testEdges`), so a failing
 * test skips everything downstream of the node it tests.
 */
function executableParents(p: ParsedProject, id: string, testEdges?: Map<string, string[]>): string[] {
  const out = new Set<string>(testEdges?.get(id) ?? []);
  const stack = p.graph.inNeighbors(id);
  const seen = new Set<string>();
  while (stack.length > 0) {
    const parent = stack.pop()!;
    if (seen.has(parent)) continue;
    seen.add(parent);
    const node = p.manifest.nodes[parent];
    if (!node || node.config.materialized === 'ephemeral') {
      stack.push(...p.graph.inNeighbors(parent));
      for (const t of testEdges?.get(parent) ?? []) out.add(t);
    } else out.add(parent);
  }
  return [...out];
}

/** Creates the schemas the run writes to, then snapshots their relations (one round trip each). */
export async function prepareWarehouse(s: Session, p: ParsedProject, pool: ConnectionPool, ids: string[], compiler: Compiler): Promise<WarehouseState> {
  const schemas = new Map<string, SchemaRef>();
  for (const id of ids) {
    const n = p.manifest.nodes[id];
    if (!n) continue; // unit tests write nothing
    // Tests write only when they store their failures (the audit schema).
    if (n.resource_type === 'test' && !storesFailures(n, s.opts.storeFailures === true)) continue;
    schemas.set(WarehouseState.key({ database: n.database, schema: n.schema }), { database: n.database, schema: n.schema });
  }
  const conn = await pool.acquire();
  try {
    const before = await WarehouseState.load(conn, [...schemas.values()]);
    const first = p.manifest.nodes[ids.find((id) => p.manifest.nodes[id]) ?? ''];
    if (!first) return before;
    const plan = planSchemas({
      dialect: s.dialect,
      needed: [...schemas.values()],
      existing: [...schemas.values()].filter((x) => before.hasSchema(x)),
      callMacro: macroCaller(s, first, compiler),
    });
    for (const st of plan.statements) await conn.execute(st.sql);
    // Schemas created just now are empty: no second listing is needed.
    for (const x of schemas.values()) before.addEmptySchema(x);
    return before;
  } finally {
    pool.release(conn);
  }
}
