import type { WarnErrorOptions } from '../errors/warn-error.js';
import type { IndirectSelection } from '../select/spec.js';
/** run_results.json's batch_results: [start, end) windows as ISO strings. */
export interface MicrobatchBatchResults {
  successful: [string, string][];
  failed: [string, string][];
}

/** Options every command understands (dbt's global and selection flags). */
export interface CommonOptions {
  projectDir?: string | undefined;
  profilesDir?: string | undefined;
  profile?: string | undefined;
  target?: string | undefined;
  vars?: string | undefined;
  threads?: number | undefined;
  targetPath?: string | undefined;
  select?: string[] | undefined;
  exclude?: string[] | undefined;
  selector?: string | undefined;
  fullRefresh?: boolean | undefined;
  failFast?: boolean | undefined;
  resourceTypes?: string[] | undefined;
  /** dbt's --store-failures: keep every test's failing rows in the audit schema. */
  storeFailures?: boolean | undefined;
  /** dbt's --indirect-selection: how tests of selected nodes join the selection. */
  indirectSelection?: IndirectSelection | undefined;
  /** dbt's --event-time-start / --event-time-end: the window microbatch models process (UTC). */
  eventTimeStart?: string | undefined;
  eventTimeEnd?: string | undefined;
  /** dbt's --state: a directory holding the manifest.json of a previous invocation. */
  state?: string | undefined;
  /** dbt's --defer: refs to unbuilt nodes read the state's relations when the target lacks them. */
  defer?: boolean | undefined;
  /** dbt's --favor-state: with --defer, read the state's relation even when the target has one. */
  favorState?: boolean | undefined;
  /** dbt's --defer-state: the state to defer to, when it differs from --state. */
  deferState?: string | undefined;
  /** dbt's --warn-error: warnings (static analysis findings among them) fail the command. */
  warnError?: boolean | undefined;
  /** dbt's --warn-error-options: which warnings (dbt event names or TX codes) fail the command. */
  warnErrorOptions?: WarnErrorOptions | undefined;
  /** dbt's --exclude-resource-type: resource types taken out of the selection. */
  excludeResourceTypes?: string[] | undefined;
  /** `tx retry`: exactly these nodes, instead of a selection. */
  onlyIds?: string[] | undefined;
  /** The command running, as templates see it in `flags.WHICH` (default 'run'). */
  which?: string | undefined;
  /**
   * `tx retry` (dbt's batch_map): microbatch models that partly succeeded last time, with their
   * batch results; only the failed batches run again, and the successful ones are carried over.
   */
  retryBatches?: Record<string, MicrobatchBatchResults> | undefined;
  /** `tx retry`: when the retried invocation started, so microbatch windows are computed from it. */
  originalStartedAt?: Date | undefined;
  homeDir: string;
}
