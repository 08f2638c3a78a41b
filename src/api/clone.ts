/**
 * `tx clone --state DIR`: creates, in the target, every selected model, seed and snapshot as
 * a clone of its relation in the state (zero-copy where the warehouse can clone tables,
 * otherwise a view selecting from it), as dbt clone does. Nodes are independent: they run in
 * parallel up to --threads, and one failing never skips another.
 */
import type { Invocation } from '../invocation.js';
import type { CommonOptions } from './options.js';
import type { SchemaRef } from '../adapter/types.js';
import { openSession, parseSession } from './session.js';
import { compileNodes } from './compile.js';
import { selectForCommand } from './select-nodes.js';
import { foundCounts } from './found.js';
import { nodeLabel } from './node-label.js';
import { writeManifest, writeRunResults } from './artifacts.js';
import { prepareWarehouse } from './execute.js';
import { ResultLog } from './result-log.js';
import { NodeClock, errorOutcome, planContext } from './node-runner.js';
import { macroValueCaller } from './plan-node.js';
import { deferRelations, stateRelation } from '../compile/defer.js';
import { planClone } from '../materialize/clone.js';
import { runSchedule } from '../run/scheduler.js';
import { WarehouseState } from '../run/warehouse-state.js';
import { executePlanOnPool, withConnection } from '../run/node-executor.js';
import { TxError, TxCodes } from '../errors/tx-error.js';

export async function cloneCommand(inv: Invocation, opts: CommonOptions): Promise<number> {
  const s = await openSession(inv, opts);
  const p = parseSession(s);
  inv.reporter.emit({ type: 'found', counts: foundCounts(p.manifest) });
  const state = s.previousState();
  if (!state) throw new TxError({ code: TxCodes.Usage, message: 'tx clone needs --state', hint: 'pass --state with the folder holding the manifest.json of the run whose relations to clone' });
  const ids = selectForCommand(s, p, ['model', 'seed', 'snapshot']).filter((id) => p.manifest.nodes[id]!.config.materialized !== 'ephemeral');
  const relations = deferRelations(p.manifest, state.manifest.nodes);
  for (const [id, d] of relations) p.manifest.nodes[id]!.defer_relation = d;
  const { compiler } = compileNodes(s, p, []);
  writeManifest(s, p);
  if (ids.length === 0) {
    inv.reporter.emit({ type: 'info', message: 'Nothing to do. Try checking your model configs and model specification args' });
    return 0;
  }
  inv.reporter.emit({ type: 'concurrency', threads: s.threads, target: s.target.name });
  const started = inv.clock.now();
  const pool = await s.adapter.connect(s.credentials, { projectDir: s.project.rootDir, threads: s.threads });
  const log = new ResultLog(inv);
  let cancelled = false;
  try {
    const target = await prepareWarehouse(s, p, pool, ids, compiler);
    // The state's schemas too: a table in the state can be cloned, a view is selected from.
    const stateSchemas = new Map<string, SchemaRef>();
    for (const id of ids) {
      const d = relations.get(id);
      if (d) stateSchemas.set(WarehouseState.key(d), { database: d.database, schema: d.schema });
    }
    const inState = await withConnection(pool, inv.signal, (conn) => WarehouseState.load(conn, [...stateSchemas.values()]));
    const first = p.manifest.nodes[ids[0]!]!;
    const canCloneTable = macroValueCaller(s, first, compiler)('can_clone_table', []) === true;
    const res = await runSchedule({
      ids,
      parentsOf: () => [],
      priority: ids,
      threads: s.threads,
      failFast: opts.failFast === true,
      signal: inv.signal,
      execute: async (id, threadId, signal) => {
        const node = p.manifest.nodes[id]!;
        const clock = new NodeClock(s);
        try {
          const d = relations.get(id);
          const from = d ? stateRelation(s.dialect, s.project.quoting, d) : undefined;
          const ctx = planContext({ s, p, pool, state: target, compiler, sqlOf: () => '' }, node);
          const plan = planClone(ctx, { stateRelation: from, stateExisting: from ? inState.lookup(from.toRef()) : undefined, canCloneTable });
          if (plan.noop) {
            inv.reporter.emit({ type: 'info', message: plan.noop });
            return { status: 'success', message: 'No-op', thread_id: threadId, timing: clock.timing(), execution_time: clock.seconds(), adapter_response: {} };
          }
          const done = await executePlanOnPool(pool, plan, signal);
          return { status: 'success', message: 'OK', thread_id: threadId, timing: clock.timing(), execution_time: clock.seconds(), adapter_response: { ...done.adapterResponse, _message: 'OK' } };
        } catch (e) {
          return errorOutcome(e, threadId, clock);
        }
      },
      onStart: (id, index, total) => inv.reporter.emit({ type: 'node_start', index, total, node: nodeLabel(p.manifest.nodes[id]!) }),
      onFinish: (id, outcome, index, total) => log.record(p.manifest.nodes[id]!, outcome, index, total),
    });
    cancelled = res.cancelled;
  } finally {
    await pool.close();
  }
  const elapsed = (inv.clock.now().getTime() - started.getTime()) / 1000;
  log.sortResults(ids);
  writeRunResults(s, log.results, elapsed, { which: 'clone', select: opts.select ?? [], exclude: opts.exclude ?? [], threads: s.threads, full_refresh: opts.fullRefresh === true, state: opts.state });
  inv.reporter.emit({ type: 'run_finished', results: log.events, elapsed, cancelled });
  return log.events.some((e) => e.status === 'error') || cancelled ? 1 : 0;
}
