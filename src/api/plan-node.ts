/**
 * Chooses a node's materialization and builds its plan (pure: node + warehouse snapshot →
 * statements). One place maps `materialized:` / resource types to src/materialize/<kind>.ts.
 */
import type { ManifestNode } from '../parse/manifest-types.js';
import type { Plan, PlanContext } from '../materialize/types.js';
import type { Session } from './session.js';
import type { Compiler } from '../compile/compile-project.js';
import type { RelationInfo, WarehouseColumn } from '../adapter/types.js';
import type { Relation } from '../adapter/relation.js';
import { planTable } from '../materialize/table.js';
import { planView } from '../materialize/view.js';
import { planSeed } from '../materialize/seed.js';
import { planIncremental } from '../materialize/incremental.js';
import { planSnapshot } from '../materialize/snapshot.js';
import { missingMaterialization, planDynamicTable, type DynamicTableState } from '../materialize/dynamic-table.js';
import { snapshotColumnNames, hardDeletesBehavior } from '../materialize/snapshot-config.js';
import { templateColumns } from '../materialize/incremental-columns.js';
import { inferSeedColumns } from '../materialize/seed-infer.js';
import { resolveScope } from '../context/node-scope.js';
import { makeVarFunction } from '../context/var-function.js';
import { splitArgs } from '../context/call-args.js';
import { TxError } from '../errors/tx-error.js';

/** What a node's DDL macros see besides the defaults. */
export interface MacroScopeOptions {
  /** config.get answers (snapshots add snapshot_table_column_names). */
  config?: Record<string, unknown>;
  /** `model` (a microbatch batch adds `batch`). */
  model?: Record<string, unknown>;
  /** Names that shadow globals and macros: introspection answered from columns read before planning. */
  extra?: Record<string, unknown>;
}

function macroScope(s: Session, node: ManifestNode, compiler: Compiler, opts: MacroScopeOptions): Record<string, unknown> {
  const scope = resolveScope(
    {
      this: compiler.relationFor(node),
      model: opts.model ?? (node as unknown as Record<string, unknown>),
      var: makeVarFunction(s.varsFor(node.package_name), () => ({ file: node.abs_path, line: 0, col: 0 })),
    },
    { config: opts.config ?? node.config, ref: () => { throw new Error('ref() is not available in DDL templates'); }, source: () => { throw new Error('source() is not available in DDL templates'); } },
  );
  return opts.extra ? Object.assign(scope, opts.extra) : scope;
}

/** Renders a built-in (or project-overridden) macro and returns its value (dicts stay dicts). */
export function macroValueCaller(s: Session, node: ManifestNode, compiler: Compiler, opts: MacroScopeOptions = {}): (name: string, args: unknown[], kwargs?: Record<string, unknown>) => unknown {
  const scope = macroScope(s, node, compiler, opts);
  return (name, args, kwargs) => {
    const fn = s.jinja.resolveMacro(name, node.package_name);
    if (!fn) throw new Error(`macro '${name}' not found in templates/`);
    return s.jinja.callMacro(fn, args, kwargs ?? {}, scope, node.package_name);
  };
}

/** Renders a built-in (or project-overridden) macro in a node's scope: the DDL templates. */
export function macroCaller(s: Session, node: ManifestNode, compiler: Compiler, opts: MacroScopeOptions = {}): PlanContext['callMacro'] {
  const call = macroValueCaller(s, node, compiler, opts);
  return (name, args, kwargs) => String(call(name, args, kwargs) ?? '');
}

export function macroExists(s: Session): (name: string) => boolean {
  return (name) => s.jinja.resolveMacro(name, s.project.name) !== undefined;
}

/** Columns the runner read before planning an incremental or snapshot node. */
export interface NodeColumns {
  existing?: WarehouseColumn[];
  query?: WarehouseColumn[];
}

/**
 * The scope snapshot macros run in: dbt's snapshot config property, and the introspection they do
 * (adapter.get_columns_in_relation, get_relation, get_columns_in_query) answered from `columns`.
 */
export function snapshotMacroScope(s: Session, node: ManifestNode, target: Relation, existing: RelationInfo | undefined, columns: NodeColumns): MacroScopeOptions {
  const baseAdapter = (s.baseScope['adapter'] ?? {}) as Record<string, unknown>;
  const baseApi = (s.baseScope['api'] ?? {}) as { Relation?: Record<string, unknown> };
  const isTarget = (rel: unknown): boolean => rel instanceof Object && 'identifier' in rel && String((rel as Relation).identifier).toLowerCase() === target.identifier.toLowerCase();
  const existingCols = templateColumns(s.dialect, columns.existing ?? []);
  return {
    config: { ...node.config, snapshot_table_column_names: snapshotColumnNames(node.config) },
    extra: {
      adapter: {
        ...baseAdapter,
        get_columns_in_relation: (rel: unknown) => (isTarget(rel) ? existingCols : []),
        get_relation: (...raw: unknown[]) => {
          const { args, kwargs } = splitArgs(raw);
          const identifier = String(kwargs['identifier'] ?? args[2] ?? '');
          return existing && identifier.toLowerCase() === target.identifier.toLowerCase() ? target : null;
        },
        get_hard_deletes_behavior: () => hardDeletesBehavior(node.config, { file: node.abs_path, line: 0, col: 0 }),
      },
      get_columns_in_query: () => (columns.query ?? []).map((c) => c.name),
      api: {
        ...baseApi,
        Relation: {
          ...(baseApi.Relation ?? {}),
          scd_args: (primaryKey: unknown, updatedAt: unknown) => [...(Array.isArray(primaryKey) ? primaryKey : [primaryKey]), updatedAt],
        },
      },
    },
  };
}

export interface PlanNodeInput {
  node: ManifestNode;
  ctx: PlanContext;
  /** The node's compiled SQL (CTEs injected). */
  sql: string;
  /** Incremental models: the SQL rendered with is_incremental() true. */
  incrementalSql?: string;
  /** Incremental and snapshot nodes: columns read before planning. */
  columns?: NodeColumns;
  /** Renders a macro returning its value (snapshot strategies); defaults to ctx.callMacro. */
  callMacroValue?: (name: string, args: unknown[]) => unknown;
  hasMacro?: (name: string) => boolean;
  projectName?: string;
  /** Dynamic tables: what the warehouse says about the existing one (read before planning). */
  dynamicTable?: DynamicTableState;
  /** The profile's warehouse (Snowflake), the default for snowflake_warehouse. */
  targetWarehouse?: string | null;
}

/** A plan, plus messages worth logging (schema changes applied, settings ignored). */
export type NodePlan = Plan & { notes?: string[] };

export function planNode(input: PlanNodeInput): NodePlan {
  const { node, ctx, sql } = input;
  const loc = { file: node.abs_path, line: 0, col: 0 };
  const hasMacro = input.hasMacro ?? (() => true);
  if (node.resource_type === 'seed') {
    const columnTypes = node.config.column_types;
    const columns = inferSeedColumns(node.abs_path, { delimiter: node.config.delimiter ?? ',', columnTypes });
    return planSeed(ctx, { path: node.abs_path, delimiter: node.config.delimiter ?? ',', columns, quoteColumns: node.config.quote_columns !== false });
  }
  if (node.resource_type === 'snapshot') {
    return planSnapshot(ctx, {
      snapshot: { name: node.name, loc, config: node.config, model: node as unknown as Record<string, unknown> },
      sql,
      existingColumns: input.columns?.existing,
      queryColumns: input.columns?.query,
      callMacroValue: input.callMacroValue ?? ((name, args) => ctx.callMacro(name, args)),
      hasMacro,
    });
  }
  const mat = node.config.materialized;
  if (mat === 'dynamic_table') {
    if (ctx.dialect.name !== 'snowflake' && ctx.dialect.parent !== 'snowflake') throw missingMaterialization(mat, ctx.dialect.name, loc);
    return planDynamicTable(ctx, { model: { name: node.name, loc, config: node.config }, sql, targetWarehouse: input.targetWarehouse, described: input.dynamicTable });
  }
  if (mat === 'view') return planView(ctx, sql);
  if (mat === 'table') return planTable(ctx, sql);
  if (mat === 'incremental') {
    return planIncremental(ctx, {
      model: { name: node.name, loc, config: node.config },
      projectName: input.projectName,
      fullSql: sql,
      incrementalSql: input.incrementalSql ?? sql,
      existingColumns: input.columns?.existing,
      queryColumns: input.columns?.query,
      hasMacro,
    });
  }
  throw new TxError({
    code: 'TX0502',
    message: `materialization '${mat}' of ${node.resource_type} '${node.name}' is not supported yet`,
    loc,
    hint: "use 'view', 'table', 'incremental', 'ephemeral' (or 'dynamic_table' on Snowflake)",
  });
}
