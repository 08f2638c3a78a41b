/**
 * on_schema_change for an incremental run (dbt's process_schema_changes): compare the new query's
 * columns with the table's, then fail, or render the ALTERs that append or sync columns. The
 * ALTERs run before the strategy's DML, inside the same transaction.
 */
import type { Relation } from '../adapter/relation.js';
import type { WarehouseColumn } from '../adapter/types.js';
import type { SourceLoc } from '../errors/tx-error.js';
import type { PlanContext, Statement } from './types.js';
import { TxCodes, TxError } from '../errors/tx-error.js';
import { columnList, diffSchemas, templateColumns } from './incremental-columns.js';

export type OnSchemaChange = 'ignore' | 'fail' | 'append_new_columns' | 'sync_all_columns';
const MODES: readonly string[] = ['ignore', 'fail', 'append_new_columns', 'sync_all_columns'];

/** dbt's incremental_validate_on_schema_change: an unknown value logs a warning and means ignore. */
export function validOnSchemaChange(value: unknown, notes: string[]): OnSchemaChange {
  if (value === undefined || value === null || value === '') return 'ignore';
  if (typeof value === 'string' && MODES.includes(value)) return value as OnSchemaChange;
  notes.push(`Invalid value for on_schema_change (${String(value)}) specified. Setting default value of ignore.`);
  return 'ignore';
}

export interface SchemaChangePlan {
  statements: Statement[];
  notes: string[];
  /** Columns the strategy inserts: the query's when the schema is managed, else the table's. */
  destColumns: WarehouseColumn[];
}

export function planSchemaChange(
  ctx: PlanContext,
  target: Relation,
  mode: OnSchemaChange,
  cols: { source: WarehouseColumn[] | undefined; target: WarehouseColumn[] },
  where: { loc: SourceLoc },
): SchemaChangePlan {
  if (mode === 'ignore' || cols.source === undefined) return { statements: [], notes: [], destColumns: cols.target };
  const source = cols.source;
  const diff = diffSchemas(ctx.dialect, source, cols.target);
  if (!diff.changed) return { statements: [], notes: [], destColumns: source };
  const types = `[${diff.newTargetTypes.map((t) => `{'column_name': '${t.column_name}', 'new_type': '${t.new_type}'}`).join(', ')}]`;
  if (mode === 'fail') {
    throw new TxError({
      code: TxCodes.CompilerError,
      message: [
        'The source and target schemas on this incremental model are out of sync!',
        'They can be reconciled in several ways:',
        '  - set the `on_schema_change` config to either append_new_columns or sync_all_columns, depending on your situation.',
        '  - Re-run the incremental model with `full_refresh: True` to update the target schema.',
        '  - update the schema manually and re-run the process.',
        '',
        'Additional troubleshooting context:',
        `   Source columns not in target: ${columnList(diff.sourceNotInTarget)}`,
        `   Target columns not in source: ${columnList(diff.targetNotInSource)}`,
        `   New column types: ${types}`,
      ].join('\n'),
      loc: where.loc,
    });
  }
  const add = templateColumns(ctx.dialect, diff.sourceNotInTarget);
  const remove = mode === 'sync_all_columns' ? templateColumns(ctx.dialect, diff.targetNotInSource) : [];
  const statements: Statement[] = [];
  if (add.length > 0 || remove.length > 0) {
    statements.push({ sql: ctx.callMacro('alter_relation_add_remove_columns', [target, add, remove]), purpose: `on_schema_change ${mode}: add/remove columns` });
  }
  const changedTypes = mode === 'sync_all_columns' ? diff.newTargetTypes : [];
  for (const t of changedTypes) {
    statements.push({ sql: ctx.callMacro('alter_column_type', [target, t.column_name, t.new_type]), purpose: `on_schema_change ${mode}: change the type of ${t.column_name}` });
  }
  const notes = statements.length === 0 ? [] : [
    [
      `In ${target.render()}:`,
      `    Schema change approach: ${mode}`,
      `    Columns added: ${columnList(add)}`,
      `    Columns removed: ${columnList(remove)}`,
      `    Data types changed: ${mode === 'sync_all_columns' ? types : '[]'}`,
      ...statements.map((s) => `    ${s.sql.trim().replace(/\s*\n\s*/g, ' ')}`),
    ].join('\n'),
  ];
  return { statements, notes, destColumns: source };
}
