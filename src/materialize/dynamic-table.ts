/**
 * Snowflake dynamic tables (`materialized='dynamic_table'`), as dbt-snowflake's materialization
 * decides:
 *  - nothing there: create it;
 *  - --full-refresh, or another kind of relation in the way: replace it (the other relation dropped first);
 *  - a dynamic table already: compare with what the warehouse describes. A changed query or
 *    refresh_mode needs a new table (replace); a changed target_lag or warehouse is altered in place;
 *    nothing changed: nothing runs (dbt's "No configuration changes were identified" warning).
 *    `on_configuration_change`: apply (default), continue (warn, leave it), fail.
 * Snowflake refreshes the table itself from then on.
 */
import type { NodeConfig } from '../parse/manifest-types.js';
import type { SourceLoc } from '../errors/tx-error.js';
import { TxCodes, TxError } from '../errors/tx-error.js';
import type { Plan, PlanContext, Statement } from './types.js';
import { backupRelation, dropLeftover, intermediateRelation } from './relations.js';

/** What `show dynamic tables` says about the existing one (dbt-snowflake's describe). */
export interface DynamicTableState {
  /** The statement that created it (Snowflake's `text` column), or its query. */
  text: string;
  targetLag: string;
  warehouse: string;
  refreshMode: string;
}

export interface DynamicTableInput {
  model: { name: string; loc: SourceLoc; config: NodeConfig };
  sql: string;
  /** The profile's warehouse, used when the model sets no snowflake_warehouse. */
  targetWarehouse?: string | null | undefined;
  /** Read before planning when a dynamic table exists. */
  described?: DynamicTableState | undefined;
}

export interface DynamicTablePlan extends Plan {
  action: 'create' | 'replace' | 'alter' | 'none';
  notes: string[];
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
const upper = (v: unknown): string => String(v ?? '').trim().toUpperCase();

/** Settings that differ from the existing table, as dbt-snowflake's changeset: alterable ones and ones that need a new table. */
export function dynamicTableChanges(input: DynamicTableInput, existing: DynamicTableState): { alter: Record<string, string>; replace: string[] } {
  const c = input.model.config as Record<string, unknown>;
  const alter: Record<string, string> = {};
  const replace: string[] = [];
  const lag = String(c['target_lag'] ?? '');
  if (squash(lag) !== squash(existing.targetLag)) alter['target_lag'] = lag;
  const warehouse = String(c['snowflake_warehouse'] ?? input.targetWarehouse ?? '');
  if (warehouse !== '' && upper(warehouse) !== upper(existing.warehouse)) alter['snowflake_warehouse'] = warehouse;
  // AUTO lets Snowflake choose, and `show` then reports its choice: only an explicit mode is compared.
  const mode = upper(c['refresh_mode']);
  if (mode !== '' && mode !== 'AUTO' && mode !== upper(existing.refreshMode)) replace.push('refresh_mode');
  if (!squash(existing.text).includes(squash(input.sql))) replace.push('query');
  return { alter, replace };
}

function onConfigurationChange(config: NodeConfig, loc: SourceLoc): 'apply' | 'continue' | 'fail' {
  const v = (config as Record<string, unknown>)['on_configuration_change'] ?? 'apply';
  if (v === 'apply' || v === 'continue' || v === 'fail') return v;
  throw new TxError({ code: TxCodes.ConfigInvalid, message: `Unexpected configuration scenario: \`${String(v)}\``, loc, hint: "on_configuration_change is one of 'apply', 'continue', 'fail'" });
}

export function planDynamicTable(ctx: PlanContext, input: DynamicTableInput): DynamicTablePlan {
  const target = ctx.relation.incorporate({ type: 'dynamic_table' });
  const leftovers: Statement[] = [
    ...dropLeftover(ctx, intermediateRelation(target, 'dynamic_table'), 'drop a leftover intermediate relation'),
    ...dropLeftover(ctx, backupRelation(target, 'dynamic_table'), 'drop a leftover backup relation'),
  ];
  const done = (action: DynamicTablePlan['action'], statements: Statement[], notes: string[] = []): DynamicTablePlan =>
    // Snowflake commits every DDL statement on its own: there is no transaction to hold these.
    ({ statements: [...leftovers, ...statements], transactional: false, action, notes });
  const replace = (purpose: string): Statement => ({ sql: ctx.callMacro('get_replace_dynamic_table_sql', [target, input.sql]), purpose });
  const existing = ctx.existing;
  if (!existing) return done('create', [{ sql: ctx.callMacro('get_create_dynamic_table_as_sql', [target, input.sql]), purpose: 'create the dynamic table' }]);
  if (ctx.fullRefresh || existing.type !== 'dynamic_table') {
    const drop: Statement[] = existing.type === 'dynamic_table'
      ? []
      : [{ sql: ctx.callMacro('drop_relation', [target.incorporate({ type: existing.type })]), purpose: `drop the existing ${existing.type}` }];
    return done('replace', [...drop, replace('replace the dynamic table')]);
  }
  if (!input.described) {
    // Listed but not described (dropped in between?): build it anew.
    return done('replace', [replace('replace the dynamic table')]);
  }
  const changes = dynamicTableChanges(input, input.described);
  const changed = [...Object.keys(changes.alter), ...changes.replace];
  if (changed.length === 0) {
    return done('none', [], [`No configuration changes were identified on: \`${target.render()}\`. Continuing.`]);
  }
  const mode = onConfigurationChange(input.model.config, input.model.loc);
  if (mode === 'continue') {
    return done('none', [], [`Configuration changes were identified and \`on_configuration_change\` was set to \`continue\` for \`${target.render()}\``]);
  }
  if (mode === 'fail') {
    throw new TxError({
      code: TxCodes.ConfigInvalid,
      message: `Configuration changes were identified and \`on_configuration_change\` was set to \`fail\` for \`${target.render()}\``,
      loc: input.model.loc,
      hint: `changed: ${changed.join(', ')}`,
    });
  }
  if (changes.replace.length > 0) {
    return done('replace', [replace(`replace the dynamic table (${changes.replace.join(' and ')} changed)`)]);
  }
  return done('alter', [{ sql: ctx.callMacro('get_alter_dynamic_table_sql', [target, changes.alter]), purpose: `alter the dynamic table (${Object.keys(changes.alter).join(' and ')} changed)` }]);
}

/** dbt's MissingMaterializationError, for a dynamic table on an adapter that has none. */
export function missingMaterialization(materialization: string, adapter: string, loc: SourceLoc): TxError {
  return new TxError({
    code: TxCodes.ConfigInvalid,
    message: `No materialization '${materialization}' was found for adapter ${adapter}! (searched types 'default' and '${adapter}')`,
    loc,
    hint: materialization === 'dynamic_table' ? 'dynamic tables exist on Snowflake only' : undefined,
  });
}
