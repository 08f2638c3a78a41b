/**
 * Pure compile: renders the selected nodes (and the ephemeral models they inline) with
 * real relations, injects ephemeral CTEs and returns the SQL. Touches no warehouse.
 */
import type { Manifest, ManifestNode } from '../parse/manifest-types.js';
import type { TxJinja, TxTemplate } from '../jinja/tx-jinja.js';
import type { Dialect } from '../adapter/types.js';
import type { Diagnostics } from '../errors/diagnostics.js';
import type { Relation } from '../adapter/relation.js';
import { resolveScope } from '../context/node-scope.js';
import { makeVarFunction } from '../context/var-function.js';
import { buildRefIndex, lookupRef } from '../parse/resolve-refs.js';
import { nodeRelation, sourceRelation } from '../parse/node-relation.js';
import { TxError, TxCodes } from '../errors/tx-error.js';
import { injectCtes, type Cte } from './inject-ctes.js';
import { renderGenericTest } from './generic-test.js';

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
}

export interface CompiledNode {
  /** The node's own rendered SQL, before CTE injection. */
  rendered: string;
  /** Ephemeral models this node inlines, dependencies first. */
  ctes: Cte[];
  /** Final SQL: CTEs injected. */
  sql: string;
}

export class Compiler {
  private readonly done = new Map<string, CompiledNode | null>();
  private readonly refIndex;

  constructor(private readonly input: CompileInput) {
    this.refIndex = buildRefIndex(input.manifest);
  }

  relationFor(node: ManifestNode): Relation {
    return nodeRelation(this.input.dialect, this.input.projectQuoting, node);
  }

  /** Compiles one node (memoised); null when it failed (the error is in diagnostics). */
  compile(uniqueId: string): CompiledNode | null {
    if (this.done.has(uniqueId)) return this.done.get(uniqueId)!;
    this.done.set(uniqueId, null); // guards against re-entry on a (reported) cycle
    const node = this.input.manifest.nodes[uniqueId];
    const template = this.input.templates.get(uniqueId);
    const generic = node?.resource_type === 'test' && node.test_metadata !== undefined;
    if (!node || (!template && !generic)) return null;
    const result = this.input.diagnostics.collect(() => this.render(node, template));
    this.done.set(uniqueId, result ?? null);
    return result ?? null;
  }

  private render(node: ManifestNode, template: TxTemplate | undefined): CompiledNode {
    const { manifest, dialect } = this.input;
    const ctes: Cte[] = [];
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
        this: this.relationFor(node),
        model: node as unknown as Record<string, unknown>,
        var: makeVarFunction(this.input.varsFor(node.package_name), () => ({ file: node.abs_path, line: 0, col: 0 })),
      },
      {
        config: node.config,
        ref: (call) => {
          const target = lookupRef(this.refIndex, call, node.package_name);
          if (!target) throw new TxError({ code: TxCodes.RefNotFound, message: `ref('${call.name}') not found` });
          if (target.config.materialized === 'ephemeral') addCtes(target);
          return this.relationFor(target);
        },
        source: (s, t) => {
          const id = this.refIndex.sources.get(`${s}.${t}`);
          const src = id === undefined ? undefined : manifest.sources[id];
          if (!src) throw new TxError({ code: TxCodes.SourceNotFound, message: `source('${s}', '${t}') not found` });
          return sourceRelation(dialect, this.input.projectQuoting, src);
        },
      },
    );
    const rendered =
      node.resource_type === 'test' && node.test_metadata !== undefined
        ? renderGenericTest({ jinja: this.input.jinja, node, scope, projectName: this.input.projectName })
        : this.input.jinja.render(template!, scope);
    return { rendered, ctes, sql: injectCtes(rendered, ctes) };
  }
}
