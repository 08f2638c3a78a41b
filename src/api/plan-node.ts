/**
 * Chooses a node's materialization and builds its plan (pure: node + warehouse snapshot →
 * statements). One place maps `materialized:` / resource types to src/materialize/<kind>.ts.
 */
import type { ManifestNode } from '../parse/manifest-types.js';
import type { Plan, PlanContext } from '../materialize/types.js';
import type { Session } from './session.js';
import type { Compiler } from '../compile/compile-project.js';
import { planTable } from '../materialize/table.js';
import { planView } from '../materialize/view.js';
import { planSeed } from '../materialize/seed.js';
import { inferSeedColumns } from '../materialize/seed-infer.js';
import { resolveScope } from '../context/node-scope.js';
import { makeVarFunction } from '../context/var-function.js';
import { TxError } from '../errors/tx-error.js';

/** Renders a built-in (or project-overridden) macro in a node's scope: the DDL templates. */
export function macroCaller(s: Session, node: ManifestNode, compiler: Compiler): PlanContext['callMacro'] {
  const scope = resolveScope(
    { this: compiler.relationFor(node), model: node as unknown as Record<string, unknown>, var: makeVarFunction(s.varsFor(node.package_name), () => ({ file: node.abs_path, line: 0, col: 0 })) },
    { config: node.config, ref: () => { throw new Error('ref() is not available in DDL templates'); }, source: () => { throw new Error('source() is not available in DDL templates'); } },
  );
  return (name, args, kwargs) => {
    const fn = s.jinja.resolveMacro(name, s.project.name);
    if (!fn) throw new Error(`macro '${name}' not found in templates/`);
    return String(s.jinja.callMacro(fn, args, kwargs ?? {}, scope) ?? '');
  };
}

export interface PlanNodeInput {
  node: ManifestNode;
  ctx: PlanContext;
  /** The node's compiled SQL (CTEs injected). */
  sql: string;
}

export function planNode({ node, ctx, sql }: PlanNodeInput): Plan {
  if (node.resource_type === 'seed') {
    const columnTypes = node.config.column_types;
    const columns = inferSeedColumns(node.abs_path, { delimiter: node.config.delimiter ?? ',', columnTypes });
    return planSeed(ctx, { path: node.abs_path, delimiter: node.config.delimiter ?? ',', columns, quoteColumns: node.config.quote_columns !== false });
  }
  const mat = node.config.materialized;
  if (mat === 'view') return planView(ctx, sql);
  if (mat === 'table') return planTable(ctx, sql);
  throw new TxError({
    code: 'TX0502',
    message: `materialization '${mat}' of ${node.resource_type} '${node.name}' is not supported yet`,
    loc: { file: node.abs_path, line: 0, col: 0 },
    hint: "use 'view', 'table' or 'ephemeral' (incremental and snapshots arrive in a later release)",
  });
}
