/**
 * Column- and model-level constraints as dbt parses them (dbt-common's ColumnLevelConstraint and
 * ModelLevelConstraint): every field present with its default, so the manifest, the contract
 * checksum and the breaking-change comparison all see one shape.
 */
import { TxError, TxCodes, type SourceLoc } from '../errors/tx-error.js';
import { pyRepr } from '../jinja/py-repr.js';

export const CONSTRAINT_TYPES = ['check', 'not_null', 'unique', 'primary_key', 'foreign_key', 'custom'] as const;
export type ConstraintType = (typeof CONSTRAINT_TYPES)[number];

export interface ColumnConstraint {
  type: ConstraintType;
  name: string | null;
  expression: string | null;
  warn_unenforced: boolean;
  warn_unsupported: boolean;
  /** foreign_key: the referenced relation, as written (`ref('customers')`). */
  to: string | null;
  to_columns: string[];
}

export interface ModelConstraint extends ColumnConstraint {
  columns: string[];
}

const COLUMN_KEYS = ['type', 'name', 'expression', 'warn_unenforced', 'warn_unsupported', 'to', 'to_columns'];

export function isConstraintType(t: unknown): t is ConstraintType {
  return typeof t === 'string' && (CONSTRAINT_TYPES as readonly string[]).includes(t);
}

function fail(message: string, loc: SourceLoc, hint?: string): never {
  throw new TxError({ code: TxCodes.ContractInvalid, message, loc, hint });
}

const strOrNull = (v: unknown, key: string, loc: SourceLoc): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fail(`constraint '${key}' must be a string`, loc);
};

const strList = (v: unknown, key: string, loc: SourceLoc): string[] => {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return fail(`constraint '${key}' must be a list of column names`, loc);
};

const bool = (v: unknown, key: string, loc: SourceLoc): boolean => {
  if (v === undefined || v === null) return true;
  if (typeof v === 'boolean') return v;
  return fail(`constraint '${key}' must be true or false`, loc);
};

/** One constraint entry from YAML; `level` decides whether `columns:` is allowed. Throws TxError. */
export function parseConstraint(raw: unknown, level: 'column', loc: SourceLoc): ColumnConstraint;
export function parseConstraint(raw: unknown, level: 'model', loc: SourceLoc): ModelConstraint;
export function parseConstraint(raw: unknown, level: 'column' | 'model', loc: SourceLoc): ColumnConstraint | ModelConstraint {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(`a constraint must be a mapping with a 'type', got ${JSON.stringify(raw)}`, loc, 'write `- type: not_null`');
  }
  const r = raw as Record<string, unknown>;
  if (!isConstraintType(r['type'])) {
    return fail(
      `Invalid constraint type ${JSON.stringify(r['type'] ?? null)}: Type must be one of [${CONSTRAINT_TYPES.map((t) => `'${t}'`).join(', ')}]`,
      loc,
    );
  }
  const allowed = level === 'model' ? [...COLUMN_KEYS, 'columns'] : COLUMN_KEYS;
  const unknown = Object.keys(r).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    fail(`unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')} in a ${level}-level constraint`, loc, `a ${level}-level constraint takes ${allowed.join(', ')}`);
  }
  const c: ColumnConstraint = {
    type: r['type'],
    name: strOrNull(r['name'], 'name', loc),
    expression: strOrNull(r['expression'], 'expression', loc),
    warn_unenforced: bool(r['warn_unenforced'], 'warn_unenforced', loc),
    warn_unsupported: bool(r['warn_unsupported'], 'warn_unsupported', loc),
    to: strOrNull(r['to'], 'to', loc),
    to_columns: strList(r['to_columns'], 'to_columns', loc),
  };
  if (level === 'column') return c;
  const columns = strList(r['columns'], 'columns', loc);
  if (columns.length === 0 && (c.type === 'primary_key' || c.type === 'unique' || c.type === 'foreign_key')) {
    fail(`a model-level ${c.type} constraint needs 'columns'`, loc, `list the columns it covers: columns: [id]`);
  }
  return { ...c, columns };
}

/** Python's repr() of the parsed constraints list, as dbt's contract checksum hashes str(constraints). */
export function constraintsRepr(list: readonly (ColumnConstraint | ModelConstraint)[], level: 'column' | 'model'): string {
  const one = (c: ColumnConstraint | ModelConstraint): string => {
    const fields = [
      `type=<ConstraintType.${c.type}: ${pyRepr(c.type)}>`,
      `name=${pyRepr(c.name)}`,
      `expression=${pyRepr(c.expression)}`,
      `warn_unenforced=${pyRepr(c.warn_unenforced)}`,
      `warn_unsupported=${pyRepr(c.warn_unsupported)}`,
      `to=${pyRepr(c.to)}`,
      `to_columns=${pyRepr(c.to_columns)}`,
    ];
    if (level === 'model') fields.push(`columns=${pyRepr((c as ModelConstraint).columns)}`);
    return `${level === 'model' ? 'ModelLevelConstraint' : 'ColumnLevelConstraint'}(${fields.join(', ')})`;
  };
  return `[${list.map(one).join(', ')}]`;
}

/** Equality as dbt's dataclass `==` (every field). */
export function sameConstraint(a: ColumnConstraint | ModelConstraint, b: ColumnConstraint | ModelConstraint): boolean {
  const cols = (x: ColumnConstraint | ModelConstraint) => ('columns' in x ? x.columns : []);
  return a.type === b.type && a.name === b.name && a.expression === b.expression && a.warn_unenforced === b.warn_unenforced
    && a.warn_unsupported === b.warn_unsupported && a.to === b.to && JSON.stringify(a.to_columns) === JSON.stringify(b.to_columns)
    && JSON.stringify(cols(a)) === JSON.stringify(cols(b));
}
