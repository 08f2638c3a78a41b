/**
 * dbt's --warn-error and --warn-error-options: which warnings become errors. `--warn-error`
 * promotes every warning; `--warn-error-options` names dbt event types under `error:`
 * (`include:` before dbt 1.8), `all` or `*` meaning every one, minus those under `warn:`
 * (`exclude:`). A warning test result is dbt's `LogTestResult`; tx's own warnings answer to
 * the dbt event they stand for, and to their TX code.
 */
import { parse } from 'yaml';
import { TxCodes, TxError } from './tx-error.js';

export interface WarnErrorOptions {
  error: 'all' | readonly string[];
  warn: readonly string[];
}

/** dbt's event names for tx's warning codes (events several codes stand for are listed in full). */
const DBT_EVENTS: Record<string, readonly string[]> = {
  [TxCodes.SelectorUnknown]: ['NoNodesForSelectionCriteria'],
  [TxCodes.ContractBreakingChange]: ['UnversionedBreakingChange'],
  [TxCodes.ModelDeprecated]: ['DeprecatedModel', 'UpcomingReferenceDeprecation', 'DeprecatedReference'],
  [TxCodes.ConstraintNotEnforced]: ['ConstraintNotEnforced', 'ConstraintNotSupported'],
};

/** Whether a warning known by these names becomes an error. */
export function promotes(warnError: boolean, options: WarnErrorOptions | undefined, names: readonly string[]): boolean {
  if (warnError) return true;
  if (!options) return false;
  const included = (name: string) => options.error === 'all' || options.error.includes(name);
  return names.some((n) => included(n) && !options.warn.includes(n));
}

/** The names a tx diagnostic answers to in --warn-error-options: its dbt event(s) and its code. */
export function warningNames(code: string): readonly string[] {
  return [...(DBT_EVENTS[code] ?? []), code];
}

/** `--warn-error-options` text (YAML or JSON), validated as dbt's WarnErrorOptionsType. */
export function parseWarnErrorOptions(text: string): WarnErrorOptions {
  const fail = (message: string): never => {
    throw new TxError({ code: TxCodes.Usage, message: `--warn-error-options: ${message}`, hint: `e.g. --warn-error-options '{"error": "all", "warn": ["NoNodesForSelectionCriteria"]}'` });
  };
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : parse(text, { version: '1.1' });
  } catch (e) {
    return fail(`not valid YAML or JSON (${(e as Error).message})`);
  }
  if (value === null || value === undefined) value = {};
  if (typeof value !== 'object' || Array.isArray(value)) return fail('expected a mapping with error/warn (or include/exclude) keys');
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) {
    if (!['error', 'warn', 'include', 'exclude', 'silence'].includes(k)) fail(`unknown key '${k}' (expected error, warn, silence, or the older include, exclude)`);
  }
  if (v['error'] !== undefined && v['include'] !== undefined) fail("only one of 'error' and 'include' may be given");
  if (v['warn'] !== undefined && v['exclude'] !== undefined) fail("only one of 'warn' and 'exclude' may be given");
  const names = (x: unknown, key: string): string[] => {
    if (x === undefined || x === null) return [];
    if (Array.isArray(x) && x.every((i) => typeof i === 'string')) return x as string[];
    return fail(`'${key}' must be "all" or a list of event names`);
  };
  const error = v['error'] ?? v['include'];
  return {
    error: error === 'all' || error === '*' ? 'all' : names(error, v['error'] !== undefined ? 'error' : 'include'),
    warn: names(v['warn'] ?? v['exclude'], v['warn'] !== undefined ? 'warn' : 'exclude'),
  };
}
