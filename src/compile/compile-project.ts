/**
 * Pure compile: renders the selected nodes (and the ephemeral models they inline) with
 * real relations, injects ephemeral CTEs and returns the SQL. Touches no warehouse.
 */
import type { RefCall, Manifest, ManifestNode, HookNode, SourceNode } from '../parse/manifest-types.js';
import type { TxJinja, TxTemplate } from '../jinja/tx-jinja.js';
import type { Dialect } from '../adapter/types.js';
import type { Diagnostics } from '../errors/diagnostics.js';
import { resolveScope } from '../context/node-scope.js';
import { makeVarFunction } from '../context/var-function.js';
import { buildRefIndex, lookupRef } from '../parse/resolve-refs.js';
import { nodeRelation, sourceRelation } from '../parse/node-relation.js';
import { TxError, TxCodes } from '../errors/tx-error.js';
import { injectCtes, type Cte } from './inject-ctes.js';
import { IntrospectionRecorder, introspectionScope, type StatementSession } from '../context/introspection.js';
import { Relation } from '../adapter/relation.js';
import { renderGenericTest } from './generic-test.js';
import { applyProjectOverrides } from '../context/builtin-overrides.js';
import type { DeferFn } from './defer.js';

export interface CompileInput {
  manifest: Manifest;
  templates: Map<string, TxTemplate>;
  jinja: TxJinja;
  dialect: Dialect;
  projectQuoting: Record<string, unknown>;
  varsFor(pkg: string): Record<string, unknown>;
  diagnostics: Diagnostics;
  /** Root project: its macros override built-in test macros of the same name. */
  projectName: string;
  /** The engine's shared context (its `adapter` object gains introspecting methods per render). */
  baseScope?: Record<string, unknown>;
  /** `--defer`: the state relation a ref() to an unbuilt node reads instead (see defer.ts). */
  defer?: DeferFn;
}

export interface CompiledNode {
  /** The node's own rendered SQL, before CTE injection. */
  rendered: string;
  /** Ephemeral models this node inlines, dependencies first. */
  ctes: Cte[];
  /** Final SQL: CTEs injected. */
  sql: string;
  /** An incremental model rendered with is_incremental() true, when its template asks. */
  incremental?: { rendered: string; ctes: Cte[]; sql: string };
  /**
   * The template read the warehouse (run_query, get_columns_in_relation…): this SQL was rendered
   * on placeholder answers and must be rendered again with a connection (src/run/introspect.ts).
   */
  introspects?: boolean;
}

/** The dbt context answers that differ between renders of one node (incremental, microbatch). */
export interface RenderVariant {
  /** What is_incremental() returns. */
  incremental: boolean;
  /** `model.batch` of one microbatch batch. */
  batch?: Record<string, unknown>;
  /** Rewrites the relation ref()/source() return (microbatch's event-time filter). */
  wrapRelation?: (upstream: ManifestNode | SourceNode, rel: Relation) => Relation;
  /** Unit tests: a fixture CTE replaces an upstream (ephemeral ones too) when it returns one. */
  fixtureRelation?: (upstream: ManifestNode | SourceNode) => Relation | undefined;
  /** Unit tests: what `{{ this }}` renders as (the `this` input of an incremental model). */
  thisRelation?: Relation;
  /** Unit tests: var overrides, over the project's vars. */
  vars?: Record<string, unknown>;
  /** Unit tests: extra context members (macro overrides), over the node's scope. */
  scope?: Record<string, unknown>;
  /** Records (and answers) what the template asks the warehouse; a fresh probe when absent. */
  introspection?: IntrospectionRecorder;
}

export class Compiler {
  private readonly done = new Map<string, CompiledNode | null>();
  private readonly testArgTemplates = new Map<string, TxTemplate>();
  private readonly refIndex;

  constructor(private readonly input: CompileInput) {
    this.refIndex = buildRefIndex(input.manifest);
  }

  relationFor(node: ManifestNode | HookNode): Relation {
    return nodeRelation(this.input.dialect, this.input.projectQuoting, node);
  }

  /** The node a ref() names, as compile resolves it (unit test inputs use the same index). */
  lookupRef(call: RefCall, fromPackage: string): ManifestNode | undefined {
    return lookupRef(this.refIndex, call, fromPackage);
  }

  /** unique_id of source(sourceName, tableName), if declared. */
  sourceId(sourceName: string, tableName: string): string | undefined {
    return this.refIndex.sources.get(`${sourceName}.${tableName}`);
  }

  /** Compiles one node (memoised); null when it failed (the error is in diagnostics). */
  compile(uniqueId: string): CompiledNode | null {
    if (this.done.has(uniqueId)) return this.done.get(uniqueId)!;
    this.done.set(uniqueId, null); // guards against re-entry on a (reported) cycle
    const node = this.input.manifest.nodes[uniqueId];
    const template = this.input.templates.get(uniqueId);
    const generic = node?.resource_type === 'test' && node.test_metadata !== undefined;
    if (!node || (!template && !generic)) return null;
    const result = this.input.diagnostics.collect(() => this.renderBoth(node, template));
    this.done.set(uniqueId, result ?? null);
    return result ?? null;
  }

  /**
   * An incremental model is rendered twice (is_incremental() false, then true) so plan can pick
   * one from the warehouse state; the second render is skipped when the first never asked.
   */
  private renderBoth(node: ManifestNode, template: TxTemplate | undefined): CompiledNode {
    let asked = false;
    const full = this.render(node, template, { incremental: false }, () => (asked = true));
    if (node.config.materialized !== 'incremental' || !asked) return full;
    const inc = this.render(node, template, { incremental: true });
    return { ...full, incremental: { rendered: inc.rendered, ctes: inc.ctes, sql: inc.sql } };
  }

  /** Renders a node again with other context answers (one microbatch batch); pure, throws on errors. */
  renderVariant(uniqueId: string, variant: RenderVariant): CompiledNode {
    const node = this.input.manifest.nodes[uniqueId];
    if (!node) throw new TxError({ code: TxCodes.Internal, message: `unknown node ${uniqueId}` });
    return this.render(node, this.input.templates.get(uniqueId), variant);
  }

  /**
   * Renders a hook (pre-hook, post-hook, on-run-start, on-run-end) in a node's context: `this`,
   * `model`, `config`, ref/source, var, and run_query/statement through `variant.introspection`
   * (a fresh probe when absent: `introspects` then says the hook must be rendered on a connection).
   * Pure; throws on errors. The SQL is `rendered` (no CTEs are injected into a hook).
   */
  renderHook(node: ManifestNode | HookNode, sql: string, variant: RenderVariant = { incremental: false }): CompiledNode {
    return this.render(node, this.input.jinja.compile(sql, node.abs_path, node.package_name), variant);
  }

  /**
   * The dbt context a node renders in (ref/source resolved, introspection through
   * variant.introspection); ephemeral models it refs are added to `ctes`. Materialization
   * macros run in this scope too.
   */
  scopeFor(node: ManifestNode | HookNode, variant: RenderVariant & { introspection: IntrospectionRecorder; print?: (text: string) => void; session?: StatementSession }, ctes: Cte[] = [], onIsIncremental?: () => void): Record<string, unknown> {
    const { manifest, dialect } = this.input;
    const seen = new Set<string>();
    const addCtes = (dep: ManifestNode) => {
      const compiled = this.compile(dep.unique_id);
      if (!compiled) throw new TxError({ code: TxCodes.EphemeralInvalid, message: `ephemeral model '${dep.name}' failed to compile`, loc: { file: node.abs_path, line: 0, col: 0 } });
      for (const c of compiled.ctes) if (!seen.has(c.id)) (seen.add(c.id), ctes.push(c));
      if (!seen.has(dep.unique_id)) {
        seen.add(dep.unique_id);
        ctes.push({ id: dep.unique_id, name: `__dbt__cte__${dep.name}`, sql: compiled.rendered });
      }
    };
    const scope = resolveScope(
      {
        this: variant.thisRelation ?? this.relationFor(node),
        model: (variant.batch ? { ...node, batch: variant.batch } : node) as unknown as Record<string, unknown>,
        var: makeVarFunction(
          variant.vars ? { ...this.input.varsFor(node.package_name), ...variant.vars } : this.input.varsFor(node.package_name),
          () => ({ file: node.abs_path, line: 0, col: 0 }),
        ),
      },
      {
        config: node.config,
        isIncremental: () => (onIsIncremental?.(), variant.incremental),
        ref: (call) => {
          const target = lookupRef(this.refIndex, call, node.package_name);
          if (!target) throw new TxError({ code: TxCodes.RefNotFound, message: `ref('${call.name}') not found` });
          const fixture = variant.fixtureRelation?.(target);
          if (fixture) return fixture;
          if (target.config.materialized === 'ephemeral') {
            addCtes(target);
            return this.relationFor(target);
          }
          const rel = this.input.defer?.(target) ?? this.relationFor(target);
          return variant.wrapRelation ? variant.wrapRelation(target, rel) : rel;
        },
        source: (s, t) => {
          const id = this.refIndex.sources.get(`${s}.${t}`);
          const src = id === undefined ? undefined : manifest.sources[id];
          if (!src) throw new TxError({ code: TxCodes.SourceNotFound, message: `source('${s}', '${t}') not found` });
          const fixture = variant.fixtureRelation?.(src);
          if (fixture) return fixture;
          const rel = sourceRelation(dialect, this.input.projectQuoting, src);
          return variant.wrapRelation ? variant.wrapRelation(src, rel) : rel;
        },
      },
    );
    const recorder = variant.introspection;
    Object.assign(scope, introspectionScope({
      recorder,
      baseAdapter: (this.input.baseScope?.['adapter'] ?? {}) as Record<string, unknown>,
      relation: (info) => Relation.create(dialect, info, info.type, this.input.projectQuoting as Record<string, boolean>),
      adapterType: dialect.name,
      ...(variant.session ? { session: variant.session } : {}),
      print: variant.print ?? ((text) => void (this.input.baseScope?.['print'] as ((m: string) => unknown) | undefined)?.(text)),
    }));
    applyProjectOverrides(scope, this.input.jinja, this.input.projectName);
    if (variant.scope) Object.assign(scope, variant.scope);
    return scope;
  }

  private render(node: ManifestNode | HookNode, template: TxTemplate | undefined, variant: RenderVariant = { incremental: false }, onIsIncremental?: () => void): CompiledNode {
    const ctes: Cte[] = [];
    const recorder = variant.introspection ?? new IntrospectionRecorder();
    const scope = this.scopeFor(node, { ...variant, introspection: recorder }, ctes, onIsIncremental);
    let rendered: string;
    try {
      rendered =
        node.resource_type === 'test' && node.test_metadata !== undefined
          ? renderGenericTest({ jinja: this.input.jinja, node, scope, projectName: this.input.projectName, templateCache: this.testArgTemplates })
          : this.input.jinja.render(template!, scope);
    } catch (e) {
      // Rendered on placeholder answers, the template may fail where the real answers would
      // not: it is rendered again with a connection (CompiledNode.introspects).
      if (variant.introspection || recorder.pending.length === 0) throw e;
      return { rendered: '', ctes, sql: '', introspects: true };
    }
    // Snapshot bodies compile behind blank lines that keep their positions in the file.
    const body = node.resource_type === 'snapshot' ? rendered.replace(/^\s*\n/, '') : rendered;
    return { rendered: body, ctes, sql: injectCtes(body, ctes), ...(recorder.asked && !variant.introspection ? { introspects: true } : {}) };
  }
}
