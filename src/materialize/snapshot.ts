/**
 * Snapshot materialization (dbt's `snapshot` materialization). The first run creates the table
 * from build_snapshot_table; later runs add the columns the source gained, stage the changes
 * (snapshot_staging_table) in a temporary table and apply them with snapshot_merge_sql. History
 * is never rewritten: only open rows are closed and new versions inserted. One transaction.
 */
import type { NodeConfig } from '../parse/manifest-types.js';
import type { WarehouseColumn } from '../adapter/types.js';
import type { SourceLoc } from '../errors/tx-error.js';
import type { Plan, PlanContext, Statement } from './types.js';
import { TxCodes, TxError } from '../errors/tx-error.js';
import { templateColumns } from './incremental-columns.js';
import { tempRelation } from './incremental.js';
import { hardDeletesBehavior, snapshotColumnNames } from './snapshot-config.js';

export interface SnapshotInput {
  snapshot: { name: string; loc: SourceLoc; config: NodeConfig; model: Record<string, unknown> };
  /** The compiled snapshot query. */
  sql: string;
  /** The snapshot table's columns, when it exists. */
  existingColumns?: WarehouseColumn[];
  /** The snapshot query's columns, when the table exists. */
  queryColumns?: WarehouseColumn[];
  /** Renders a macro and returns its value (the strategy macros return dicts). */
  callMacroValue(name: string, args: unknown[]): unknown;
  hasMacro(name: string): boolean;
}

export interface SnapshotPlan extends Plan {
  notes: string[];
}

export function planSnapshot(ctx: PlanContext, input: SnapshotInput): SnapshotPlan {
  const { snapshot } = input;
  const target = ctx.relation.incorporate({ type: 'table' });
  if (ctx.existing && ctx.existing.type !== 'table') {
    throw new TxError({
      code: TxCodes.ConfigInvalid,
      message: `Trying to create table ${target.render()} for snapshot '${snapshot.name}', but it currently exists as a ${ctx.existing.type}`,
      loc: snapshot.loc,
      hint: `drop ${target.render()} manually (snapshots never replace another relation)`,
    });
  }
  const exists = ctx.existing !== undefined;
  const strategy = input.callMacroValue(strategyMacro(input), [snapshot.model, 'snapshotted_data', 'source_data', snapshot.config, exists]);
  if (!exists) {
    const select = input.callMacroValue('build_snapshot_table', [strategy, input.sql]);
    const statements: Statement[] = [{ sql: ctx.callMacro('create_table_as', [false, target, String(select)]), purpose: 'build the snapshot table' }];
    return { statements, transactional: ctx.capabilities.transactions, notes: [] };
  }
  const names = snapshotColumnNames(snapshot.config);
  const hardDeletes = hardDeletesBehavior(snapshot.config, snapshot.loc);
  const existing = input.existingColumns ?? [];
  const query = input.queryColumns ?? [];
  const has = new Set(existing.map((c) => c.name.toLowerCase()));
  // Columns the source gained (and dbt_is_deleted when hard_deletes became new_record).
  const missing = query.filter((c) => !has.has(c.name.toLowerCase()));
  if (hardDeletes === 'new_record' && !has.has(names.dbt_is_deleted.toLowerCase())) {
    missing.push({ name: names.dbt_is_deleted, dataType: ctx.callMacro('type_string', []).trim() });
  }
  const meta = [names.dbt_updated_at, names.dbt_valid_from, names.dbt_valid_to, names.dbt_scd_id, ...(hardDeletes === 'new_record' ? [names.dbt_is_deleted] : [])];
  const insertCols = [...query.map((c) => c.name), ...meta].map((n) => ctx.dialect.quoteIdent(n));
  const staging = tempRelation(target);
  const statements: Statement[] = [];
  // Before anything reads or writes the table: DuckDB refuses ALTER after DML in one transaction.
  if (missing.length > 0) {
    statements.push({ sql: ctx.callMacro('create_columns', [target, templateColumns(ctx.dialect, missing)]), purpose: 'add the columns the source gained' });
  }
  const stagingSelect = String(input.callMacroValue('snapshot_staging_table', [strategy, input.sql, target]));
  statements.push(
    { sql: ctx.callMacro('create_table_as', [true, staging, stagingSelect]), purpose: 'stage the changed rows in a temporary table' },
    { sql: ctx.callMacro('snapshot_merge_sql', [target, staging, insertCols]), purpose: 'close changed rows and insert new versions' },
    { sql: ctx.callMacro('drop_relation_if_exists', [staging]), purpose: 'drop the staging table' },
  );
  const notes = missing.length > 0 ? [`Snapshot ${target.render()}: added columns ${missing.map((c) => `${c.name} ${c.dataType}`).join(', ')}`] : [];
  return { statements, transactional: ctx.capabilities.transactions, notes };
}

/** dbt's strategy_dispatch: `timestamp` → snapshot_timestamp_strategy (optionally package-qualified). */
function strategyMacro(input: SnapshotInput): string {
  const raw = String(input.snapshot.config['strategy'] ?? '');
  const name = raw.includes('.') ? raw.slice(raw.indexOf('.') + 1) : raw;
  const macro = `snapshot_${name}_strategy`;
  if (!input.hasMacro(macro)) {
    throw new TxError({
      code: TxCodes.ConfigInvalid,
      message: `The specified strategy macro '${name}' was not found (snapshot '${input.snapshot.name}')`,
      loc: input.snapshot.loc,
      hint: `use strategy 'timestamp' or 'check', or define a macro named ${macro}`,
    });
  }
  return macro;
}
