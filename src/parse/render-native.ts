/**
 * dbt's `get_rendered(value, ctx, native=True)` for YAML strings (generic test configs): a
 * template that is a single `{{ expression }}` yields the expression's value as it is (a
 * number, a boolean, a list; `none` drops the key), anything else renders to text. dbt's
 * quoted_native_concat does the same: one output node is returned untouched, several are
 * joined into a string.
 */
import type { Scope, TxJinja } from '../jinja/tx-jinja.js';
import { PyFloat } from '../jinja/py-types.js';
import { isSafeString } from '../jinja/nunjucks-internals.js';
import { hasJinja } from '../project/dbt-project.js';

/** `{{ expr }}` and nothing else (whitespace-control dashes allowed). */
const SINGLE_EXPRESSION = /^\{\{-?((?:(?!\{\{|\}\}|\{%|\{#).)*?)-?\}\}$/s;

export function renderNative(jinja: TxJinja, source: string, absPath: string, scope: Scope, packageName?: string): unknown {
  if (!hasJinja(source)) return source;
  const single = SINGLE_EXPRESSION.exec(source);
  if (!single) return jinja.renderString(source, absPath, scope, packageName);
  let value: unknown;
  const capture = (v: unknown) => ((value = v), '');
  jinja.renderString(`{{ __tx_native_value((${single[1]!})) }}`, absPath, { ...scope, __tx_native_value: capture }, packageName);
  return plain(value);
}

/** Python values as JSON-able JS: floats unboxed, markup strings as plain strings, undefined as null. */
function plain(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof PyFloat) return v.value;
  if (isSafeString(v)) return String(v);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}
