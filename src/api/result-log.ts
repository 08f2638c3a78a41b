/**
 * What a command's scheduler reports, kept twice as dbt does: the events the console prints
 * (in finishing order) and the run_results.json entries (in the command's node order).
 */
import type { Invocation } from '../invocation.js';
import type { ManifestNode, UnitTestNode } from '../parse/manifest-types.js';
import type { NodeOutcome } from '../run/scheduler.js';
import type { RunResultInput } from '../artifacts/run-results.js';
import type { NodeResultEvent } from '../events/events.js';
import { toEvent, toRunResult } from './execute.js';

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
