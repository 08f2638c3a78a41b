/**
 * Analyses one node once its parents are done: resolves its parsed SQL against the columns
 * known so far (inferred, contracted, seeded, declared or catalogued), records its own columns
 * for its children, checks its contract, and keeps its lineage and diagnostics.
 */
import type { Manifest, ManifestNode } from '../parse/manifest-types.js';
import type { TxError } from '../errors/tx-error.js';
import type { ParseOutcome, Query } from './ir.js';
import type { Finding, Shape } from './shape.js';
import type { NodeLineage } from './column-lineage.js';
import type { CatalogTarget } from './relation-catalog.js';
import type { DiagnosticMapper } from './diagnostic-map.js';
import { QueryResolver, type QueryEnv, type QueryResult } from './resolve-query.js';
import { ProjectRelations } from './relation-catalog.js';
import { declaredShape, isContracted, seedShape } from './leaf-columns.js';
import { checkContract } from './contract-check.js';
import { nodeLineage } from './column-lineage.js';
import { snapshotMetaColumns } from './analysis-config.js';
import { checkBuiltinTest } from './test-args.js';
import { uncertainNames, upstreamShape } from './shape.js';
import { TxCodes } from '../errors/tx-error.js';

export interface NodeOutcomes {
  node: ManifestNode;
  full: ParseOutcome;
  incremental?: ParseOutcome | undefined;
  /** A built-in generic test: its SQL was only syntax-checked; its arguments are checked instead. */
  builtinTest: boolean;
  /** A built-in test whose SQL tx generated from identifiers: not parsed at all. */
  generated?: boolean;
  mapper(): DiagnosticMapper;
}

export interface AnalyserOptions {
  manifest: Manifest;
  dialect: { name: string; normalizeType(t: string): string };
  target: CatalogTarget;
  catalogShapes: ReadonlyMap<string, Shape>;
  /** The parser's own name for the dialect, for messages. */
  parserName: string;
}

interface Analysed {
  parsed: boolean;
  complete: boolean;
  shape: Shape | null;
  selectAt: number;
  findings: Finding[];
  rowEdges: QueryResult['rowEdges'];
}

const COUNT_TYPE: Record<string, string> = { duckdb: 'BIGINT', bigquery: 'INT64', snowflake: 'NUMBER' };

export class NodeAnalyser {
  readonly diagnostics: TxError[] = [];
  readonly lineage = new Map<string, NodeLineage>();
  readonly inferred = new Map<string, Shape>();
  readonly stats = { analysed: 0, parsed: 0, generated: 0, lineageNodes: 0, lineageParsed: 0, lineageComplete: 0 };
  /** Leaf shapes (seed, contract, YAML, catalog) with types in the dialect's spelling, by id. */
  private readonly leaves = new Map<string, Shape | null>();
  private readonly types = new Map<string, string>();
  private readonly upstream = new Map<string, { of: Shape; rel: Shape }>();
  private readonly catalog: ProjectRelations;
  private readonly parserName: string;

  constructor(private readonly opts: AnalyserOptions) {
    this.catalog = new ProjectRelations(opts.manifest, opts.target, (id) => this.shapeOf(id));
    this.parserName = opts.dialect.name === 'duckdb' ? "DuckDB's parser" : `node-sql-parser (${opts.parserName})`;
  }

  /** The best knowledge of a node's or source's columns, for the queries that read it. */
  shapeOf(id: string): Shape | null {
    const own = this.inferred.get(id);
    if (own && !own.open) return own;
    const n = this.opts.manifest.nodes[id];
    const leaf = this.leafShape(id);
    // A contract or the warehouse's catalog knows better than an open inferred shape.
    if (leaf && ((n && isContracted(n)) || this.opts.catalogShapes.has(id))) return leaf;
    return own ?? leaf;
  }

  /** The columns known without analysing the node's SQL, types in the dialect's spelling; memoised. */
  private leafShape(id: string): Shape | null {
    if (this.leaves.has(id)) return this.leaves.get(id) ?? null;
    const { manifest, catalogShapes } = this.opts;
    const n = manifest.nodes[id];
    const src = manifest.sources[id];
    const raw = n && isContracted(n) ? declaredShape(n.columns, true)
      : catalogShapes.get(id) ?? (n?.resource_type === 'seed' ? seedShape(n) : src ? declaredShape(src.columns, false) : n ? declaredShape(n.columns, false) : null);
    const shape = raw && { ...raw, columns: raw.columns.map((c) => ({ ...c, type: this.normalizeType(c.type) })) };
    this.leaves.set(id, shape);
    return shape;
  }

  /** A type in the dialect's spelling (`decimal(10,2)` and `DECIMAL(10, 2)` alike), memoised. */
  private normalizeType(t: string | null): string | null {
    if (t === null) return null;
    let out = this.types.get(t);
    if (out === undefined) {
      try {
        out = this.opts.dialect.normalizeType(t);
      } catch {
        out = t;
      }
      this.types.set(t, out);
    }
    return out;
  }

  private env(node: ManifestNode): QueryEnv {
    return {
      catalog: this.catalog,
      allowed: { has: (x: string) => x === node.unique_id || node.depends_on.nodes.includes(x) },
      countType: COUNT_TYPE[this.opts.dialect.name] ?? 'bigint',
      upstream: (id, shape) => {
        const hit = this.upstream.get(id);
        if (hit?.of === shape) return hit.rel;
        const rel = upstreamShape(id, shape);
        this.upstream.set(id, { of: shape, rel });
        return rel;
      },
    };
  }

  analyse(u: NodeOutcomes): void {
    const { node } = u;
    const id = node.unique_id;
    this.stats.analysed++;
    const seen = new Set<string>();
    const report = (fs: Finding[]) => {
      for (const f of fs) {
        const key = `${f.code}\u0000${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        this.diagnostics.push(u.mapper().toError(f));
      }
    };
    const env = this.env(node);
    const full = this.outcome(u.full, env, node);
    report(full.findings);
    if (u.generated) this.stats.generated++;
    else if (full.parsed) this.stats.parsed++;
    if (u.builtinTest && full.parsed) report(checkBuiltinTest(node, (x) => this.shapeOf(x)));
    let shape = full.shape;
    if (shape && node.resource_type === 'snapshot') {
      shape = { ...shape, columns: [...shape.columns, ...snapshotMetaColumns(node).map((c) => ({ name: c.name, type: c.type, origins: [], at: -1 }))] };
    }
    if (shape) this.inferred.set(id, shape);
    if (shape && isContracted(node)) report(checkContract(node, shape, (t) => this.opts.dialect.normalizeType(t), full.selectAt));
    // The is_incremental() render reads `{{ this }}`: the columns just inferred.
    if (u.incremental) report(this.outcome(u.incremental, env, node).findings);
    if (node.resource_type === 'model' || node.resource_type === 'snapshot') {
      this.stats.lineageNodes++;
      if (full.parsed) this.stats.lineageParsed++;
      const complete = full.complete && shape !== null && !uncertainNames(shape);
      if (complete) this.stats.lineageComplete++;
      this.lineage.set(id, nodeLineage(shape ?? { columns: [], open: true }, full.rowEdges, complete, (t) => this.normalizeType(t)));
    }
  }

  private outcome(o: ParseOutcome, env: QueryEnv, node: ManifestNode): Analysed {
    const skipHint = `set static_analysis='off' in the config of ${node.resource_type} '${node.name}' to skip it`;
    const unsupported = (what: string, at: number): Finding => ({
      code: TxCodes.SqlUnsupported, severity: 'warn', at, message: `static analysis skipped: ${this.parserName} cannot analyse ${what}`, hint: skipHint,
    });
    if (!o.ok) {
      const finding: Finding = o.kind === 'syntax'
        ? { code: TxCodes.SqlSyntax, severity: 'error', at: o.at, message: `SQL syntax error: ${o.message.replace(/^Parser Error: /, '')}`, hint: "the compiled SQL does not parse in the target's SQL dialect" }
        : unsupported(o.what, o.at);
      return { parsed: false, complete: false, shape: null, selectAt: -1, findings: [finding], rowEdges: [] };
    }
    const findings: Finding[] = [];
    let last: (QueryResult & { selectAt: number }) | undefined;
    let parsed = true;
    for (const st of o.statements) {
      if (!st.ok) {
        parsed = false;
        findings.push(unsupported(st.what, st.at));
        continue;
      }
      const r = new QueryResolver(env).resolve(st.query);
      findings.push(...r.findings);
      last = { ...r, selectAt: firstItemAt(st.query) };
    }
    if (!last) return { parsed, complete: false, shape: null, selectAt: -1, findings, rowEdges: [] };
    const complete = parsed && last.unresolved === 0 && last.external === 0;
    return { parsed, complete, shape: last.shape, selectAt: last.selectAt, findings, rowEdges: last.rowEdges };
  }
}

function firstItemAt(q: Query): number {
  if (q.k === 'select') return q.items[0]?.at ?? -1;
  return q.k === 'setop' ? firstItemAt(q.left) : -1;
}
