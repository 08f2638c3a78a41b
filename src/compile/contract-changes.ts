/**
 * Breaking changes to an enforced contract against a previous manifest (dbt's
 * ModelNode.same_contract): contract enforcement removed, a column removed or retyped, an
 * enforced constraint removed, or a table/incremental with constraints turned into something
 * that cannot hold them. Adding columns or constraints is a change, not a breaking one. Pure.
 */
import type { Capabilities } from '../adapter/types.js';
import type { ModelNode } from '../parse/manifest-types.js';
import { parseConstraint, sameConstraint, type ColumnConstraint, type ModelConstraint } from '../parse/constraints.js';
import { constraintSupport } from '../materialize/constraints-ddl.js';
import { enforcesConstraints } from '../parse/contracts.js';

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const NOWHERE = { file: '', line: 0, col: 0 };

const KEYS = ['type', 'name', 'expression', 'warn_unenforced', 'warn_unsupported', 'to', 'to_columns', 'columns'];

/** Constraints of a previous manifest, as written (fields tx does not know are ignored, entries that do not parse left out). */
function oldConstraints(raw: unknown, level: 'column' | 'model'): (ColumnConstraint | ModelConstraint)[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((c) => {
    if (!isDict(c)) return [];
    const known = Object.fromEntries(Object.entries(c).filter(([k]) => KEYS.includes(k) && (level === 'model' || k !== 'columns')));
    try {
      return [level === 'model' ? parseConstraint(known, 'model', NOWHERE) : parseConstraint(known, 'column', NOWHERE)];
    } catch {
      return [];
    }
  });
}

/**
 * dbt's dataclass equality, except that a foreign key's `to:` compiled into a relation name (as
 * dbt's own manifests hold it after a run) matches the same constraint written as `ref(...)`.
 */
function same(a: ColumnConstraint, b: ColumnConstraint): boolean {
  const written = (to: string | null) => to === null || /^\s*(\{\{)?\s*(ref|source)\s*\(/.test(to);
  if (a.to !== b.to && !(written(a.to) && written(b.to))) return sameConstraint({ ...a, to: null }, { ...b, to: null });
  return sameConstraint(a, b);
}

const pyList = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
const label = (c: ColumnConstraint) => `'${c.name ?? c.type}'`;

/**
 * The breaking changes of `current` against its previous manifest entry, worded as dbt words
 * them; empty when the contract is unchanged, newly enforced, or only extended.
 */
export function contractBreakingChanges(old: Dict, current: ModelNode, caps: Capabilities): string[] {
  const oldContract = isDict(old['contract']) ? old['contract'] : {};
  const oldEnforced = oldContract['enforced'] === true;
  if (!oldEnforced) return [];
  if (current.contract.enforced && current.contract.checksum === oldContract['checksum']) return [];

  const oldConfig = isDict(old['config']) ? old['config'] : {};
  const oldMaterialized = String(oldConfig['materialized'] ?? '');
  const oldEnforcesConstraints = enforcesConstraints(oldMaterialized);
  const oldColumns = isDict(old['columns']) ? old['columns'] : {};
  const enforced = (c: ColumnConstraint) => c.type !== 'custom' && constraintSupport(caps, c.type) === 'enforced';

  const removed: string[] = [];
  const retyped: string[] = [];
  const columnConstraintsRemoved: string[] = [];
  let columnConstraintsExist = false;
  for (const key of Object.keys(oldColumns).sort()) {
    const col = isDict(oldColumns[key]) ? oldColumns[key] : {};
    const name = String(col['name'] ?? key);
    const now = current.columns[key];
    const type = col['data_type'] === undefined ? null : (col['data_type'] as string | null);
    if (!now) removed.push(name);
    else if (type !== now.data_type) retyped.push(`${name} (${String(type ?? 'None')} -> ${String(now.data_type ?? 'None')})`);
    const before = oldConstraints(col['constraints'], 'column');
    if (before.length > 0) columnConstraintsExist = true;
    if (!now || !oldEnforcesConstraints) continue;
    const after = now.constraints as ColumnConstraint[];
    for (const c of before) {
      if (!after.some((x) => same(x, c)) && enforced(c)) columnConstraintsRemoved.push(`${label(c)} constraint on column ${key}`);
    }
  }

  const modelConstraintsRemoved: string[] = [];
  const oldModel = oldConstraints(old['constraints'], 'model') as ModelConstraint[];
  if (oldEnforcesConstraints) {
    for (const c of oldModel) {
      if (!(current.constraints as ModelConstraint[]).some((x) => same(x, c)) && enforced(c)) {
        modelConstraintsRemoved.push(`${label(c)} constraint on columns ${pyList(c.columns)}`);
      }
    }
  }
  const materializationChanged = oldEnforcesConstraints && !enforcesConstraints(current.config.materialized) && (oldModel.length > 0 || columnConstraintsExist);

  const out: string[] = [];
  if (!current.contract.enforced) {
    out.push('Contract enforcement was removed: Previously, this model had an enforced contract. It is no longer configured to enforce its contract, and this is a breaking change.');
  }
  const list = (items: string[]) => `\n    - ${items.join('\n    - ')}`;
  if (removed.length > 0) out.push(`Columns were removed: ${list(removed)}`);
  if (retyped.length > 0) out.push(`Columns with data_type changes: ${list(retyped)}`);
  if (columnConstraintsRemoved.length > 0) out.push(`Enforced column level constraints were removed: ${list(columnConstraintsRemoved)}`);
  if (modelConstraintsRemoved.length > 0) out.push(`Enforced model level constraints were removed: ${list(modelConstraintsRemoved)}`);
  if (materializationChanged) out.push(`Materialization changed with enforced constraints: ${list([`${oldMaterialized} -> ${current.config.materialized}`])}`);
  return out;
}

/**
 * dbt's ModelNode.same_contract_removed (dbt 1.8+): a model of the previous manifest that the
 * project no longer has (deleted, renamed or disabled) breaks its contract when it was
 * enforced, unless it was past its deprecation_date. The breaking change, or null.
 */
export function removedContractChange(old: Dict, disabled: boolean, now: Date): string | null {
  const contract = isDict(old['contract']) ? old['contract'] : {};
  if (contract['enforced'] !== true) return null;
  const deprecation = typeof old['deprecation_date'] === 'string' ? Date.parse(old['deprecation_date']) : Number.NaN;
  if (!Number.isNaN(deprecation) && deprecation < now.getTime()) return null;
  const id = String(old['unique_id']);
  return disabled ? `Contracted model '${id}' was disabled.` : `Contracted model '${id}' was deleted or renamed.`;
}

/** dbt's ContractBreakingChangeError text (versioned models). */
export function breakingChangeError(changes: readonly string[]): string {
  return [
    'While comparing to previous project state, dbt detected a breaking change to an enforced contract.',
    `  - ${changes.join('\n  - ')}`,
    'Consider making an additive (non-breaking) change instead, if possible.',
    'Otherwise, create a new model version: https://docs.getdbt.com/docs/collaborate/govern/model-versions',
  ].join('\n');
}

/** dbt's UnversionedBreakingChange warning text. */
export function unversionedBreakingChange(node: Pick<ModelNode, 'name' | 'original_file_path'>, changes: readonly string[]): string {
  return [
    `Breaking change to contracted, unversioned model ${node.name} (${node.original_file_path})`,
    'While comparing to previous project state, dbt detected a breaking change to an unversioned model.',
    `  - ${changes.join('\n  - ')}`,
  ].join('\n');
}
