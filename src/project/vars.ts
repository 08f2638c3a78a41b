/**
 * dbt's var() scoping. Precedence, highest first (dbt docs, "Variable precedence"):
 *   1. --vars on the command line
 *   2. package-scoped vars in the root dbt_project.yml (`vars: {<package>: {...}}`)
 *   3. global vars in the root dbt_project.yml
 *   4. when the node lives in a package: that package's own dbt_project.yml vars
 *      (scoped the same way)
 * Like dbt's VarProvider, the "global" layer is the whole `vars:` mapping, so a
 * package-named key is itself visible as a var holding a dict — dbt behaves the same.
 * Values are returned raw: dbt renders a string var when var() reads it.
 */
import { parseDocument } from 'yaml';
import { pyyamlOptions } from './yaml-file.js';
import { TxError, TxCodes } from '../errors/tx-error.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scoped(vars: Record<string, unknown>, packageName: string): Record<string, unknown> {
  const own = vars[packageName];
  return { ...vars, ...(isRecord(own) ? own : {}) };
}

export function resolveVars(
  projectVars: Record<string, unknown>,
  rootPackage: string,
  packageName: string,
  cliVars: Record<string, unknown>,
  /** `vars:` of the node's package's own dbt_project.yml; ignored for the root package. */
  packageOwnVars?: Record<string, unknown>,
): Record<string, unknown> {
  const fromPackage = packageName !== rootPackage && packageOwnVars ? scoped(packageOwnVars, packageName) : {};
  return { ...fromPackage, ...scoped(projectVars, packageName), ...cliVars };
}

/** `--vars` accepts YAML or JSON (JSON is YAML); it must be a mapping. An empty string means none. */
export function parseCliVars(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const doc = parseDocument(text, pyyamlOptions());
  const err = doc.errors[0];
  if (err) {
    throw new TxError({
      code: TxCodes.Usage,
      message: `--vars is not valid YAML or JSON: ${err.message}`,
      hint: `pass a mapping, e.g. --vars '{key: value, start_date: 2024-01-01}'`,
    });
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return {};
  if (!isRecord(value)) {
    throw new TxError({
      code: TxCodes.Usage,
      message: `--vars must be a mapping of names to values, got ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}`,
      hint: `e.g. --vars '{key: value}'`,
    });
  }
  return value;
}
