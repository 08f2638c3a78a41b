/**
 * The static-analysis phase of compile, run, build and docs generate: after rendering, before any
 * connection. Errors join the compile diagnostics and stop at the gate; warnings are printed (or,
 * with --warn-error, were already made errors by Diagnostics). `tx compile` and `tx docs generate`
 * write target/column_lineage.json. docs generate never stops on a finding: like dbt's, it does
 * not validate SQL, so every finding is printed as a warning and the site is still written.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Session, ParsedProject } from './session.js';
import type { CompileOutcome } from './compile.js';
import type { AnalysedSql, AnalysisStats } from '../analysis/analyze-project.js';
import { analyzeProject } from '../analysis/analyze-project.js';
import { columnLineageFile } from '../analysis/column-lineage.js';
import { writeJsonArtifact } from '../artifacts/write-json.js';
import { compiledPath } from './compile.js';
import { TxCodes, TxError } from '../errors/tx-error.js';

/**
 * 'compile': write the lineage file and report SQL the parser cannot analyse. 'run' (run, build):
 * analyse only to stop errors before the warehouse sees them, so those notes would be noise.
 * Every target is analysed: node-sql-parser (Postgres, Snowflake, BigQuery) costs a few
 * milliseconds a model (bench/analysis.ts measures it), less than one warehouse round trip.
 */
export type AnalysisPhase = 'compile' | 'run' | 'docs';

export async function runStaticAnalysis(s: Session, p: ParsedProject, out: CompileOutcome, phase: AnalysisPhase): Promise<AnalysisStats> {
  const sqlOf = (id: string): AnalysedSql | undefined => {
    const own = out.compiled.get(id);
    if (own) return own;
    // Ephemeral parents are compiled (memoised) while their children render.
    const n = p.manifest.nodes[id];
    return n?.config.materialized === 'ephemeral' ? (out.compiler.compile(id) ?? undefined) : undefined;
  };
  const result = await analyzeProject({
    manifest: p.manifest,
    sqlOf,
    ids: [...out.compiled.keys()],
    dialect: s.dialect,
    target: { database: s.target.database, schema: s.target.schema },
    catalogPath: join(s.targetDir, 'catalog.json'),
    compiledPathOf: (node) => relative(s.inv.cwd, compiledPath(s, node, 'compiled')).split(sep).join('/'),
    readFile: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  const findings = result.diagnostics.filter((d) => phase !== 'run' || d.code !== TxCodes.SqlUnsupported);
  if (phase === 'docs') {
    // Printed straight away, as warnings: neither the gate nor --warn-error applies to documentation.
    for (const d of findings) s.inv.reporter.emit({ type: 'diagnostic', error: asWarning(d) });
    const errors = findings.filter((d) => d.severity === 'error').length;
    if (errors > 0) {
      s.inv.reporter.emit({ type: 'info', message: `Static analysis found ${errors} error${errors === 1 ? '' : 's'} (shown as warnings: docs generate does not validate SQL; tx compile reports them as errors)` });
    }
  } else for (const d of findings) s.diagnostics.add(d);
  // run and build analyse only what they build: the full lineage file is compile's (and docs') to write.
  if (phase !== 'run') writeJsonArtifact(join(s.targetDir, 'column_lineage.json'), columnLineageFile(s.dialect.name, result.lineage));
  const st = result.stats;
  s.inv.reporter.emit({
    type: 'debug',
    message: `static analysis: ${st.analysed} nodes analysed, ${st.parsed} parsed, ${st.generated} built-in tests checked from their arguments alone, ${st.lineageComplete} of ${st.lineageNodes} models and snapshots with complete lineage (${st.lineageParsed} parsed), ${st.skipped} skipped`,
  });
  s.timer.mark('analysis');
  s.diagnostics.gate('compile');
  for (const w of s.diagnostics.takeWarnings()) s.inv.reporter.emit({ type: 'diagnostic', error: w });
  return result.stats;
}

function asWarning(d: TxError): TxError {
  return d.severity === 'warn' ? d : new TxError({ code: d.code, message: d.message, loc: d.loc, hint: d.hint, cause: d.cause, severity: 'warn' });
}
