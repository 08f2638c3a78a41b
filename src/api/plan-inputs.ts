/**
 * Plans one node with what incremental and snapshot plans need beyond the warehouse snapshot:
 * the table's columns and the new query's, read on a pooled connection right before planning.
 * Only those nodes pay for the round trips; tables, views and seeds plan straight away.
 */
import type { ManifestNode } from '../parse/manifest-types.js';
import type { PlanContext } from '../materialize/types.js';
import type { ConnectionPool } from '../adapter/types.js';
import type { RunnerDeps } from './node-runner.js';
import { incrementalMode } from '../materialize/incremental.js';
import { macroCaller, macroExists, macroValueCaller, planNode, snapshotMacroScope, type NodeColumns, type NodePlan } from './plan-node.js';
import type { DynamicTableState } from '../materialize/dynamic-table.js';

export interface PlanRequest {
  ctx: PlanContext;
  sql: string;
  incrementalSql?: string | undefined;
  /** `model` as the macros see it (a microbatch batch adds `batch`). */
  model?: Record<string, unknown> | undefined;
}

export async function planWithColumns(d: RunnerDeps, node: ManifestNode, req: PlanRequest): Promise<NodePlan> {
  const columns = await readColumns(d.pool, node, req);
  let ctx = req.ctx;
  let callMacroValue: ((name: string, args: unknown[]) => unknown) | undefined;
  if (node.resource_type === 'snapshot') {
    const opts = snapshotMacroScope(d.s, node, req.ctx.relation, req.ctx.existing, columns ?? {});
    ctx = { ...ctx, callMacro: macroCaller(d.s, node, d.compiler, opts) };
    callMacroValue = macroValueCaller(d.s, node, d.compiler, opts);
  } else if (req.model) {
    ctx = { ...ctx, callMacro: macroCaller(d.s, node, d.compiler, { model: req.model }) };
  }
  const dynamicTable = node.config.materialized === 'dynamic_table' && req.ctx.existing?.type === 'dynamic_table' && !req.ctx.fullRefresh
    ? await describeDynamicTable(d.pool, ctx)
    : undefined;
  const warehouse = d.s.credentials['warehouse'];
  return planNode({
    node, ctx, sql: req.sql, incrementalSql: req.incrementalSql, columns, callMacroValue,
    hasMacro: macroExists(d.s), projectName: d.s.project.name,
    ...(dynamicTable ? { dynamicTable } : {}),
    targetWarehouse: typeof warehouse === 'string' ? warehouse : null,
  });
}

/** dbt-snowflake's describe of an existing dynamic table (its `show dynamic tables` row). */
async function describeDynamicTable(pool: ConnectionPool, ctx: PlanRequest['ctx']): Promise<DynamicTableState | undefined> {
  const sql = ctx.callMacro('describe_dynamic_table_sql', [ctx.relation]).trim();
  const conn = await pool.acquire();
  try {
    const res = await conn.execute(sql, { fetch: true });
    const at = (name: string) => res.columns.findIndex((c) => c.toLowerCase() === name);
    const row = res.rows.find((r) => String(r[at('name')] ?? '').toLowerCase() === ctx.relation.identifier.toLowerCase()) ?? res.rows[0];
    if (!row) return undefined;
    const get = (name: string) => (at(name) >= 0 ? String(row[at(name)] ?? '') : '');
    return { text: get('text'), targetLag: get('target_lag'), warehouse: get('warehouse'), refreshMode: get('refresh_mode') };
  } finally {
    pool.release(conn);
  }
}

async function readColumns(pool: ConnectionPool, node: ManifestNode, req: PlanRequest): Promise<NodeColumns | undefined> {
  const existing = req.ctx.existing;
  if (!existing) return undefined;
  const isSnapshot = node.resource_type === 'snapshot';
  if (!isSnapshot && node.config.materialized !== 'incremental') return undefined;
  if (!isSnapshot && incrementalMode(node.config, existing, req.ctx.fullRefresh) !== 'incremental') return undefined;
  const conn = await pool.acquire();
  try {
    const out: NodeColumns = { existing: await conn.getColumns(existing) };
    const osc = node.config.on_schema_change;
    const needQuery = isSnapshot || (osc !== undefined && osc !== null && osc !== 'ignore');
    if (needQuery) out.query = await conn.describeQuery(isSnapshot ? req.sql : (req.incrementalSql ?? req.sql));
    return out;
  } finally {
    pool.release(conn);
  }
}
