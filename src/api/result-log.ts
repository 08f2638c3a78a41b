/**
 * What a command's scheduler reports, kept twice as dbt does: the events the console prints
 * (in finishing order) and the run_results.json entries (in the command's node order).
 */
import type { Invocation } from '../invocation.js';
import type { ManifestNode, UnitTestNode } from '../parse/manifest-types.js';
import type { NodeOutcome } from '../run/scheduler.js';
import type { RunResultInput } from '../artifacts/run-results.js';
import type { NodeResultEvent } from '../events/events.js';
import { nodeLabel } from './node-label.js';

type Executable = ManifestNode | UnitTestNode;

export class ResultLog {
  readonly events: NodeResultEvent[] = [];
  readonly results: RunResultInput[] = [];

  constructor(private readonly inv: Invocation) {}

  /** The scheduler's onFinish: one console line and one result. */
  record(node: ManifestNode | UnitTestNode, outcome: NodeOutcome, index: number, total: number): void {
    const ev = toEvent(node, outcome);
    this.events.push(ev);
    this.results.push(toRunResult(node, outcome));
    this.inv.reporter.emit({ type: 'node_finish', index, total, ...ev });
  }

  /** Results back in the command's order (dbt lists them as scheduled, not as finished). */
  sortResults(order: readonly string[]): void {
    const position = new Map(order.map((id, i) => [id, i]));
    this.results.sort((a, b) => position.get(a.unique_id)! - position.get(b.unique_id)!);
  }
}

function toEvent(node: Executable, o: NodeOutcome): NodeResultEvent {
  // A microbatch model with some batches done is dbt's 'partial success' (scheduled as an error).
  const partial = o['result_status'] === 'partial success';
  return {
    node: nodeLabel(node),
    status: partial ? 'partial success' : o.status,
    execution_time: Number(o['execution_time'] ?? 0),
    message: partial ? String(o['result_message']) : o.message,
    compiled_path: node.resource_type === 'seed' || node.resource_type === 'unit_test' ? null : node.compiled_path,
    thread_id: String(o['thread_id'] ?? ''),
    failures: typeof o['failures'] === 'number' ? o['failures'] : null,
    audit_relation: typeof o['audit_relation'] === 'string' ? o['audit_relation'] : null,
  };
}

function toRunResult(node: Executable, o: NodeOutcome): RunResultInput {
  const unit = node.resource_type === 'unit_test';
  return {
    unique_id: node.unique_id,
    // A microbatch model may end in dbt's 'partial success' (scheduled as an error).
    status: typeof o['result_status'] === 'string' ? o['result_status'] : o.status,
    timing: (o['timing'] as RunResultInput['timing'] | undefined) ?? [],
    thread_id: String(o['thread_id'] ?? ''),
    execution_time: Number(o['execution_time'] ?? 0),
    adapter_response: (o['adapter_response'] as Record<string, unknown> | undefined) ?? {},
    // dbt reports no message for skipped nodes and passing tests.
    message: o.status === 'skipped' || (o.status === 'pass' && o.message === '') ? null : typeof o['result_message'] === 'string' ? o['result_message'] : o.message,
    failures: typeof o['failures'] === 'number' ? o['failures'] : null,
    compiled: node.resource_type !== 'seed' ? true : null,
    compiled_code: unit ? null : node.compiled_code ?? null,
    relation_name: unit ? null : node.relation_name,
    batch_results: (o['batch_results'] as RunResultInput['batch_results'] | undefined) ?? null,
  };
}
