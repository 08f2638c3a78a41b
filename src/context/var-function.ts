import { TxError, TxCodes, type SourceLoc } from '../errors/tx-error.js';

/**
 * dbt's `var(name, default)`. `vars` is already resolved for the node's package
 * (CLI > package-scoped > global); a missing var without default is an error at the file.
 */
export function makeVarFunction(vars: Record<string, unknown>, where: () => SourceLoc): (name: unknown, ...rest: unknown[]) => unknown {
  const fn = (name: unknown, ...rest: unknown[]): unknown => {
    const key = String(name);
    if (Object.prototype.hasOwnProperty.call(vars, key)) return vars[key];
    if (rest.length > 0) return rest[0];
    throw new TxError({
      code: TxCodes.UndefinedVar,
      message: `Required var '${key}' not found in config: vars supplied to this node are [${Object.keys(vars).sort().join(', ')}]`,
      loc: where(),
      hint: `define it under vars: in dbt_project.yml, pass --vars '{${key}: ...}', or give var('${key}', <default>)`,
    });
  };
  // var.has(name): dbt exposes `var.has`.
  return Object.assign(fn, { has: (name: unknown) => Object.prototype.hasOwnProperty.call(vars, String(name)) });
}
