/**
 * A contracted model's inferred columns against its contract, before anything runs: names must
 * match exactly (order aside, as dbt reorders to the contract); a type that analysis could infer
 * and that differs from the declared data_type is a warning (inference can be less precise than
 * the warehouse, so it never fails the compile on its own).
 */
import type { ManifestNode } from '../parse/manifest-types.js';
import type { Finding, Shape } from './shape.js';
import { TxCodes } from '../errors/tx-error.js';

export function checkContract(node: ManifestNode, shape: Shape, normalizeType: (t: string) => string, selectAt: number): Finding[] {
  if (shape.open) return [];
  const out: Finding[] = [];
  // An unaliased expression's name is the warehouse's: dbt's contract would reject it too.
  for (const c of shape.columns.filter((x) => x.guessed)) {
    out.push({
      code: TxCodes.StaticContractMismatch, severity: 'error', at: c.at,
      message: `model '${node.name}' has an enforced contract, but a select-list expression has no alias`,
      hint: 'name it with `as <column>`, as the contract declares it',
    });
  }
  const declared = Object.values(node.columns);
  const inferred = new Map(shape.columns.map((c) => [c.name.toLowerCase(), c]));
  const declaredNames = new Set(declared.map((c) => c.name.toLowerCase()));
  const missing = declared.filter((c) => !inferred.has(c.name.toLowerCase())).map((c) => c.name);
  if (missing.length > 0) {
    out.push({
      code: TxCodes.StaticContractMismatch, severity: 'error', at: selectAt,
      message: `model '${node.name}' has an enforced contract, but its SQL does not produce ${plural(missing, 'contracted column')}`,
      hint: `add ${missing.length === 1 ? 'it' : 'them'} to the select list, or remove ${missing.length === 1 ? 'it' : 'them'} from the contract in ${node.patch_path?.replace(/^[^:]*:\/\//, '') ?? 'the model\'s YAML'}`,
    });
  }
  for (const c of shape.columns) {
    if (c.guessed || declaredNames.has(c.name.toLowerCase())) continue;
    out.push({
      code: TxCodes.StaticContractMismatch, severity: 'error', at: c.at, needle: c.name,
      message: `column '${c.name}' is not in the enforced contract of model '${node.name}'`,
      hint: 'declare it under columns: with a data_type, or remove it from the select list',
    });
  }
  for (const d of declared) {
    const c = inferred.get(d.name.toLowerCase());
    if (!c?.type || !d.data_type) continue;
    const want = normalizeType(d.data_type);
    const got = normalizeType(c.type);
    if (want.toUpperCase() === got.toUpperCase()) continue;
    out.push({
      code: TxCodes.StaticContractMismatch, severity: 'warn', at: c.at, needle: c.name,
      message: `column '${c.name}' of model '${node.name}' looks like ${got}, but its contract declares ${want}`,
      hint: `cast it: cast(… as ${d.data_type})`,
    });
  }
  return out;
}

function plural(names: string[], what: string): string {
  return names.length === 1 ? `the ${what} '${names[0]}'` : `the ${what}s ${names.map((n) => `'${n}'`).join(', ')}`;
}
