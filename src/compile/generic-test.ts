/**
 * A generic test's SQL: its `test_<name>` macro called with the arguments from YAML, as
 * dbt does with `{{ test_unique(**_dbt_generic_test_kwargs) }}`. `model` is the tested
 * relation, narrowed by the test's `where` config through get_where_subquery.
 */
import type { TxJinja } from '../jinja/tx-jinja.js';
import type { TestNode } from '../parse/manifest-types.js';
import { TxError, TxCodes } from '../errors/tx-error.js';
import { asTemplate } from '../parse/generic-tests.js';

export interface GenericTestInput {
  jinja: TxJinja;
  node: TestNode;
  /** The test's resolved scope (ref, source, config, this …). */
  scope: Record<string, unknown>;
  projectName: string;
}

const MODEL_ARG = /^\{\{\s*get_where_subquery\((ref|source)\((.*)\)\)\s*\}\}$/s;

export function renderGenericTest({ jinja, node, scope, projectName }: GenericTestInput): string {
  const meta = node.test_metadata!;
  const loc = node.loc ?? { file: node.abs_path, line: 0, col: 0 };
  const macroName = `test_${meta.name}`;
  // A namespaced test (`dbt_utils.equal_rowcount`) comes from that package; otherwise the
  // root project's macro wins over the built-in one, as in dbt.
  const fn = jinja.resolveMacro(macroName, meta.namespace ?? projectName);
  if (!fn) {
    throw new TxError({
      code: TxCodes.TestMacroNotFound,
      message: `test '${meta.namespace ? `${meta.namespace}.` : ''}${meta.name}' (in ${node.original_file_path}) is not defined: no macro '${macroName}'`,
      loc,
      hint: `define it with {% test ${meta.name}(model, column_name) %} … {% endtest %} in macros/ or tests/generic/, or install the package that provides it`,
    });
  }
  const kwargs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta.kwargs)) {
    kwargs[key] = key === 'model' ? modelArgument(jinja, value, scope, node) : key === 'column_name' ? value : renderArgument(jinja, value, scope, node);
  }
  const out = jinja.callMacro(fn, [], kwargs, scope);
  return String(out ?? '');
}

/** The tested relation object (not its text), so macros can read `model.identifier`. */
function modelArgument(jinja: TxJinja, value: unknown, scope: Record<string, unknown>, node: TestNode): unknown {
  const text = String(value);
  const m = MODEL_ARG.exec(text);
  const where = jinja.resolveMacro('get_where_subquery');
  if (!m || !where) return jinja.renderString(text, node.abs_path, scope);
  // Evaluate `ref(...)` / `source(...)` through the template engine, keeping the object.
  let relation: unknown;
  const keep = (v: unknown) => ((relation = v), '');
  jinja.renderString(`{{ __tx_keep(${m[1]}(${m[2]})) }}`, node.abs_path, { ...scope, __tx_keep: keep });
  return jinja.callMacro(where, [relation], {}, scope);
}

/** String arguments that look like calls or templates are rendered, as dbt renders kwargs. */
function renderArgument(jinja: TxJinja, value: unknown, scope: Record<string, unknown>, node: TestNode): unknown {
  if (typeof value === 'string') {
    const tpl = asTemplate(value);
    return tpl.includes('{{') || tpl.includes('{%') ? jinja.renderString(tpl, node.abs_path, scope) : value;
  }
  if (Array.isArray(value)) return value.map((v) => renderArgument(jinja, v, scope, node));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderArgument(jinja, v, scope, node)]));
  }
  return value;
}
