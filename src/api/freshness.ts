/**
 * `tx source freshness`: for every selected source with a freshness threshold, ask the
 * warehouse how old its newest row is, in parallel up to --threads; print dbt's lines, write
 * target/sources.json (or --output). Exit 1 when a source is stale past error_after or its
 * check failed (or warns, with --warn-error); 0 otherwise.
 */
import { join, resolve } from 'node:path';
import type { Invocation } from '../invocation.js';
import type { CommonOptions } from './options.js';
import type { SourceNode } from '../parse/manifest-types.js';
import type { FreshnessResultEvent, NodeLabel } from '../events/events.js';
import type { SourceFreshnessEntry } from '../artifacts/sources-json.js';
import { openSession, parseSession, type ParsedProject, type Session } from './session.js';
import { foundCounts } from './found.js';
import { selectedIds } from './select-nodes.js';
import { writeManifest } from './artifacts.js';
import { runSchedule } from '../run/scheduler.js';
import { hasFreshness } from '../parse/source-freshness.js';
import { buildSourcesJson } from '../artifacts/sources-json.js';
import { writeJsonArtifact } from '../artifacts/write-json.js';
import { checkSourceFreshness } from './freshness-check.js';

export interface FreshnessOptions extends CommonOptions {
  /** dbt's -o/--output: where sources.json goes instead of <target-path>/sources.json. */
  output?: string | undefined;
}

/** dbt's FreshnessSelector: the selected sources that have a threshold, in unique_id order. */
function freshnessSelection(s: Session, p: ParsedProject): string[] {
  return [...selectedIds(s, p, ['source'])].filter((id) => hasFreshness(p.manifest.sources[id]?.freshness)).sort();
}

function label(src: SourceNode): NodeLabel {
  return {
    unique_id: src.unique_id, resource_type: 'source', name: src.name, original_file_path: src.original_file_path,
    description: 'freshness of', display_name: `${src.source_name}.${src.name}`,
  };
}

export async function sourceFreshnessCommand(inv: Invocation, opts: FreshnessOptions): Promise<number> {
  const s = await openSession(inv, opts);
  const p = parseSession(s);
  inv.reporter.emit({ type: 'found', counts: foundCounts(p.manifest) });
  const ids = freshnessSelection(s, p);
  s.baseScope['selected_resources'] = ids;
  writeManifest(s, p);
  const outPath = opts.output !== undefined ? resolve(inv.cwd, opts.output) : join(s.targetDir, 'sources.json');
  const write = (results: SourceFreshnessEntry[], elapsed: number) =>
    writeJsonArtifact(outPath, buildSourcesJson({ invocationId: inv.invocationId, generatedAt: inv.clock.now(), invocationStartedAt: inv.startedAt, elapsedSeconds: elapsed, results }));
  if (ids.length === 0) {
    inv.reporter.emit({ type: 'info', message: 'Nothing to do. Try checking your model configs and model specification args' });
    write([], 0);
    return 0;
  }
  inv.reporter.emit({ type: 'concurrency', threads: s.threads, target: s.target.name });
  const started = inv.clock.now();
  const pool = await s.adapter.connect(s.credentials, { projectDir: s.project.rootDir, threads: s.threads });
  const entries = new Map<string, SourceFreshnessEntry>();
  const events: FreshnessResultEvent[] = [];
  let cancelled = false;
  try {
    const res = await runSchedule({
      ids,
      parentsOf: () => [],
      priority: ids,
      threads: s.threads,
      failFast: false,
      signal: inv.signal,
      execute: async (id, threadId, signal) => {
        const src = p.manifest.sources[id]!;
        const check = await checkSourceFreshness({ s, p, pool }, src, src.freshness!, threadId, signal);
        entries.set(id, check.entry);
        const failed = check.entry.status === 'runtime error' || check.entry.status === 'error';
        return { status: failed ? 'error' : 'pass', message: '', thread_id: threadId, execution_time: check.execution_time };
      },
      onStart: (id, index, total) => inv.reporter.emit({ type: 'node_start', index, total, node: label(p.manifest.sources[id]!) }),
      onFinish: (id, outcome, index, total) => {
        if (outcome.status === 'skipped') return; // cancelled before it started: nothing was checked
        const src = p.manifest.sources[id]!;
        // execute never throws; should it, the check still counts as a runtime error.
        const entry = entries.get(id) ?? { unique_id: id, status: 'runtime error' as const, error: outcome.message };
        entries.set(id, entry);
        const ev: FreshnessResultEvent = {
          node: label(src), source_name: src.source_name, table_name: src.name, status: entry.status,
          execution_time: Number(outcome['execution_time'] ?? 0), message: entry.status === 'runtime error' ? entry.error : null,
          thread_id: String(outcome['thread_id'] ?? ''),
        };
        events.push(ev);
        inv.reporter.emit({ type: 'freshness_result', index, total, ...ev });
      },
    });
    cancelled = res.cancelled;
  } finally {
    await pool.close();
  }
  const elapsed = (inv.clock.now().getTime() - started.getTime()) / 1000;
  write(ids.flatMap((id) => entries.get(id) ?? []), elapsed);
  inv.reporter.emit({ type: 'freshness_finished', results: events, elapsed, cancelled });
  const failed = events.some((e) => e.status === 'error' || e.status === 'runtime error' || (e.status === 'warn' && opts.warnError === true));
  return failed || cancelled ? 1 : 0;
}
