/**
 * Runs a microbatch model (incremental_strategy: microbatch) as dbt 1.9 does: the time range is cut
 * into batches; each batch is rendered with its window (model.batch, upstream refs with event_time
 * filtered), planned and run in its own transaction, and logs its own "batch i of N" lines. A failed
 * batch leaves the others committed; run_results records which batches succeeded and failed so they
 * can be run again (--event-time-start/--event-time-end over the failed window).
 */
import type { ManifestNode } from '../parse/manifest-types.js';
import type { NodeOutcome } from '../run/scheduler.js';
import type { RelationInfo } from '../adapter/types.js';
import type { RunnerDeps } from './node-runner.js';
import { NodeClock, errorOutcome, planContext } from './node-runner.js';
import { planWithColumns } from './plan-inputs.js';
import { writeRunFile } from './run-file.js';
import { executePlanOnPool } from '../run/node-executor.js';
import { incrementalMode } from '../materialize/incremental.js';
import { batchRelation } from '../materialize/microbatch-relation.js';
import {
  batchId, buildBatches, formatBatchStart, isoUtc, microbatchSettings, parseEventTime, type Batch, type BatchSize,
} from '../materialize/microbatch-batches.js';
import { TxCodes, TxError, isTxError } from '../errors/tx-error.js';
import { planText, withHooks } from '../materialize/hooks.js';
import { renderNodeHooks } from './node-hooks.js';

export function isMicrobatch(node: ManifestNode): boolean {
  return node.resource_type === 'model' && node.config.materialized === 'incremental' && node.config.incremental_strategy === 'microbatch';
}

/** dbt's format_fancy_output_line (80 columns of dots), for the batch lines. */
function fancy(msg: string, status: string, index: number, total: number, seconds?: number): string {
  const time = seconds === undefined ? '' : ` in ${seconds.toFixed(2)}s`;
  return `${`${index} of ${total} ${msg} `.padEnd(80, '.')} [${status}${time}]`;
}

function eventTimeFlag(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = parseEventTime(value);
  if (!d) throw new TxError({ code: TxCodes.Usage, message: `${flag} '${value}' is not a date or datetime`, hint: `write it as 2024-01-01 or '2024-01-01 12:00:00' (UTC)` });
  return d;
}

/** --event-time-start/--event-time-end, checked before anything runs (a usage error, as dbt's). */
export function eventTimeWindow(opts: { eventTimeStart?: string | undefined; eventTimeEnd?: string | undefined }): { start?: Date | undefined; end?: Date | undefined } {
  const start = eventTimeFlag(opts.eventTimeStart, '--event-time-start');
  const end = eventTimeFlag(opts.eventTimeEnd, '--event-time-end');
  if (start && end && start.getTime() >= end.getTime()) {
    throw new TxError({ code: TxCodes.Usage, message: 'Value for `--event-time-start` must be less than `--event-time-end`' });
  }
  return { start, end };
}

export async function runMicrobatch(d: RunnerDeps, node: ManifestNode, threadId: string, signal: AbortSignal): Promise<NodeOutcome> {
  const clock = new NodeClock(d.s);
  const emit = (message: string) => d.s.inv.reporter.emit({ type: 'info', message });
  const base = planContext(d, node);
  let batches: Batch[];
  let batchSize: BatchSize;
  let isIncremental: boolean;
  try {
    const settings = microbatchSettings(node.config, node.name, { file: node.abs_path, line: 0, col: 0 });
    batchSize = settings.batchSize;
    isIncremental = incrementalMode(node.config, base.existing, base.fullRefresh) === 'incremental';
    const previous = d.s.opts.retryBatches?.[node.unique_id];
    if (previous) {
      // tx retry: exactly the batches that failed last time (dbt's previous_batch_results.failed).
      batches = previous.failed.map(([from, to]) => ({ start: parseEventTime(from)!, end: parseEventTime(to)! }));
    } else {
      const { start, end } = eventTimeWindow(d.s.opts);
      batches = buildBatches({
        // A retry computes the windows from the retried invocation's start, as dbt does.
        ...settings, isIncremental, now: d.s.opts.originalStartedAt ?? d.s.inv.startedAt, eventTimeStart: start, eventTimeEnd: end,
        model: node.name, loc: { file: node.abs_path, line: 0, col: 0 },
      });
    }
  } catch (e) {
    return errorOutcome(e, threadId, clock);
  }

  const label = `${node.schema}.${node.alias}`;
  const runText: string[] = [];
  const successful: Batch[] = [];
  const failed: Batch[] = [];
  const errors: string[] = [];
  let existing: RelationInfo | undefined = base.existing;
  let firstFailed = false;
  for (let i = 0; i < batches.length; i++) {
    const b = batches[i]!;
    const desc = `batch ${formatBatchStart(b.start, batchSize)} of ${label}`;
    if (signal.aborted || firstFailed) {
      // The batch that creates (or rebuilds) the table failed: the others have nothing to add to.
      failed.push(b);
      emit(fancy(`SKIP ${desc}`, 'SKIP', i + 1, batches.length));
      continue;
    }
    emit(fancy(`START ${desc}`, 'RUN', i + 1, batches.length));
    const started = d.s.inv.clock.now().getTime();
    const batch = { id: batchId(b.start, batchSize), event_time_start: isoUtc(b.start), event_time_end: isoUtc(b.end) };
    try {
      const rebuild = i === 0 && !isIncremental;
      const incremental = existing !== undefined && !rebuild;
      const rendered = d.compiler.renderVariant(node.unique_id, {
        incremental,
        batch,
        wrapRelation: (upstream, rel) => batchRelation(d.s.dialect, b, upstream.config, rel),
      });
      const ctx = { ...base, existing, fullRefresh: rebuild && existing !== undefined };
      const built = await planWithColumns(d, node, { ctx, sql: rendered.sql, incrementalSql: rendered.sql, model: { ...node, batch } });
      // As dbt: the pre-hooks run with the first batch only, the post-hooks with the last.
      const plan = withHooks(built, renderNodeHooks(d, node, { batch, incremental, pre: i === 0, post: i === batches.length - 1 }));
      for (const note of plan.notes ?? []) emit(note);
      runText.push(`-- batch ${batch.id}: [${batch.event_time_start}, ${batch.event_time_end})\n` + planText(plan));
      await executePlanOnPool(d.pool, plan, signal);
      existing = { ...base.relation.toRef(), type: 'table' };
      successful.push(b);
      emit(fancy(`OK created ${desc}`, 'success', i + 1, batches.length, (d.s.inv.clock.now().getTime() - started) / 1000));
    } catch (e) {
      failed.push(b);
      firstFailed = i === 0 && !isIncremental;
      const message = isTxError(e) || e instanceof Error ? e.message : String(e);
      errors.push(`batch ${formatBatchStart(b.start, batchSize)}: ${message}`);
      // dbt logs the batch's exception as it happens (GenericExceptionOnRun), then its result line.
      d.s.inv.reporter.emit({ type: 'info', message: `Unhandled error while executing ${node.unique_id}\nException on worker thread. ${message}` });
      emit(fancy(`ERROR creating ${desc}`, 'ERROR', i + 1, batches.length, (d.s.inv.clock.now().getTime() - started) / 1000));
    }
  }
  if (runText.length > 0) writeRunFile(d.s, node, runText.join('\n\n') + '\n');
  const carried = d.s.opts.retryBatches?.[node.unique_id]?.successful ?? [];
  return microbatchOutcome({ successful, failed, carried, errors, threadId, clock });
}

/**
 * dbt's merge_batch_results: the status counts this run's batches only; a retry's previously
 * successful batches are then appended to `successful`, so run_results keeps the whole picture.
 */
function microbatchOutcome(r: { successful: Batch[]; failed: Batch[]; carried: [string, string][]; errors: string[]; threadId: string; clock: NodeClock }): NodeOutcome {
  const pair = (b: Batch): [string, string] => [isoUtc(b.start), isoUtc(b.end)];
  const byStart = (a: Batch, b: Batch) => a.start.getTime() - b.start.getTime();
  const batchResults = { successful: [...[...r.successful].sort(byStart).map(pair), ...r.carried], failed: [...r.failed].sort(byStart).map(pair) };
  const base = { thread_id: r.threadId, timing: r.clock.timing(), execution_time: r.clock.seconds(), batch_results: batchResults };
  const ok = r.successful.length;
  const total = ok + r.failed.length;
  if (r.failed.length === 0) {
    return { ...base, status: 'success', message: 'SUCCESS', adapter_response: { _message: 'SUCCESS', code: 'SUCCESS', rows_affected: -1 } };
  }
  const detail = r.errors.join('\n') || 'batches were skipped';
  if (ok === 0) return { ...base, status: 'error', message: detail, adapter_response: {} };
  // dbt's "partial success": downstream nodes are skipped, since they would read a gap.
  const summary = `PARTIAL SUCCESS (${ok}/${total})`;
  return { ...base, status: 'error', message: `${summary}\n${detail}`, result_status: 'partial success', result_message: summary, adapter_response: {} };
}
