/**
 * Table materialization. Built under `<identifier>__dbt_tmp` and swapped in, all inside one
 * transaction: a failing model leaves the previous table (and its rows) untouched.
 */
import { backupRelation, dropLeftover, intermediateRelation, swapStatements } from './relations.js';
import type { Plan, PlanContext, Statement } from './types.js';

export function planTable(ctx: PlanContext, compiledSql: string): Plan {
  const { capabilities: caps, relation } = ctx;
  const target = relation.incorporate({ type: 'table' });
  if (!(caps.transactions && caps.renameRelation)) return planReplaceTable(ctx, compiledSql);
  const tmp = intermediateRelation(target, 'table');
  const statements: Statement[] = [
    ...dropLeftover(ctx, tmp, 'drop a leftover intermediate relation'),
    ...dropLeftover(ctx, backupRelation(target, 'table'), 'drop a leftover backup relation'),
    { sql: ctx.callMacro('create_table_as', [false, tmp, compiledSql]), purpose: 'build the new table' },
    ...swapStatements({ ...ctx, relation: target }, tmp),
  ];
  return { statements, transactional: true };
}

/** Warehouses without transactional renames: replace in place (not atomic, as dbt does there). */
function planReplaceTable(ctx: PlanContext, compiledSql: string): Plan {
  const target = ctx.relation.incorporate({ type: 'table' });
  const statements: Statement[] = [];
  if (ctx.existing && (ctx.existing.type !== 'table' || !ctx.capabilities.createOrReplaceTable)) {
    const old = target.incorporate({ type: ctx.existing.type });
    statements.push({ sql: ctx.callMacro('drop_relation', [old]), purpose: `drop the existing ${ctx.existing.type}` });
  }
  statements.push({ sql: ctx.callMacro('create_table_as', [false, target, compiledSql]), purpose: 'build the table' });
  return { statements, transactional: ctx.capabilities.transactions };
}
