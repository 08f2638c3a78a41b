/**
 * Static analysis of compiled nodes, as its own phase after rendering: parse every node's SQL in
 * the target's dialect (one parser per invocation), walking the DAG parents-first so each node is
 * resolved against its parents' inferred columns. The SQL goes to the parser in that order and
 * each node is resolved as soon as its parse arrives, while the parser works on the next batch.
 * Pure with respect to the warehouse.
 */
import type { Manifest, ManifestNode } from '../parse/manifest-types.js';
import type { TxError } from '../errors/tx-error.js';
import type { ParseOutcome } from './ir.js';
import type { Shape } from './shape.js';
import type { NodeLineage } from './column-lineage.js';
import type { CatalogTarget } from './relation-catalog.js';
import { openParser } from './parser.js';
import { readCatalogShapes } from './leaf-columns.js';
import { DiagnosticMapper } from './diagnostic-map.js';
import { isAnalysable, staticAnalysisMode } from './analysis-config.js';
import { NodeAnalyser } from './analyse-node.js';
import { topoOrder } from './topo-order.js';
import { builtinTests, sqlFromIdentifiers } from './test-args.js';

/** The SQL of one compiled node: its own render, the compiled file's text, and the incremental variant. */
export interface AnalysedSql {
  rendered: string;
  sql: string;
  incremental?: { rendered: string; sql: string } | undefined;
  /** Rendered on placeholder answers (the template reads the warehouse): not analysed. */
  introspects?: boolean | undefined;
}

export interface AnalysisInput {
  manifest: Manifest;
  sqlOf(id: string): AnalysedSql | undefined;
  /** Nodes to analyse; ephemeral models they read are added. */
  ids: readonly string[];
  dialect: { name: string; sqlParserDialect: string; normalizeType(t: string): string };
  target: CatalogTarget;
  /** target/catalog.json of an earlier docs generate (read if it exists). */
  catalogPath: string;
  compiledPathOf(node: ManifestNode): string;
  readFile(path: string): string | undefined;
}

export interface AnalysisStats {
  /** Nodes whose SQL was analysed (static_analysis on, not introspecting). */
  analysed: number;
  /** Of those, nodes whose every statement parsed. */
  parsed: number;
  /** Built-in tests whose SQL tx's templates made from plain identifiers: checked from their arguments, not parsed. */
  generated: number;
  /** Models and snapshots analysed, those whose SQL parsed, and those with complete lineage (every column known, every reference resolved). */
  lineageNodes: number;
  lineageParsed: number;
  lineageComplete: number;
  /** static_analysis: off, or rendered on placeholder answers. */
  skipped: number;
}

export interface AnalysisResult {
  diagnostics: TxError[];
  lineage: Map<string, NodeLineage>;
  shapes: Map<string, Shape>;
  stats: AnalysisStats;
}

interface Pending {
  node: ManifestNode;
  sql: AnalysedSql;
  builtinTest: boolean;
  outcomes: ParseOutcome[];
}

export async function analyzeProject(input: AnalysisInput): Promise<AnalysisResult> {
  const { manifest } = input;
  const diagnostics: TxError[] = [];
  let skipped = 0;
  const mapper = (node: ManifestNode, sql: AnalysedSql) => () =>
    new DiagnosticMapper({ node, rendered: sql.rendered, compiledSql: sql.sql, compiledPath: input.compiledPathOf(node), readFile: input.readFile });
  const pending: Pending[] = [];
  const texts: string[] = [];
  const syntaxOnly: boolean[] = [];
  const isBuiltinTest = builtinTests(manifest, input.dialect.name);
  const isGenerated = sqlFromIdentifiers(manifest, input.dialect.name);
  /** Built-in tests made of identifiers only: analysed once every node they read is, without parsing. */
  const generated: Pending[] = [];
  for (const id of topoOrder(manifest, withEphemeralParents(manifest, input.ids, input.sqlOf))) {
    const node = manifest.nodes[id];
    const sql = input.sqlOf(id);
    if (!node || !sql || !isAnalysable(node)) continue;
    const mode = staticAnalysisMode(node);
    if (mode === 'off' || sql.introspects) {
      skipped++;
      continue;
    }
    if (mode !== 'on') {
      diagnostics.push(mapper(node, sql)().toError(mode));
      continue;
    }
    const builtinTest = isBuiltinTest(node);
    if (builtinTest && isGenerated(node)) {
      generated.push({ node, sql, builtinTest, outcomes: [] });
      continue;
    }
    pending.push({ node, sql, builtinTest, outcomes: [] });
    texts.push(sql.rendered);
    syntaxOnly.push(builtinTest);
    if (sql.incremental) (texts.push(sql.incremental.rendered), syntaxOnly.push(false));
  }
  const parser = texts.length > 0 ? await openParser(input.dialect) : undefined;
  const analyser = new NodeAnalyser({ manifest, dialect: input.dialect, target: input.target, catalogShapes: readCatalogShapes(input.catalogPath), parserName: parser?.name ?? input.dialect.name });
  if (parser) {
    const owner: Pending[] = [];
    for (const p of pending) for (let k = 0; k < (p.sql.incremental ? 2 : 1); k++) owner.push(p);
    try {
      await parser.parseAll(texts, syntaxOnly, (i, outcome) => {
        const p = owner[i]!;
        p.outcomes.push(outcome);
        if (p.outcomes.length < (p.sql.incremental ? 2 : 1)) return;
        analyser.analyse({ node: p.node, full: p.outcomes[0]!, incremental: p.outcomes[1], builtinTest: p.builtinTest, mapper: mapper(p.node, p.sql) });
        p.outcomes = [];
      });
    } finally {
      parser.close();
    }
  }
  // Tests are leaves: nothing reads their columns, so they can wait for everything else.
  for (const p of generated) analyser.analyse({ node: p.node, full: { ok: true, statements: [] }, builtinTest: true, generated: true, mapper: mapper(p.node, p.sql) });
  return {
    diagnostics: [...diagnostics, ...analyser.diagnostics],
    lineage: analyser.lineage,
    shapes: analyser.inferred,
    stats: { ...analyser.stats, skipped },
  };
}

/** The ids plus every ephemeral model they read (their SQL is needed for their columns). */
export function withEphemeralParents(manifest: Manifest, ids: readonly string[], sqlOf: AnalysisInput['sqlOf']): string[] {
  const out = new Set(ids);
  const stack = [...ids];
  while (stack.length > 0) {
    const n = manifest.nodes[stack.pop()!];
    for (const dep of n?.depends_on.nodes ?? []) {
      const d = manifest.nodes[dep];
      if (!d || out.has(dep) || d.config.materialized !== 'ephemeral' || !sqlOf(dep)) continue;
      out.add(dep);
      stack.push(dep);
    }
  }
  return [...out];
}
