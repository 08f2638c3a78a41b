/** View materialization: the same build-then-swap as dbt's default view materialization. */
import { backupRelation, dropLeftover, intermediateRelation, swapStatements } from './relations.js';
import type { Plan, PlanContext, Statement } from './types.js';

export function planView(ctx: PlanContext, compiledSql: string): Plan {
  const { capabilities: caps } = ctx;
  const target = ctx.relation.incorporate({ type: 'view' });
  if (!(caps.transactions && caps.renameRelation)) {
    const statements: Statement[] = [];
    if (ctx.existing) {
      const old = target.incorporate({ type: ctx.existing.type });
      statements.push({ sql: ctx.callMacro('drop_relation', [old]), purpose: `drop the existing ${ctx.existing.type}` });
    }
    statements.push({ sql: ctx.callMacro('get_create_view_as_sql', [target, compiledSql]), purpose: 'create the view' });
    return { statements, transactional: caps.transactions };
  }
  const tmp = intermediateRelation(target, 'view');
  const statements: Statement[] = [
    ...dropLeftover(ctx, tmp, 'drop a leftover intermediate relation'),
    ...dropLeftover(ctx, backupRelation(target, 'view'), 'drop a leftover backup relation'),
    { sql: ctx.callMacro('get_create_view_as_sql', [tmp, compiledSql]), purpose: 'create the new view' },
    ...swapStatements({ ...ctx, relation: target }, tmp),
  ];
  return { statements, transactional: true };
}
