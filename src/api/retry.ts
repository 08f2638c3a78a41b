/**
 * `tx retry`: runs the previous command again (from target/run_results.json, or --state's) on
 * exactly the nodes that errored, failed or were skipped, with the same flags. Nothing to retry
 * is a success.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Invocation } from '../invocation.js';
import type { CommonOptions, MicrobatchBatchResults } from './options.js';
import { runCommand, type ExecKind } from './execute.js';
import { findProjectDir } from '../project/dbt-project.js';
import { TxError, TxCodes } from '../errors/tx-error.js';
import { isoMicros } from '../artifacts/sources-json.js';
import { parseEventTime } from '../materialize/microbatch-batches.js';

const RETRIED = new Set(['error', 'fail', 'skipped', 'runtime error', 'partial success']);
const KINDS: readonly ExecKind[] = ['run', 'seed', 'test', 'snapshot', 'build'];

interface PreviousRun {
  metadata?: { invocation_started_at?: string };
  args: Record<string, unknown>;
  results: { unique_id: string; status: string; batch_results?: MicrobatchBatchResults | null }[];
}

/**
 * dbt 1.9's batch_map: microbatch models with some batches done and some not. Retry runs just the
 * failed batches of these (a model whose batches all failed runs again in full).
 */
export function retryBatchMap(results: PreviousRun['results']): Record<string, MicrobatchBatchResults> {
  const out: Record<string, MicrobatchBatchResults> = {};
  for (const r of results) {
    const b = r.batch_results;
    if (b && b.successful.length > 0 && b.failed.length > 0) out[r.unique_id] = b;
  }
  return out;
}

/** run_results' timestamps are UTC without a zone (dbt's format), which isoMicros reads as UTC. */
function parseStartedAt(value: string | undefined): Date | undefined {
  const micros = value ? isoMicros(value) : undefined;
  return micros === undefined ? undefined : new Date(Number(micros / 1000n));
}

/**
 * run_results.json as retry reads it: a usage error naming the file when it is not JSON, lacks
 * args or results, or holds batch windows that are not timestamps (never a raw TypeError).
 */
function readPreviousRun(path: string): PreviousRun {
  const invalid = (why: string): TxError =>
    new TxError({ code: TxCodes.Usage, message: `tx retry: ${path} ${why}`, loc: { file: path, line: 0, col: 0 }, hint: 'retry reads the run_results.json a tx (or dbt) run, build, seed, snapshot or test wrote' });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw invalid(`is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const run = raw as Partial<PreviousRun> | null;
  if (typeof run?.args !== 'object' || run.args === null || !Array.isArray(run.results)) throw invalid('has no args and results');
  if (!run.results.every((r: unknown) => typeof r === 'object' && r !== null && typeof (r as { unique_id?: unknown }).unique_id === 'string')) throw invalid('has results without a unique_id');
  for (const r of run.results) {
    const b = r.batch_results;
    if (!b) continue;
    const windows = [...(b.successful ?? []), ...(b.failed ?? [])];
    if (windows.some((w) => !Array.isArray(w) || w.length !== 2 || w.some((t) => typeof t !== 'string' || parseEventTime(t) === undefined))) {
      throw invalid(`has batch_results for ${r.unique_id} that are not [start, end] timestamp pairs`);
    }
  }
  return run as PreviousRun;
}

export async function retryCommand(inv: Invocation, opts: CommonOptions): Promise<number> {
  const projectDir = findProjectDir(inv.cwd, opts.projectDir);
  const dir = opts.state ?? opts.targetPath ?? 'target';
  const path = join(isAbsolute(dir) ? dir : resolve(projectDir, dir), 'run_results.json');
  if (!existsSync(path)) {
    throw new TxError({ code: TxCodes.Usage, message: `tx retry: no previous run at ${path}`, hint: 'run tx run / build / test first, or point --state at the folder holding run_results.json' });
  }
  const previous = readPreviousRun(path);
  const which = String(previous.args['which'] ?? '');
  if (!(KINDS as readonly string[]).includes(which)) {
    throw new TxError({ code: TxCodes.Usage, message: `tx retry: the previous command was '${which || 'unknown'}', which retry cannot repeat`, hint: `retry repeats ${KINDS.join(', ')}` });
  }
  // Project hooks (operation.*) are not nodes to select: they run again with the command anyway.
  const ids = previous.results.filter((r) => RETRIED.has(r.status) && !r.unique_id.startsWith('operation.')).map((r) => r.unique_id);
  if (ids.length === 0) {
    inv.reporter.emit({ type: 'info', message: 'Nothing to retry: the previous run had no errors, failures or skipped nodes' });
    return 0;
  }
  const a = previous.args;
  const str = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : undefined);
  const microbatch = which === 'run' || which === 'build';
  return runCommand(inv, {
    ...opts,
    kind: which as ExecKind,
    onlyIds: ids,
    // As dbt: only run and build carry the batch map, and microbatch windows are computed from
    // the original invocation's start, so the same batches come round again.
    ...(microbatch ? { retryBatches: retryBatchMap(previous.results), originalStartedAt: parseStartedAt(previous.metadata?.invocation_started_at) } : {}),
    eventTimeStart: opts.eventTimeStart ?? str('event_time_start'),
    eventTimeEnd: opts.eventTimeEnd ?? str('event_time_end'),
    vars: opts.vars ?? str('vars'),
    target: opts.target ?? str('target'),
    profile: opts.profile ?? str('profile'),
    fullRefresh: opts.fullRefresh ?? (a['full_refresh'] === true),
    storeFailures: opts.storeFailures ?? (a['store_failures'] === true),
    threads: opts.threads ?? (typeof a['threads'] === 'number' ? a['threads'] : undefined),
    // A slim CI run retried still defers to the same production state.
    defer: opts.defer ?? (a['defer'] === true),
    favorState: opts.favorState ?? (a['favor_state'] === true),
    deferState: opts.deferState ?? str('defer_state'),
    ...(str('state') !== undefined ? { state: str('state') } : {}),
  });
}
