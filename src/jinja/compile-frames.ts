/**
 * Compile-time frames: nunjucks maps a name to the JS variable that holds it (loop variables,
 * macro arguments). Jinja scopes assignments to the enclosing loop iteration, macro or with
 * block, so lookups for writing stop at such a scope boundary (an isolateWrites frame).
 */
import type { NjCompiler, NjFrame, NjNode, NjNodeList } from './nunjucks-internals.js';

/** What the tx compile helpers need from TxCompiler. */
export interface TxCompilerApi extends NjCompiler {
  readonly macroFile: boolean;
  /** Enclosing loops of the code being compiled: the JS variable holding each loop's frame. */
  loops: { frameVar: string }[];
  expr(node: NjNode, frame: NjFrame): void;
}

/** The JS id bound to `name` in the current scope only. */
export function scopeLookup(frame: NjFrame, name: string): string | undefined {
  for (let f: NjFrame | null = frame; f; f = f.parent) {
    const id = f.variables[name];
    if (id !== undefined) return id;
    if (f.isolateWrites) return undefined;
  }
  return undefined;
}

/** A run-time lookup of `name` through the frames, context and globals. */
export function runtimeLookup(c: TxCompilerApi, name: string): string {
  return `env.txName(context, frame, ${JSON.stringify(name)}, ${c.macroFile})`;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/**
 * Assign `value` (a JS expression, evaluated once by the caller) to `name` in the current scope,
 * as `{% set %}` does: the run-time frame, the top-level context and exports, and the JS
 * variable when the name is compiled to one in this scope. A name compiled to a variable of an
 * outer scope is shadowed: later reads in this scope look it up at run time instead.
 */
export function assignName(c: TxCompilerApi, frame: NjFrame, name: string, value: string): void {
  const id = scopeLookup(frame, name);
  if (id !== undefined && IDENT.test(id)) c._emitLine(`${id} = ${value};`);
  else if (frame.lookup(name) !== undefined) frame.set(name, runtimeLookup(c, name));
  const q = JSON.stringify(name);
  c._emitLine(`frame.set(${q}, ${value}, true);`);
  const exp = name.startsWith('_') ? '' : ` context.addExport(${q}, ${value});`;
  c._emitLine(`if (frame.topLevel) { context.setVariable(${q}, ${value});${exp} }`);
}

/**
 * Assigns the JS expression `value` to a target with `bind` (assignName for `set`, bindName for
 * loop variables): a name; `(x)`, which is x itself; a tuple `a, (b, c)`, unpacked recursively.
 * Anything else fails (only `set` can get here: the parser checks loop targets).
 */
export function bindTarget(c: TxCompilerApi, frame: NjFrame, t: NjNode, value: string, bind: typeof assignName): void {
  if (t.typename === 'Symbol') return bind(c, frame, String(t['value']), value);
  const parts = (t as NjNodeList).children ?? [];
  if (t.typename === 'Group' && parts.length === 1) return bindTarget(c, frame, parts[0] as NjNode, value, bind);
  if (t.typename !== 'TxTuple' && t.typename !== 'Group' && t.typename !== 'Array') c.fail('set: can only assign to names or namespace attributes', t.lineno, t.colno);
  unpackTargets(c, frame, parts, value, bind);
}

/** `a, b = value`: unpacks `value` into as many targets (see bindTarget). */
export function unpackTargets(c: TxCompilerApi, frame: NjFrame, targets: NjNode[], value: string, bind: typeof assignName): void {
  const vals = c._tmpid();
  c._emitLine(`var ${vals} = env.txUnpack(${value}, ${targets.length});`);
  targets.forEach((t, i) => bindTarget(c, frame, t, `${vals}[${i}]`, bind));
}

/** Bind a fresh name in a new scope frame (loop targets, with targets, macro arguments). */
export function bindName(c: TxCompilerApi, frame: NjFrame, name: string, value: string): void {
  const id = c._tmpid();
  c._emitLine(`var ${id} = ${value};`);
  c._emitLine(`frame.set(${JSON.stringify(name)}, ${id});`);
  frame.set(name, id);
}
