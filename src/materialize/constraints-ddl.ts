/**
 * Constraints as DDL text, as dbt's BaseAdapter renders them (render_raw_columns_constraints,
 * render_raw_model_constraints, process_parsed_constraint): what the adapter enforces or at least
 * accepts goes into the `create table`, what it cannot take is left out, each with dbt's warning.
 * Pure; templates call these through `adapter.*` in a contracted model's DDL scope.
 */
import type { Capabilities, Dialect } from '../adapter/types.js';
import type { ColumnConstraint, ModelConstraint } from '../parse/constraints.js';

export type ConstraintSupport = 'enforced' | 'not_enforced' | 'not_supported';

export function constraintSupport(caps: Capabilities, type: ColumnConstraint['type']): ConstraintSupport {
  if (type === 'custom') return 'enforced';
  if (caps.enforcedConstraints.includes(type)) return 'enforced';
  if (caps.unsupportedConstraints?.includes(type)) return 'not_supported';
  return 'not_enforced';
}

export interface RenderEnv {
  dialect: Dialect;
  /** A foreign key's `to:` (`ref('x')`) as the relation it names. */
  resolveTo(to: string): string;
  /** dbt's ConstraintNotEnforced / ConstraintNotSupported warnings. */
  warn(message: string): void;
}

export function renderColumnConstraint(c: ColumnConstraint, env: RenderEnv): string | null {
  const expr = c.expression ?? '';
  let out: string | null = null;
  switch (c.type) {
    case 'check':
      out = expr ? `check (${expr})` : null;
      break;
    case 'not_null':
      out = `not null ${expr}`;
      break;
    case 'unique':
      out = `unique ${expr}`;
      break;
    case 'primary_key':
      out = `primary key ${expr}`;
      break;
    case 'foreign_key':
      if (c.to && c.to_columns.length > 0) out = `references ${env.resolveTo(c.to)} (${c.to_columns.join(', ')})`;
      else if (expr) out = `references ${expr}`;
      break;
    case 'custom':
      out = expr || null;
      break;
  }
  return out === null ? null : out.trim();
}

export function renderModelConstraint(c: ModelConstraint, env: RenderEnv): string | null {
  const prefix = c.name ? `constraint ${c.name} ` : '';
  const cols = c.columns.join(', ');
  const expr = c.expression ? ` ${c.expression}` : '';
  switch (c.type) {
    case 'check':
      return c.expression ? `${prefix}check (${c.expression})` : null;
    case 'unique':
      return `${prefix}unique${expr} (${cols})`;
    case 'primary_key':
      return `${prefix}primary key${expr} (${cols})`;
    case 'foreign_key':
      if (c.to && c.to_columns.length > 0) return `${prefix}foreign key (${cols}) references ${env.resolveTo(c.to)} (${c.to_columns.join(', ')})`;
      return c.expression ? `${prefix}foreign key (${cols}) references ${c.expression}` : null;
    case 'custom':
      return c.expression ? `${prefix}${c.expression}` : null;
    default:
      return null;
  }
}

/** dbt's process_parsed_constraint: warn as configured, and render unless the adapter cannot take it. */
function process<C extends ColumnConstraint>(c: C, caps: Capabilities, env: RenderEnv, render: (c: C) => string | null): string | null {
  if (c.type === 'custom') return render(c);
  const support = constraintSupport(caps, c.type);
  const adapter = env.dialect.name;
  if (c.warn_unsupported && support === 'not_supported') {
    env.warn(`The constraint type ${c.type} is not supported by ${adapter}, and will be ignored. Set 'warn_unsupported: false' on this constraint to ignore this warning.`);
  }
  if (c.warn_unenforced && support === 'not_enforced') {
    env.warn(`The constraint type ${c.type} is not enforced by ${adapter}. The constraint will be included in this model's DDL statement, but it will not guarantee anything about the underlying data. Set 'warn_unenforced: false' on this constraint to ignore this warning.`);
  }
  return support === 'not_supported' ? null : render(c);
}

export interface DdlColumn {
  name: string;
  data_type: string | null;
  quote: boolean | null;
  constraints: unknown[];
}

/** `<name> <type> <constraints…>` per declared column. */
export function renderColumnsWithConstraints(columns: readonly DdlColumn[], caps: Capabilities, env: RenderEnv): string[] {
  return columns.map((col) => {
    const name = col.quote ? env.dialect.quoteIdent(col.name) : col.name;
    const parts = [`${name} ${col.data_type ?? ''}`];
    for (const c of col.constraints as ColumnConstraint[]) {
      const text = process(c, caps, env, (x) => renderColumnConstraint(x, env));
      if (text !== null) parts.push(text);
    }
    return parts.join(' ');
  });
}

export function renderModelConstraints(constraints: readonly ModelConstraint[], caps: Capabilities, env: RenderEnv): string[] {
  return constraints.flatMap((c) => {
    const text = process(c, caps, env, (x) => renderModelConstraint(x, env));
    return text === null ? [] : [text];
  });
}
