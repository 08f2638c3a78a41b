/**
 * The static-analysis phase of compile, run, build and docs generate: after rendering, before any
 * connection. Errors join the compile diagnostics and stop at the gate; warnings are printed (or,
 * with --warn-error, were already made errors by Diagnostics). `tx compile` and `tx docs generate`
 * write target/column_lineage.json. docs generate never stops on a finding: like dbt's, it does
 * not validate SQL, so every finding is printed as a warning and the site is still written.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Session, ParsedProject } from './session.js';
import type { CompileOutcome } from './compile.js';
import type { AnalysedSql, AnalysisStats } from '../analysis/analyze-project.js';
import { withEphemeralParents } from '../analysis/analyze-project.js';
import type { AnalysisJob, AnalysisPlace, AnalysisReply } from '../analysis/analysis-job.js';
import { analyseAt, fromPlain, slimManifest } from '../analysis/analysis-job.js';
import { TxCodes, TxError } from '../errors/tx-error.js';

/**
 * 'compile': write the lineage file and report SQL the parser cannot analyse. 'run' (run, build):
 * analyse only to stop errors before the warehouse sees them, so those notes would be noise.
 * Every target is analysed: node-sql-parser (Postgres, Snowflake, BigQuery) costs a few
 * milliseconds a model (bench/analysis.ts measures it), less than one warehouse round trip.
 */
export type AnalysisPhase = 'compile' | 'run' | 'docs';

/**
 * An analysis started on a worker thread (or not yet started, to run on the main thread):
 * `finish` awaits it and reports its findings (errors stop at the compile gate, except for docs);
 * `cancel` stops a worker still running, when the command fails before `finish`.
 */
export interface PendingAnalysis {
  finish(): Promise<AnalysisStats>;
  cancel(): void;
}

/**
 * From this many nodes to analyse, a worker pays: starting it and loading the analysis modules
 * costs ~100 ms of its own, the slim manifest's clone a little of the main thread's.
 */
export const WORKER_MIN_NODES = 2000;

/** The compiled worker entry, when tx runs from dist/ (under vitest the sources have no .js: in-thread). */
function workerEntry(): URL | undefined {
  const url = new URL('../analysis/analysis-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Starts the static analysis. With `overlap` (the caller has other work to do before `finish`)
 * and at least WORKER_MIN_NODES nodes, it runs on a worker thread; otherwise, or when the worker
 * entry is missing, on the main thread inside `finish`. TX_ANALYSIS_WORKER=always|never forces
 * either (tests). Both give the same findings, in the same order, and the same lineage file.
 */
export function startStaticAnalysis(s: Session, p: ParsedProject, out: CompileOutcome, phase: AnalysisPhase, opts: { overlap: boolean }): PendingAnalysis {
  const forced = s.inv.env['TX_ANALYSIS_WORKER'];
  const wanted = forced === 'always' || (forced !== 'never' && opts.overlap && out.compiled.size >= WORKER_MIN_NODES);
  const entry = wanted ? workerEntry() : undefined;
  const inThread = (): Promise<AnalysisStats> => analyseInThread(s, p, out, phase);
  if (!entry) return { finish: inThread, cancel: () => {} };

  const sqlOf = sqlLookup(p, out);
  const ids = [...out.compiled.keys()];
  const sql = new Map<string, AnalysedSql>();
  for (const id of withEphemeralParents(p.manifest, ids, sqlOf)) {
    const x = sqlOf(id);
    if (x) sql.set(id, { rendered: x.rendered, sql: x.sql, incremental: x.incremental && { rendered: x.incremental.rendered, sql: x.incremental.sql }, introspects: x.introspects });
  }
  const job: AnalysisJob = { ...placeOf(s, phase), manifest: slimManifest(p.manifest), sql, ids, dialectName: s.dialect.name };
  type Answer = { reply: AnalysisReply } | { error: string };
  const worker = new Worker(entry);
  // Not kept alive by the worker while the main thread works; `finish` refs it while it waits.
  worker.unref();
  const answer = new Promise<Answer>((resolve) => {
    worker.once('message', (m: { ok: true; reply: AnalysisReply } | { ok: false; error: string }) => resolve(m.ok ? { reply: m.reply } : { error: m.error }));
    worker.on('error', (e) => resolve({ error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }));
    worker.once('exit', (code) => resolve({ error: `the worker exited (code ${code}) without an answer` }));
  });
  worker.postMessage(job);
  s.timer.mark('analysis_start');
  const stop = (): void => void worker.terminate().catch(() => {});
  return {
    cancel: stop,
    finish: async () => {
      worker.ref();
      const signal = s.inv.signal;
      let onAbort: (() => void) | undefined;
      const aborted = new Promise<'aborted'>((resolve) => {
        onAbort = () => resolve('aborted');
        if (signal.aborted) resolve('aborted');
        else signal.addEventListener('abort', onAbort, { once: true });
      });
      let got: Answer | 'aborted';
      try {
        got = await Promise.race([answer, aborted]);
      } finally {
        if (onAbort) signal.removeEventListener('abort', onAbort);
        stop();
      }
      s.timer.mark('analysis_wait');
      if (got === 'aborted') throw new TxError({ code: TxCodes.Cancelled, message: 'cancelled during static analysis' });
      if ('error' in got) {
        // An analysis that throws throws again here, on the main thread, as it did before workers.
        s.inv.reporter.emit({ type: 'debug', message: `static analysis worker failed (${got.error}); analysing on the main thread` });
        return inThread();
      }
      s.timer.record('analysis', got.reply.ms);
      return report(s, phase, got.reply.diagnostics.map(fromPlain), got.reply.stats, 'analysis_wait');
    },
  };
}

/** Analyses on the main thread, now (run, build; small projects; no worker entry). */
export async function runStaticAnalysis(s: Session, p: ParsedProject, out: CompileOutcome, phase: AnalysisPhase): Promise<AnalysisStats> {
  const pending = startStaticAnalysis(s, p, out, phase, { overlap: false });
  try {
    return await pending.finish();
  } finally {
    pending.cancel();
  }
}

/** A node's SQL: its own compile, or (ephemeral parents, compiled while their children render) the memoised one. */
function sqlLookup(p: ParsedProject, out: CompileOutcome): (id: string) => AnalysedSql | undefined {
  return (id) => {
    const own = out.compiled.get(id);
    if (own) return own;
    const n = p.manifest.nodes[id];
    return n?.config.materialized === 'ephemeral' ? (out.compiler.compile(id) ?? undefined) : undefined;
  };
}

/**
 * The session's catalog, compiled files and lineage file. run and build analyse only what they
 * build: the full lineage file is compile's (and docs') to write.
 */
function placeOf(s: Session, phase: AnalysisPhase): AnalysisPlace {
  return {
    target: { database: s.target.database, schema: s.target.schema },
    catalogPath: join(s.targetDir, 'catalog.json'),
    cwd: s.inv.cwd,
    targetDir: s.targetDir,
    lineagePath: phase === 'run' ? undefined : join(s.targetDir, 'column_lineage.json'),
  };
}

async function analyseInThread(s: Session, p: ParsedProject, out: CompileOutcome, phase: AnalysisPhase): Promise<AnalysisStats> {
  const result = await analyseAt(placeOf(s, phase), { manifest: p.manifest, sqlOf: sqlLookup(p, out), ids: [...out.compiled.keys()], dialect: s.dialect });
  return report(s, phase, result.diagnostics, result.stats, 'analysis');
}

function report(s: Session, phase: AnalysisPhase, diagnostics: TxError[], st: AnalysisStats, mark: string): AnalysisStats {
  const findings = diagnostics.filter((d) => phase !== 'run' || d.code !== TxCodes.SqlUnsupported);
  if (phase === 'docs') {
    // Printed straight away, as warnings: neither the gate nor --warn-error applies to documentation.
    for (const d of findings) s.inv.reporter.emit({ type: 'diagnostic', error: asWarning(d) });
    const errors = findings.filter((d) => d.severity === 'error').length;
    if (errors > 0) {
      s.inv.reporter.emit({ type: 'info', message: `Static analysis found ${errors} error${errors === 1 ? '' : 's'} (shown as warnings: docs generate does not validate SQL; tx compile reports them as errors)` });
    }
  } else for (const d of findings) s.diagnostics.add(d);
  s.inv.reporter.emit({
    type: 'debug',
    message: `static analysis: ${st.analysed} nodes analysed, ${st.parsed} parsed, ${st.generated} built-in tests checked from their arguments alone, ${st.lineageComplete} of ${st.lineageNodes} models and snapshots with complete lineage (${st.lineageParsed} parsed), ${st.skipped} skipped`,
  });
  s.timer.mark(mark);
  s.diagnostics.gate('compile');
  for (const w of s.diagnostics.takeWarnings()) s.inv.reporter.emit({ type: 'diagnostic', error: w });
  return st;
}

function asWarning(d: TxError): TxError {
  return d.severity === 'warn' ? d : new TxError({ code: d.code, message: d.message, loc: d.loc, hint: d.hint, cause: d.cause, severity: 'warn' });
}
