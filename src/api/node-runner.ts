/**
 * Runs one scheduled node: plans it against the warehouse snapshot, adds its pre- and
 * post-hooks, writes target/run/…, executes the plan on a pooled connection and turns the
 * outcome into a result. Failures become an error result; they never throw across nodes.
 */
import type { ManifestNode } from '../parse/manifest-types.js';
import type { NodeOutcome } from '../run/scheduler.js';
import type { PlanContext } from '../materialize/types.js';
import type { ConnectionPool } from '../adapter/types.js';
import type { Session, ParsedProject } from './session.js';
import type { Compiler, CompiledNode } from '../compile/compile-project.js';
import type { WarehouseState } from '../run/warehouse-state.js';
import { writeRunFile } from './run-file.js';
import { executePlanOnPool } from '../run/node-executor.js';
import { macroCaller } from './plan-node.js';
import { planWithColumns } from './plan-inputs.js';
import { isMicrobatch, runMicrobatch } from './microbatch-runner.js';
import { checkContract, contractMacroScope, hasEnforcedContract } from './contract-check.js';
import { isTxError } from '../errors/tx-error.js';
import { planText, withHooks } from '../materialize/hooks.js';
import { renderNodeHooks } from './node-hooks.js';
import { materializationMacro, runMaterialization } from './materialization-runner.js';

export interface RunnerDeps {
  s: Session;
  p: ParsedProject;
  pool: ConnectionPool;
  state: WarehouseState;
  compiler: Compiler;
  sqlOf(id: string): string;
  /** The compiled node with its variants (an incremental model's is_incremental() SQL). */
  compiledOf?(id: string): CompiledNode | undefined;
}

export type Timing = { name: 'compile' | 'execute'; started_at: Date; completed_at: Date }[];

/** Measures one node's execution for its result (timing, execution_time). */
export class NodeClock {
  readonly startedAt: Date;
  constructor(private readonly s: Session) {
    this.startedAt = s.inv.clock.now();
  }
  timing(): Timing {
    return [{ name: 'execute', started_at: this.startedAt, completed_at: this.s.inv.clock.now() }];
  }
  seconds(): number {
    return (this.s.inv.clock.now().getTime() - this.startedAt.getTime()) / 1000;
  }
}

export function errorOutcome(e: unknown, threadId: string, clock: NodeClock): NodeOutcome {
  const message = isTxError(e) ? e.message : e instanceof Error ? e.message : String(e);
  return { status: 'error', message, thread_id: threadId, timing: clock.timing(), execution_time: clock.seconds(), adapter_response: {} };
}

export function planContext(d: RunnerDeps, node: ManifestNode): PlanContext {
  const relation = d.compiler.relationFor(node);
  return {
    dialect: d.s.dialect,
    // The dialect's capabilities as this server has them (e.g. no MERGE before Postgres 15).
    capabilities: { ...d.s.dialect.capabilities, ...d.pool.capabilityOverrides },
    existing: d.state.lookup(relation.toRef()),
    lookup: (ref) => d.state.lookup(ref),
    relation,
    fullRefresh: d.s.opts.fullRefresh === true,
    callMacro: macroCaller(d.s, node, d.compiler),
  };
}

function withoutTiming(r: Record<string, unknown>): Record<string, unknown> {
  const { elapsed_ms: _elapsed, ...rest } = r;
  return rest;
}

/** Builds a model, seed or snapshot. */
export async function materializeNode(d: RunnerDeps, node: ManifestNode, threadId: string, signal: AbortSignal): Promise<NodeOutcome> {
  if (isMicrobatch(node)) return runMicrobatch(d, node, threadId, signal);
  const clock = new NodeClock(d.s);
  try {
    const custom = materializationMacro(d.s, node);
    if (custom) return await runMaterialization(d, node, custom, threadId, signal, clock);
    const sql = d.sqlOf(node.unique_id);
    let ctx = planContext(d, node);
    if (hasEnforcedContract(node)) {
      // Checked before anything is built; the DDL then declares the contract's columns and constraints.
      await checkContract(d, node, signal);
      ctx = { ...ctx, callMacro: macroCaller(d.s, node, d.compiler, contractMacroScope(d, node)) };
    }
    const built = await planWithColumns(d, node, { ctx, sql, incrementalSql: d.compiledOf?.(node.unique_id)?.incremental?.sql ?? sql });
    const plan = withHooks(built, renderNodeHooks(d, node));
    for (const note of plan.notes ?? []) d.s.inv.reporter.emit({ type: 'info', message: note });
    writeRunFile(d.s, node, planText(plan) + '\n');
    const done = await executePlanOnPool(d.pool, plan, signal);
    const rows = done.rowsAffected;
    const isSeed = node.resource_type === 'seed';
    const message = isSeed ? `INSERT ${rows ?? 0}` : 'OK';
    return {
      status: 'success', message, thread_id: threadId, timing: clock.timing(), execution_time: clock.seconds(),
      // Driver fields (BigQuery: job_id, bytes_processed, …) kept; timing lives in execution_time.
      adapter_response: { ...withoutTiming(done.adapterResponse), _message: message, code: isSeed ? 'INSERT' : 'OK', rows_affected: rows ?? -1 },
    };
  } catch (e) {
    return errorOutcome(e, threadId, clock);
  }
}
