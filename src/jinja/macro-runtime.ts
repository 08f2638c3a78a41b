/**
 * Calling a compiled macro: arguments bound as Jinja's Macro.__call__ binds them, and
 * `return(value)` (a ReturnSignal) ending the macro with that value.
 */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { ReturnSignal } from './core-globals.js';
import { tuple } from './py-types.js';
import { isKwargs } from './py-values.js';

/** An argument the caller did not pass: the body substitutes its default (or Undefined). */
export const MISSING: unique symbol = Symbol('missing');

export type MacroBody = (...args: unknown[]) => unknown;

const NO_VARARGS = tuple([]);

function typeError(message: string): TxError {
  return new TxError({ code: TxCodes.TemplateRender, message });
}

/**
 * The callable for a macro body taking (params..., varargs, kwargs, caller). Extra positional
 * arguments, unknown keywords and a caller are accepted only when the body uses
 * varargs / kwargs / caller, as in Jinja.
 */
export function makeMacro(name: string, params: readonly string[], catchVarargs: boolean, catchKwargs: boolean, catchCaller: boolean, body: MacroBody): MacroBody {
  const fn = function (this: unknown, ...args: unknown[]): unknown {
    const last = args[args.length - 1];
    let pos = args;
    let kw: Record<string, unknown> | undefined;
    if (isKwargs(last)) {
      pos = args.slice(0, -1);
      kw = { ...last };
      delete kw['__keywords'];
    }
    const values: unknown[] = new Array(params.length + 3);
    for (let i = 0; i < params.length; i++) {
      const p = params[i] ?? '';
      if (i < pos.length) values[i] = pos[i];
      else if (kw && Object.prototype.hasOwnProperty.call(kw, p)) {
        values[i] = kw[p];
        delete kw[p];
      } else values[i] = MISSING;
    }
    let caller: unknown;
    if (catchCaller && kw && 'caller' in kw) {
      caller = kw['caller'];
      delete kw['caller'];
    }
    const extra = kw ? Object.keys(kw) : [];
    if (extra.length > 0 && !catchKwargs) {
      throw typeError(
        extra.includes('caller')
          ? `macro '${name}' was invoked with two values for the special caller argument`
          : `macro '${name}' takes no keyword argument '${extra[0]}'`,
      );
    }
    if (pos.length > params.length && !catchVarargs) throw typeError(`macro '${name}' takes not more than ${params.length} argument(s)`);
    values[params.length] = pos.length > params.length ? tuple(pos.slice(params.length)) : NO_VARARGS;
    values[params.length + 1] = kw ?? {};
    values[params.length + 2] = caller;
    try {
      return body.apply(this, values);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.value;
      throw e;
    }
  };
  Object.defineProperty(fn, 'name', { value: name });
  // Jinja's Macro attributes: m.arguments, m.catch_kwargs, m.catch_varargs, m.caller.
  const attrs = { arguments: tuple(params), catch_kwargs: catchKwargs, catch_varargs: catchVarargs, caller: catchCaller };
  for (const [k, value] of Object.entries(attrs)) Object.defineProperty(fn, k, { value, configurable: true });
  return fn;
}

/** Copies Jinja's Macro attributes (see makeMacro) from one function to its wrapper. */
export function macroAttributes(fn: object, from: object): void {
  for (const k of ['arguments', 'catch_kwargs', 'catch_varargs', 'caller']) {
    const d = Object.getOwnPropertyDescriptor(from, k);
    if (d) Object.defineProperty(fn, k, { value: d.value as unknown, configurable: true });
  }}
