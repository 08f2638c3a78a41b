/**
 * run_results.json in dbt's run-results v6 shape. Field order follows dbt's
 * RunResultOutput so the file diffs cleanly against one written by dbt.
 */
import { artifactMetadata, RUN_RESULTS_SCHEMA } from './version.js';
import { dbtTimestamp } from './timestamps.js';

export interface TimingEntry {
  name: 'compile' | 'execute';
  started_at: Date;
  completed_at: Date;
}

export interface RunResultInput {
  unique_id: string;
  /** dbt's statuses: success/error/skipped/pass/fail/warn (also 'partial success', 'no-op', 'runtime error'). */
  status: string;
  /** Empty for skipped nodes, as dbt. */
  timing: TimingEntry[];
  thread_id: string;
  /** Seconds. */
  execution_time: number;
  adapter_response?: Record<string, unknown>;
  /** null for nodes skipped because of an upstream failure (dbt writes null there). */
  message: string | null;
  failures?: number | null;
  compiled?: boolean | null;
  compiled_code?: string | null;
  relation_name?: string | null;
  /** Microbatch models: the [start, end) windows that succeeded and failed. */
  batch_results?: { successful: [string, string][]; failed: [string, string][] } | null;
}

export interface RunResultsInput {
  invocationId: string;
  generatedAt: Date;
  /** When the invocation started; dbt ≥1.9 writes it, readers accept it. */
  invocationStartedAt?: Date;
  elapsedSeconds: number;
  args: Record<string, unknown>;
  results: RunResultInput[];
}

export function buildRunResults(input: RunResultsInput): object {
  const metadata = artifactMetadata(RUN_RESULTS_SCHEMA, input);
  return {
    metadata,
    results: input.results.map(resultOutput),
    elapsed_time: input.elapsedSeconds,
    args: input.args,
  };
}

function resultOutput(r: RunResultInput): Record<string, unknown> {
  return {
    status: r.status,
    timing: r.timing.map((t) => ({
      name: t.name,
      started_at: dbtTimestamp(t.started_at),
      completed_at: dbtTimestamp(t.completed_at),
    })),
    thread_id: r.thread_id,
    execution_time: r.execution_time,
    adapter_response: r.adapter_response ?? {},
    message: r.message,
    failures: r.failures ?? null,
    unique_id: r.unique_id,
    compiled: r.compiled ?? null,
    compiled_code: r.compiled_code ?? null,
    relation_name: r.relation_name ?? null,
    // Only microbatch models carry batch results.
    batch_results: r.batch_results ?? null,
  };
}
