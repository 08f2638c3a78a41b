/**
 * A generic test's SQL: its `test_<name>` macro called with the arguments from YAML, as
 * dbt does with `{{ test_unique(**_dbt_generic_test_kwargs) }}`. `model` is the tested
 * relation, narrowed by the test's `where` config through get_where_subquery.
 */
import type { TxJinja, TxTemplate } from '../jinja/tx-jinja.js';
import type { RefCall, TestNode } from '../parse/manifest-types.js';
import { TxError, TxCodes } from '../errors/tx-error.js';
import { asTemplate } from '../parse/generic-tests.js';

export interface GenericTestInput {
  jinja: TxJinja;
  node: TestNode;
  /** The test's resolved scope (ref, source, config, this …). */
  scope: Record<string, unknown>;
  projectName: string;
  /** Compiled argument templates by text: tests repeat the same `ref('x')` many times. */
  templateCache: Map<string, TxTemplate>;
}

const MODEL_ARG = /^\{\{\s*get_where_subquery\((ref|source)\((.*)\)\)\s*\}\}$/s;

export function renderGenericTest({ jinja, node, scope, projectName, templateCache }: GenericTestInput): string {
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
    kwargs[key] = key === 'model' ? modelArgument(jinja, value, scope, node) : key === 'column_name' ? value : renderArgument({ jinja, scope, node, templateCache }, value);
  }
  const out = jinja.callMacro(fn, [], kwargs, scope, node.package_name);
  return String(out ?? '');
}

/**
 * The tested relation object (not its text), so macros can read `model.identifier`. The
 * target is the node's first ref or source by construction, so no template is compiled.
 */
function modelArgument(jinja: TxJinja, value: unknown, scope: Record<string, unknown>, node: TestNode): unknown {
  const where = jinja.resolveMacro('get_where_subquery');
  const onSource = node.file_key_name?.startsWith('sources.') === true;
  const target = onSource ? node.sources[0] : node.refs[0];
  if (!MODEL_ARG.test(String(value)) || !where || !target) return jinja.renderString(String(value), node.abs_path, scope, node.package_name);
  let relation: unknown;
  if (onSource) relation = (scope['source'] as (...a: unknown[]) => unknown)(...(target as [string, string]));
  else {
    const call = target as RefCall;
    const ref = scope['ref'] as (...a: unknown[]) => unknown;
    relation = call.version === null ? ref(call.name) : ref(call.name, { __keywords: true, v: call.version });
  }
  return jinja.callMacro(where, [relation], {}, scope, node.package_name);
}

/** String arguments that look like calls or templates are rendered, as dbt renders kwargs. */
function renderArgument(ctx: { jinja: TxJinja; scope: Record<string, unknown>; node: TestNode; templateCache: Map<string, TxTemplate> }, value: unknown): unknown {
  if (typeof value === 'string') {
    const tpl = asTemplate(value);
    if (!tpl.includes('{{') && !tpl.includes('{%')) return value;
    const key = `${ctx.node.abs_path}\0${tpl}`;
    let compiled = ctx.templateCache.get(key);
    if (!compiled) ctx.templateCache.set(key, (compiled = ctx.jinja.compile(tpl, ctx.node.abs_path, ctx.node.package_name)));
    return ctx.jinja.render(compiled, ctx.scope);
  }
  if (Array.isArray(value)) return value.map((v) => renderArgument(ctx, v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderArgument(ctx, v)]));
  }
  return value;
}
