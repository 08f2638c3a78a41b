/**
 * One generic-test entry of properties YAML → test name, namespace, macro arguments and
 * config, following dbt's rules: `- unique`, `- accepted_values: {values: [...]}`,
 * `- {test_name: unique, name: custom}`, arguments inline or under `arguments:` (dbt 1.10),
 * configs under `config:` or, legacy, beside the arguments.
 */
import { TxError, TxCodes, type SourceLoc } from '../errors/tx-error.js';

/** Keys that are configs even when written beside the arguments (dbt's CONFIG_ARGS). */
const CONFIG_ARGS = [
  'severity', 'tags', 'enabled', 'where', 'limit', 'warn_if', 'error_if', 'fail_calc',
  'store_failures', 'store_failures_as', 'meta', 'database', 'schema', 'alias',
] as const;

const NAME_PATTERN = /^(?:([a-zA-Z_][0-9a-zA-Z_]*)\.)?([a-zA-Z_][0-9a-zA-Z_]*)$/;

export interface TestDefinition {
  /** Test name without namespace, e.g. `unique`, `equal_rowcount`. */
  name: string;
  /** Package namespace when written `dbt_utils.equal_rowcount`. */
  namespace: string | null;
  /** Macro keyword arguments (column_name included when on a column; `model` added later). */
  args: Record<string, unknown>;
  config: Record<string, unknown>;
  /** `name:` set by the user (replaces the synthesized name). */
  customName: string | null;
  description: string | null;
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);

export function parseTestDefinition(entry: unknown, columnName: string | null, loc: SourceLoc): TestDefinition {
  const fail = (message: string, hint?: string): never => {
    throw new TxError({ code: TxCodes.TestInvalid, message, loc, ...(hint ? { hint } : {}) });
  };
  let testName: unknown;
  let rawArgs: unknown;
  if (typeof entry === 'string') {
    testName = entry;
    rawArgs = {};
  } else if (isDict(entry)) {
    if ('test_name' in entry) {
      const { test_name, ...rest } = entry;
      testName = test_name;
      rawArgs = rest;
    } else {
      const keys = Object.keys(entry);
      if (keys.length !== 1) {
        fail(`a test entry must have exactly one key (the test's name), found ${keys.length}: ${keys.join(', ')}`,
          'write `- unique` or `- accepted_values: {values: [...]}`, or use `test_name:` for the name');
      }
      testName = keys[0];
      rawArgs = entry[keys[0]!] ?? {};
    }
  } else {
    return fail(`a test entry must be a test name or a mapping, got ${JSON.stringify(entry)}`);
  }
  if (typeof testName !== 'string') return fail(`test name must be a string, got ${JSON.stringify(testName)}`);
  if (!isDict(rawArgs)) return fail(`arguments of test '${testName}' must be a mapping, got ${JSON.stringify(rawArgs)}`);
  const match = NAME_PATTERN.exec(testName);
  if (!match) return fail(`'${testName}' is not a valid test name`, 'use `name` or `package.name`');

  const args: Dict = { ...rawArgs };
  if ('model' in args) fail(`test '${testName}' must not set the 'model' argument: it is the node the test is attached to`);
  const nested = args['config'];
  if (nested !== undefined && !isDict(nested)) fail(`config of test '${testName}' must be a mapping`);
  delete args['config'];
  const config: Dict = {};
  for (const key of CONFIG_ARGS) {
    const v = args[key];
    delete args[key];
    if (v !== undefined && v !== null && v !== false && v !== '' && isDict(nested) && key in nested) {
      fail(`test '${testName}' sets '${key}' both beside its arguments and under config:`, 'keep it under config: only');
    }
    if (v !== undefined && v !== null) config[key] = v;
  }
  if (isDict(nested)) for (const [k, v] of Object.entries(nested)) if (v !== null && v !== undefined) config[k] = v;

  // dbt 1.10: arguments under `arguments:`; anything else left beside them is still an argument.
  const nestedArgs = args['arguments'];
  delete args['arguments'];
  if (nestedArgs !== undefined && !isDict(nestedArgs)) fail(`arguments of test '${testName}' must be a mapping`);
  if (isDict(nestedArgs)) Object.assign(args, nestedArgs);

  const customName = typeof args['name'] === 'string' ? (args['name'] as string) : null;
  delete args['name'];
  const description = typeof args['description'] === 'string' ? (args['description'] as string) : null;
  delete args['description'];
  if (columnName !== null) args['column_name'] = columnName;
  return { name: match[2]!, namespace: match[1] ?? null, args, config, customName, description };
}

/**
 * dbt's TestBuilder._render_values: every string config value (beside the arguments or under
 * `config:`) is rendered at parse time, natively (`"{{ var('n', 5) }}"` is the number 5);
 * values that render to nothing are dropped. Other values (lists, mappings) are kept as written.
 */
export function renderTestConfig(config: Record<string, unknown>, render: (key: string, value: string) => unknown): Record<string, unknown> {
  const out: Dict = {};
  for (const [key, value] of Object.entries(config)) {
    const v = typeof value === 'string' ? render(key, value) : value;
    if (v !== null && v !== undefined) out[key] = v;
  }
  return out;
}
