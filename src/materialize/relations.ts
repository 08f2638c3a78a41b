/** Intermediate/backup relation naming, matching dbt's make_intermediate_relation / make_backup_relation. */
import type { Relation } from '../adapter/relation.js';
import type { RelationType } from '../adapter/types.js';
import type { PlanContext, Statement } from './types.js';

export const TMP_SUFFIX = '__dbt_tmp';
export const BACKUP_SUFFIX = '__dbt_backup';
/** A copy of a table an incremental run changes where DDL cannot be rolled back (see incremental.ts). */
export const STAGED_SUFFIX = '__dbt_staged';

export function stagedRelation(target: Relation): Relation {
  return target.incorporate({ path: { identifier: target.identifier + STAGED_SUFFIX }, type: 'table' });
}

export function intermediateRelation(target: Relation, type: RelationType): Relation {
  return target.incorporate({ path: { identifier: target.identifier + TMP_SUFFIX }, type });
}

export function backupRelation(target: Relation, type: RelationType): Relation {
  return target.incorporate({ path: { identifier: target.identifier + BACKUP_SUFFIX }, type });
}

/** A drop statement for a leftover relation, only if the snapshot shows it (with its real type). */
export function dropLeftover(ctx: PlanContext, rel: Relation, purpose: string): Statement[] {
  const found = ctx.lookup?.(rel.toRef());
  if (!found) return [];
  const typed = rel.incorporate({ type: found.type });
  return [{ sql: ctx.callMacro('drop_relation_if_exists', [typed]), purpose }];
}

/**
 * The swap dbt's table and view materializations do: the new relation is already built under
 * the intermediate name; move the old one aside, move the new one in, drop the old one.
 */
export function swapStatements(ctx: PlanContext, intermediate: Relation): Statement[] {
  const target = ctx.relation;
  const out: Statement[] = [];
  const existing = ctx.existing;
  let backup: Relation | undefined;
  if (existing) {
    const old = target.incorporate({ type: existing.type });
    backup = backupRelation(target, existing.type);
    out.push({ sql: ctx.callMacro('rename_relation', [old, backup]), purpose: `move the existing ${existing.type} aside` });
  }
  out.push({ sql: ctx.callMacro('rename_relation', [intermediate, target]), purpose: 'move the new relation into place' });
  if (backup) out.push({ sql: ctx.callMacro('drop_relation', [backup]), purpose: 'drop the previous relation' });
  return out;
}
