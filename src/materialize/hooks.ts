/**
 * A node's pre-hooks and post-hooks in its plan, where dbt's materializations run them:
 *   pre-hooks with transaction: false   before BEGIN              (plan.before)
 *   pre-hooks inside the transaction    right after BEGIN, before the build
 *   post-hooks inside the transaction   after the build (and swap), before COMMIT
 *   post-hooks with transaction: false  after COMMIT              (plan.after)
 * So a failing hook inside the transaction rolls the build back with it. On a warehouse
 * without transactions the order is the same.
 */
import type { Plan, Statement } from './types.js';

/** A rendered hook, ready to run. */
export interface HookStatement extends Statement {
  /** Inside the node's transaction, or outside it (before_begin / after_commit). */
  transaction: boolean;
}

export interface NodeHooks {
  pre: HookStatement[];
  post: HookStatement[];
}

const strip = ({ transaction: _t, ...st }: HookStatement): Statement => st;

export function withHooks<P extends Plan>(plan: P, hooks: NodeHooks): P {
  if (hooks.pre.length === 0 && hooks.post.length === 0) return plan;
  const inside = (list: HookStatement[]) => list.filter((h) => h.transaction).map(strip);
  const outside = (list: HookStatement[]) => list.filter((h) => !h.transaction).map(strip);
  const before = [...(plan.before ?? []), ...outside(hooks.pre)];
  const after = [...outside(hooks.post), ...(plan.after ?? [])];
  return {
    ...plan,
    statements: [...inside(hooks.pre), ...plan.statements, ...inside(hooks.post)],
    ...(before.length > 0 ? { before } : {}),
    ...(after.length > 0 ? { after } : {}),
  };
}

/** Every statement of a plan in the order it runs (before, the transaction's, after). */
export function planStatements(plan: Plan): Statement[] {
  return [...(plan.before ?? []), ...plan.statements, ...(plan.after ?? [])];
}

/** The plan as target/run/… shows it: each statement under a comment saying why it runs. */
export function planText(plan: Plan): string {
  return planStatements(plan).map((st) => `-- ${st.purpose}\n${st.sql.trim().replace(/;$/, '')};`).join('\n\n');
}
