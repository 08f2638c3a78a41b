/**
 * Incremental materialization (dbt's `incremental` materialization, dbt-duckdb flavour):
 *  - no table yet: create it from the full query;
 *  - --full-refresh (unless config full_refresh: false), config full_refresh: true, or a view in
 *    the way: rebuild like a table (built aside, swapped in);
 *  - otherwise: the is_incremental() query into a temporary table, on_schema_change ALTERs, then
 *    the strategy's SQL (a template macro) and the temporary table dropped.
 * All in one transaction where DDL is transactional (DuckDB, Postgres), so a failed run leaves the
 * table exactly as it was. Elsewhere (Snowflake, BigQuery) the strategy's DML is one atomic
 * statement or one transaction, and a run that alters columns works on a staged copy swapped in
 * at the end, so a failure leaves the table as it was there too.
 */
import type { NodeConfig } from '../parse/manifest-types.js';
import type { RelationInfo, WarehouseColumn } from '../adapter/types.js';
import type { Relation } from '../adapter/relation.js';
import type { SourceLoc } from '../errors/tx-error.js';
import type { Plan, PlanContext, Statement } from './types.js';
import { backupRelation, dropLeftover, intermediateRelation, stagedRelation, TMP_SUFFIX } from './relations.js';
import { planTable } from './table.js';
import { planSchemaChange, validOnSchemaChange } from './incremental-schema.js';
import { resolveStrategy, validateStrictStrategy } from './incremental-strategy.js';
import { templateColumns } from './incremental-columns.js';

export type IncrementalMode = 'create' | 'full_refresh' | 'incremental';

/** dbt's should_full_refresh(): the model's full_refresh config wins over the --full-refresh flag. */
export function shouldFullRefresh(config: Pick<NodeConfig, 'full_refresh'>, fullRefreshFlag: boolean): boolean {
  const c = config.full_refresh;
  return c === undefined || c === null ? fullRefreshFlag : c === true;
}

export function incrementalMode(config: Pick<NodeConfig, 'full_refresh'>, existing: RelationInfo | undefined, fullRefreshFlag: boolean): IncrementalMode {
  if (!existing) return 'create';
  if (shouldFullRefresh(config, fullRefreshFlag) || existing.type !== 'table') return 'full_refresh';
  return 'incremental';
}

/** The relation the incremental query lands in: a temporary table, unqualified as dbt-duckdb's. */
export function tempRelation(target: Relation): Relation {
  return target.incorporate({ path: { identifier: target.identifier + TMP_SUFFIX, schema: '', database: null }, type: 'table' });
}

export interface IncrementalInput {
  model: { name: string; loc: SourceLoc; config: NodeConfig };
  projectName?: string;
  /** The model rendered with is_incremental() false. */
  fullSql: string;
  /** The model rendered with is_incremental() true (the same SQL when the template never asks). */
  incrementalSql: string;
  /** The table's columns (read by the runner before planning an incremental run). */
  existingColumns?: WarehouseColumn[];
  /** The incremental query's columns (read when on_schema_change is not ignore). */
  queryColumns?: WarehouseColumn[];
  hasMacro(name: string): boolean;
}

export interface IncrementalPlan extends Plan {
  mode: IncrementalMode;
  /** Messages for the log: schema changes applied, invalid settings. */
  notes: string[];
}

export function planIncremental(ctx: PlanContext, input: IncrementalInput): IncrementalPlan {
  const target = ctx.relation.incorporate({ type: 'table' });
  // dbt-bigquery refuses a strategy it lacks before building anything, even the first time.
  validateStrictStrategy(ctx.dialect, input.model.config as unknown as Record<string, unknown>, { model: input.model.name, loc: input.model.loc, projectName: input.projectName });
  const mode = incrementalMode(input.model.config, ctx.existing, ctx.fullRefresh);
  if (mode === 'full_refresh') return { ...planTable(ctx, input.fullSql), mode, notes: [] };
  if (mode === 'create') {
    const statements: Statement[] = [
      ...dropLeftover(ctx, intermediateRelation(target, 'table'), 'drop a leftover intermediate relation'),
      ...dropLeftover(ctx, backupRelation(target, 'table'), 'drop a leftover backup relation'),
      { sql: ctx.callMacro('create_table_as', [false, target, input.fullSql]), purpose: 'build the table' },
    ];
    return { statements, transactional: ctx.capabilities.transactions, mode, notes: [] };
  }
  return planIncrementalRun(ctx, target, input);
}

function planIncrementalRun(ctx: PlanContext, target: Relation, input: IncrementalInput): IncrementalPlan {
  const { config } = input.model;
  const notes: string[] = [];
  const where = { model: input.model.name, loc: input.model.loc, projectName: input.projectName };
  let strategy = resolveStrategy(ctx.dialect, config.incremental_strategy, input.hasMacro, where);
  if (strategy.name === 'merge' && !ctx.capabilities.merge) {
    // The dialect has MERGE but this server does not (Postgres before 15): the same keys replaced by
    // delete + insert. merge_update_columns / merge_exclude_columns cannot apply: whole rows are replaced.
    notes.push(`${input.model.name}: the connected ${ctx.dialect.name} server has no MERGE; the merge strategy runs as delete+insert on the unique_key`);
    strategy = { name: 'delete+insert', macro: 'get_incremental_delete_insert_sql' };
  }
  const onSchemaChange = validOnSchemaChange(config.on_schema_change, notes);
  const existingColumns = input.existingColumns ?? [];
  // Where DDL cannot be rolled back (Snowflake commits it at once, BigQuery has no DDL
  // transactions), columns are never altered on the live table: they are altered on a staged copy,
  // the new rows go into the copy, and only then does the copy replace the table. A failure
  // anywhere before that leaves the table exactly as it was.
  const atomicDdl = ctx.capabilities.transactions && ctx.capabilities.ddlInTransactions !== false;
  const probe = planSchemaChange(ctx, target, onSchemaChange, { source: input.queryColumns, target: existingColumns }, { loc: input.model.loc });
  const staged = !atomicDdl && probe.statements.length > 0 ? stagedRelation(target) : undefined;
  const dest = staged ?? target;
  const schema = staged ? planSchemaChange(ctx, dest, onSchemaChange, { source: input.queryColumns, target: existingColumns }, { loc: input.model.loc }) : probe;
  notes.push(...schema.notes);
  if (staged) notes.push(`${input.model.name}: the schema change is applied to a staged copy, ${staged.render()}, which replaces ${target.render()} once the new rows are in`);
  const temp = tempRelation(target);
  const predicates = config['predicates'] ?? config['incremental_predicates'] ?? null;
  const argDict = {
    target_relation: dest,
    temp_relation: temp,
    unique_key: config.unique_key ?? null,
    dest_columns: templateColumns(ctx.dialect, schema.destColumns),
    incremental_predicates: predicates,
  };
  // Without transactional DDL the strategy's DML still runs in a transaction of its own (delete+insert is two statements).
  const dmlTransaction = !atomicDdl && ctx.capabilities.transactions;
  const statements: Statement[] = [
    ...dropLeftover(ctx, intermediateRelation(target, 'table'), 'drop a leftover intermediate relation'),
    ...dropLeftover(ctx, backupRelation(target, 'table'), 'drop a leftover backup relation'),
    ...dropLeftover(ctx, stagedRelation(target), 'drop a leftover staged copy'),
    { sql: ctx.callMacro('create_table_as', [true, temp, input.incrementalSql]), purpose: 'build the new rows in a temporary table' },
    ...(staged ? [{ sql: ctx.callMacro('stage_table_copy', [staged, target]), purpose: 'copy the table to a staged copy' }] : []),
    ...schema.statements,
    { sql: ctx.callMacro(strategy.macro, [argDict]), purpose: `insert the new rows (${strategy.name} strategy)`, ...(dmlTransaction ? { transaction: true } : {}) },
    ...(staged
      ? [
        { sql: ctx.callMacro('swap_staged_table', [target, staged]), purpose: 'put the staged copy in place of the table' },
        { sql: ctx.callMacro('drop_relation_if_exists', [staged]), purpose: 'drop the staged copy (now the previous table)' },
      ]
      : []),
    { sql: ctx.callMacro('drop_relation_if_exists', [temp]), purpose: 'drop the temporary table' },
  ];
  const cleanup: Statement[] = staged
    ? [{ sql: ctx.callMacro('drop_relation_if_exists', [staged]), purpose: 'drop the staged copy after a failure' }]
    : [];
  return { statements, transactional: atomicDdl, mode: 'incremental', notes, ...(staged ? { cleanup } : {}) };
}
