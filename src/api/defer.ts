/**
 * `--defer` for one command: records each node's state relation in the manifest (dbt's
 * defer_relation) and decides which refs read it. Without --favor-state a ref defers only when
 * the target lacks the node's relation, which takes one listing per schema on `pool`; commands
 * that open no connection (tx compile) defer every unbuilt node the state has, and say so.
 */
import type { Session, ParsedProject } from './session.js';
import type { ConnectionPool, SchemaRef } from '../adapter/types.js';
import { deferRelations, makeDefer, type DeferFn } from '../compile/defer.js';
import { nodeRelation } from '../parse/node-relation.js';
import { WarehouseState } from '../run/warehouse-state.js';
import { TxError, TxCodes } from '../errors/tx-error.js';

export async function deferFor(s: Session, p: ParsedProject, selected: readonly string[], pool?: ConnectionPool): Promise<DeferFn | undefined> {
  if (s.opts.defer !== true) return undefined;
  const state = s.deferState();
  if (!state) {
    throw new TxError({ code: TxCodes.Usage, message: '--defer needs a state to defer to', hint: 'pass --state (or --defer-state) with the folder holding the production manifest.json' });
  }
  const relations = deferRelations(p.manifest, state.manifest.nodes);
  for (const [id, d] of relations) p.manifest.nodes[id]!.defer_relation = d;
  const chosen = new Set(selected);
  // Only unbuilt parents of what this command builds can be deferred.
  const parents = new Set<string>();
  for (const id of selected) for (const parent of p.manifest.nodes[id]?.depends_on.nodes ?? []) if (!chosen.has(parent) && relations.has(parent)) parents.add(parent);
  const base = { dialect: s.dialect, projectQuoting: s.project.quoting, relations, selected: chosen, favorState: s.opts.favorState === true };
  if (base.favorState || parents.size === 0) return makeDefer(base);
  if (!pool) {
    s.inv.reporter.emit({ type: 'info', message: `--defer: tx compile reads no warehouse, so the ${parents.size} unselected parent(s) found in the state read the state's relations` });
    return makeDefer(base);
  }
  const nodes = [...parents].map((id) => p.manifest.nodes[id]!);
  const schemas = new Map<string, SchemaRef>();
  for (const n of nodes) schemas.set(WarehouseState.key({ database: n.database, schema: n.schema }), { database: n.database, schema: n.schema });
  const conn = await pool.acquire();
  let warehouse: WarehouseState;
  try {
    warehouse = await WarehouseState.load(conn, [...schemas.values()]);
  } finally {
    pool.release(conn);
  }
  const existsInTarget = (n: (typeof nodes)[number]) => warehouse.lookup(nodeRelation(s.dialect, s.project.quoting, n).toRef()) !== undefined;
  const deferred = nodes.filter((n) => !existsInTarget(n)).length;
  s.inv.reporter.emit({ type: 'debug', message: `--defer: ${deferred} of ${nodes.length} unselected parent(s) are missing from the target and read the state's relations` });
  return makeDefer({ ...base, existsInTarget });
}
