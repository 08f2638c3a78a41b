/**
 * One nunjucks Environment per TxJinja: the Python-semantics helpers compiled templates call as
 * `env.txXxx(...)`, a globals Proxy that resolves names dynamically (render scope, then macros,
 * then builtins), and a Template subclass compiled with TxCompiler/TxParser.
 */
import nunjucks from 'nunjucks';
import { TxCodes, TxError } from '../errors/tx-error.js';
import { Namespace, ReturnSignal } from './core-globals.js';
import { callChainHint } from './errors.js';
import { LoopContext } from './loop-context.js';
import { MISSING, makeMacro } from './macro-runtime.js';
import { nj, type NjFrame, type NjNode } from './nunjucks-internals.js';
import { iterate, member, slice, unpack } from './py-methods.js';
import { add, compare, concat, contains, div, floordiv, mod, mul, neg, pos, pow, sub } from './py-operators.js';
import { pyStr } from './py-repr.js';
import { PyFloat, isPlainObject, tuple, typeName } from './py-types.js';
import { pyEq, truthy } from './py-values.js';
import { TxCompiler } from './tx-compiler.js';
import { parseTemplate } from './tx-parser.js';
import { calledMacroNames } from './macro-source.js';

/** Resolves a global name; `undefined` result with found=false means "not a global". */
export type GlobalResolver = (name: string) => { found: boolean; value?: unknown };

type Fn = (...args: unknown[]) => unknown;
type Context = { ctx: Record<string, unknown> };
type RuntimeFrame = Omit<NjFrame, 'lookup'> & { lookup(name: string): unknown };

export class TxEnvironment extends nunjucks.Environment {
  private readonly resolveGlobal: GlobalResolver;
  private readonly extraGlobals: Record<string, unknown>;
  private readonly lenient: () => boolean;

  /**
   * `lenientUndefined`: whether the render in progress reads attributes of Undefined as
   * Undefined instead of raising (dbt's parse-time Undefined).
   */
  constructor(resolve: GlobalResolver, lenientUndefined: () => boolean = () => false) {
    super([], { autoescape: false, throwOnUndefined: false, trimBlocks: false, lstripBlocks: false, dev: true });
    // Extra globals set through addGlobal live here; the Proxy consults the resolver first.
    const extra: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    this.resolveGlobal = resolve;
    this.extraGlobals = extra;
    this.lenient = lenientUndefined;
    const self = this as unknown as { globals: Record<string, unknown> };
    self.globals = new Proxy(extra, {
      has: (t, name) => typeof name === 'string' && (resolve(name).found || name in t),
      get: (t, name) => {
        if (typeof name !== 'string') return undefined;
        const r = resolve(name);
        return r.found ? r.value : t[name];
      },
    });
  }

  /**
   * A name not bound at compile time: the runtime frame (loop, caller, varargs), then the
   * template's top-level context (skipped in macro files, see TxCompiler.macroFile), then the
   * globals. An unknown name is Undefined (JS undefined).
   */
  txName = (context: Context, frame: RuntimeFrame, name: string, macroFile: boolean): unknown => {
    const v = frame.lookup(name);
    if (v !== undefined) return v;
    if (!macroFile && Object.prototype.hasOwnProperty.call(context.ctx, name)) return context.ctx[name];
    const r = this.resolveGlobal(name);
    if (r.found) return r.value;
    return name in this.extraGlobals ? this.extraGlobals[name] : undefined;
  };

  /**
   * A failure inside a macro body: position it in the macro's file (nunjucks' 0-based
   * lineno/colno), or, when an inner frame already did, record this frame as a caller.
   */
  txLocate = (e: unknown, file: string, lineno: number, colno: number): unknown => {
    if (e instanceof ReturnSignal) return e;
    return callChainHint(e, file, lineno, colno);
  };

  txCall = (fn: unknown, name: string, context: unknown, args: unknown[]): unknown => {
    if (typeof fn === 'function') return (fn as Fn).apply(context, args);
    if (fn === undefined || fn === null) {
      // While parsing (execute false) dbt's Undefined is callable: `default.strftime()` on a
      // placeholder gives Undefined. Unknown top-level names stay errors (tx reports them early).
      if (fn === undefined && name.includes('.') && this.lenient()) return undefined;
      throw new TxError({ code: TxCodes.UnknownMacro, message: `'${name}' is undefined` });
    }
    const call = (fn as { __call__?: unknown }).__call__;
    if (typeof call === 'function') return (call as Fn).apply(fn, args);
    throw new TxError({ code: TxCodes.TemplateRender, message: `'${name}' is not callable ('${typeName(fn)}' object)` });
  };

  txTest = (name: string, context: unknown, value: unknown, args: unknown[]): boolean => {
    const test = (this as unknown as { getTest(n: string): Fn }).getTest(name);
    return truthy(test.call(context, value, ...args));
  };

  txSetAttr = (obj: unknown, key: unknown, value: unknown): void => {
    if (!(obj instanceof Namespace)) {
      throw new TxError({ code: TxCodes.TemplateRender, message: 'cannot assign attribute on non-namespace object' });
    }
    obj[pyStr(key)] = value;
  };

  txDict = (kv: unknown[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < kv.length; i += 2) out[pyStr(kv[i])] = kv[i + 1];
    return out;
  };

  /** `f(a, *args, k=v, **kwargs)`: one argument array in nunjucks' convention. */
  txSpread = (pos: unknown[], star: unknown, kw: Record<string, unknown> | null, starKw: unknown): unknown[] => {
    const out = star === null ? pos : [...pos, ...iterate(star)];
    const merged: Record<string, unknown> = { ...(kw ?? {}) };
    delete merged['__keywords'];
    if (starKw !== null && starKw !== undefined) {
      if (!isPlainObject(starKw)) throw new TxError({ code: TxCodes.TemplateRender, message: `argument after ** must be a mapping, not ${typeName(starKw)}` });
      Object.assign(merged, starKw);
    }
    return Object.keys(merged).length > 0 ? [...out, nj.runtime.makeKeywordArgs(merged)] : out;
  };

  txLoopFilter = (items: unknown[], keep: (item: unknown) => unknown): unknown[] => items.filter((x) => truthy(keep(x)));

  txMacro = makeMacro;
  txMissing = MISSING;
  LoopContext = LoopContext;
  PyFloat = PyFloat;
  txTuple = tuple;
  txIter = iterate;
  txUnpack = unpack;
  txOutput = pyStr;
  txTruthy = truthy;
  txMember = (obj: unknown, key: unknown, what: string): unknown => (obj === undefined && this.lenient() ? undefined : member(obj, key, what));
  txAttr = (obj: unknown, key: unknown, what: string): unknown => (obj === undefined && this.lenient() ? undefined : member(obj, key, what, true));
  txSlice = (obj: unknown, start: unknown, stop: unknown, step: unknown): unknown => (obj === undefined && this.lenient() ? undefined : slice(obj, start, stop, step));
  txEq = pyEq;
  txCmp = compare;
  txAnd = (a: unknown, b: () => unknown): unknown => (truthy(a) ? b() : a);
  txOr = (a: unknown, b: () => unknown): unknown => (truthy(a) ? a : b());
  txAdd = add;
  txSub = sub;
  txMul = mul;
  txDiv = div;
  txFloorDiv = floordiv;
  txMod = mod;
  txPow = pow;
  txNeg = neg;
  txPos = pos;
  txConcat = concat;
  txIn = contains;
}

/** Jinja normalises newlines to \n and drops one trailing newline (keep_trailing_newline=False). */
function jinjaSource(src: string): string {
  const s = src.includes('\r') ? src.replace(/\r\n?/g, '\n') : src;
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

interface TemplateInternals {
  env: TxEnvironment;
  tmplStr: string;
  path: string;
  blocks: unknown;
  rootRenderFunc: unknown;
  compiled: boolean;
  _getBlocks(props: unknown): unknown;
}

/** A nunjucks Template compiled by TxCompiler (nunjucks' own _compile uses its module compiler). */
export class TxNjTemplate extends nunjucks.Template {
  /** A macro file (see TxCompiler.macroFile); set before the first compile. */
  macroFile = false;
  /** What the template calls (calledMacroNames), read from the tree it was compiled from. */
  calledNames: readonly string[] = [];

  _compile(): void {
    const self = this as unknown as TemplateInternals;
    const env = self.env as unknown as { extensionsList: unknown[]; opts: unknown };
    const ast: NjNode = parseTemplate(jinjaSource(self.tmplStr), env.extensionsList, env.opts);
    if (!this.macroFile) this.calledNames = calledMacroNames(ast);
    const compiler = new TxCompiler(self.path, false);
    compiler.macroFile = this.macroFile;
    compiler.compile(ast);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const props = new Function(compiler.getCode())() as { root: unknown };
    self.blocks = self._getBlocks(props);
    self.rootRenderFunc = props.root;
    self.compiled = true;
  }
}
