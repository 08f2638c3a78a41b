import type { TxError } from '../errors/tx-error.js';

/** What a node line shows: "sql table model silver.user_features". */
export interface NodeLabel {
  unique_id: string;
  resource_type: string;
  /** e.g. "sql table model", "seed file", "sql view model". */
  description: string;
  /** e.g. "main_silver.user_features" (schema.alias) */
  display_name: string;
  /** Optional extras the CLI uses to match dbt's wording exactly when present. */
  /** Node name (dbt prints it in test lines and "Failure in test <name> (<path>)"). */
  name?: string;
  /** e.g. "models/silver/user_features.sql". */
  original_file_path?: string;
  /** e.g. "table"; feeds "Finished running 3 table models". */
  materialized?: string;
}

export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn' | 'partial success';

export interface NodeResultEvent {
  node: NodeLabel;
  status: NodeStatus;
  /** Seconds. */
  execution_time: number;
  /** e.g. "OK", "CREATE TABLE (42 rows)", or the database's error message. */
  message: string;
  /** Path of the compiled SQL, for the failure summary. */
  compiled_path: string | null;
  thread_id: string;
  /** Failing row count of a test (dbt prints "FAIL 3 <name>"). */
  failures?: number | null;
  /** Where a test stored its failing rows (store_failures), printed in the summary. */
  audit_relation?: string | null;
}

/** One source's freshness check (dbt's LogFreshnessResult). */
export interface FreshnessResultEvent {
  node: NodeLabel;
  source_name: string;
  table_name: string;
  /** dbt's FreshnessStatus; 'error' is stale past error_after, 'runtime error' a failed check. */
  status: 'pass' | 'warn' | 'error' | 'runtime error';
  /** Seconds. */
  execution_time: number;
  /** Why a check failed (runtime errors only), as dbt prints it at the end. */
  message: string | null;
  thread_id: string;
}

export type TxEvent =
  | { type: 'info'; message: string }
  | { type: 'debug'; message: string }
  | { type: 'diagnostic'; error: TxError }
  | { type: 'found'; counts: Record<string, number> }
  | { type: 'concurrency'; threads: number; target: string }
  | { type: 'node_start'; index: number; total: number; node: NodeLabel }
  | ({ type: 'node_finish'; index: number; total: number } & NodeResultEvent)
  | { type: 'run_finished'; results: NodeResultEvent[]; elapsed: number; cancelled: boolean }
  | ({ type: 'freshness_result'; index: number; total: number } & FreshnessResultEvent)
  | { type: 'freshness_finished'; results: FreshnessResultEvent[]; elapsed: number; cancelled: boolean }
  | { type: 'output'; text: string }
  /** A blank line dbt prints between sections (its Formatting event), e.g. around project hooks. */
  | { type: 'formatting' };
