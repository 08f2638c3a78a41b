/**
 * Offline commands: parse, compile, ls. Each returns an exit code; errors are thrown
 * (TxError / PhaseFailed) and formatted by the CLI.
 */
import type { Invocation } from '../invocation.js';
import type { CommonOptions } from './options.js';
import { openSession, parseSession } from './session.js';
import { writeManifest, writePerfInfo } from './artifacts.js';
import { resolveAllIntrospection, compileNodes, writeCompiledFiles } from './compile.js';
import { deferFor } from './defer.js';
import { startStaticAnalysis } from './analysis.js';
import { selectForCommand, selectedIds } from './select-nodes.js';
import { foundCounts } from './found.js';
import { formatLs, lsResourceTypes } from '../select/index.js';

export async function parseCommand(inv: Invocation, opts: CommonOptions): Promise<number> {
  const s = await openSession(inv, opts);
  const p = parseSession(s);
  writeManifest(s, p);
  s.timer.mark('write');
  writePerfInfo(s, p);
  inv.reporter.emit({ type: 'found', counts: foundCounts(p.manifest) });
  return 0;
}

export async function compileCommand(inv: Invocation, opts: CommonOptions & { inline?: string | undefined }): Promise<number> {
  const s = await openSession(inv, opts);
  const p = parseSession(s);
  inv.reporter.emit({ type: 'found', counts: foundCounts(p.manifest) });
  const ids = selectForCommand(s, p, ['model', 'analysis', 'snapshot', 'test']);
  const outcome = compileNodes(s, p, ids, await deferFor(s, p, ids), { writeLater: true });
  await resolveAllIntrospection(s, p, outcome);
  // The analysis runs on a worker thread (large projects) while this one writes target/compiled
  // and manifest.json; its errors stop the command after that, so manifest.json is written even
  // when the analysis fails (as dbt writes it when a later step fails).
  const analysis = startStaticAnalysis(s, p, outcome, 'compile', { overlap: true });
  try {
    writeCompiledFiles(s, p, outcome);
    writeManifest(s, p);
    s.timer.mark('manifest');
    await analysis.finish();
  } finally {
    analysis.cancel();
  }
  const { compiled } = outcome;
  writePerfInfo(s, p);
  // As dbt: `--select <name>` prints the compiled SQL of the node of that name (the tests
  // selected with it are compiled too, but not printed).
  const wanted = opts.select?.length === 1 ? opts.select[0] : undefined;
  for (const [id, c] of compiled) {
    const node = p.manifest.nodes[id]!;
    if (wanted !== undefined && node.name === wanted) inv.reporter.emit({ type: 'info', message: `Compiled node '${node.name}' is:\n${c.sql}` });
  }
  return 0;
}

export async function lsCommand(
  inv: Invocation,
  opts: CommonOptions & { output?: 'name' | 'path' | 'json' | 'selector' | undefined; outputKeys?: string[] | undefined },
): Promise<number> {
  const s = await openSession(inv, opts);
  const p = parseSession(s);
  const ids = selectedIds(s, p, lsResourceTypes(opts.resourceTypes));
  for (const line of formatLs([...ids], p.manifest, opts.output ?? 'selector', opts.outputKeys)) inv.reporter.emit({ type: 'output', text: line });
  return 0;
}
