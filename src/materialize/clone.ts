/**
 * `tx clone` for one node (dbt's clone materialization): nothing to do when the state has no
 * relation for it or the target already has one (unless --full-refresh); a zero-copy clone when
 * the state relation is a table and the warehouse can clone tables; otherwise a view selecting
 * from the state relation, built and swapped like any view.
 */
import type { RelationInfo } from '../adapter/types.js';
import type { Relation } from '../adapter/relation.js';
import type { Plan, PlanContext } from './types.js';
import { planView } from './view.js';

export interface CloneInput {
  /** The node's relation in the state (production); undefined when the state has none. */
  stateRelation: Relation | undefined;
  /** That relation as the warehouse shows it (its type decides table clone vs view). */
  stateExisting: RelationInfo | undefined;
  /** Whether the warehouse clones tables (dbt's can_clone_table()). */
  canCloneTable: boolean;
}

export interface ClonePlan extends Plan {
  /** Why nothing runs (dbt logs these), when nothing does. */
  noop?: string;
}

export function planClone(ctx: PlanContext, input: CloneInput): ClonePlan {
  const { stateRelation } = input;
  if (!stateRelation) return { statements: [], transactional: false, noop: `No relation found in state manifest for ${ctx.relation.render()}` };
  if (ctx.existing && !ctx.fullRefresh) return { statements: [], transactional: false, noop: `Relation ${ctx.relation.render()} already exists` };
  if (input.stateExisting?.type === 'table' && input.canCloneTable) {
    const target = ctx.relation.incorporate({ type: 'table' });
    const statements = [];
    if (ctx.existing && ctx.existing.type !== 'table') {
      statements.push({ sql: ctx.callMacro('drop_relation_if_exists', [target.incorporate({ type: ctx.existing.type })]), purpose: `drop the existing ${ctx.existing.type}` });
    }
    statements.push({ sql: ctx.callMacro('create_or_replace_clone', [target, stateRelation]), purpose: 'build the clone' });
    return { statements, transactional: false };
  }
  return planView(ctx, ctx.callMacro('get_clone_target', [stateRelation]));
}
