/**
 * One nunjucks Environment per TxJinja: Python-semantics helpers that compiled templates
 * call as `env.txXxx(...)`, a globals Proxy that resolves names dynamically (render scope,
 * then macros, then builtins), and a Template subclass compiled with TxCompiler/TxParser.
 */
import nunjucks from 'nunjucks';
import { TxCodes, TxError } from '../errors/tx-error.js';
import { ReturnSignal } from './core-globals.js';
import { callChainHint } from './errors.js';
import { nj, type NjFrame, type NjNode } from './nunjucks-internals.js';
import { member, slice, toList } from './py-methods.js';
import { asString, isPlainObject, pyEq, pyStr, truthy } from './py-values.js';
import { pyPercent } from './py-percent.js';
import { TxCompiler } from './tx-compiler.js';
import { parseTemplate } from './tx-parser.js';

/** Resolves a global name; `undefined` result with found=false means "not a global". */
export type GlobalResolver = (name: string) => { found: boolean; value?: unknown };

type Fn = (...args: unknown[]) => unknown;

type Context = { ctx: Record<string, unknown> };
type RuntimeFrame = NjFrame & { lookup(name: string): unknown; variables: Record<string, unknown> };

/** Keys nunjucks or tx put in a macro's kwargs object that are not user keyword arguments. */
const INTERNAL_KWARGS = new Set(['__keywords', 'caller', '__txVarargs']);

function hasDunder(v: unknown, name: string): v is Record<string, Fn> {
  return typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)[name] === 'function';
}

export class TxEnvironment extends nunjucks.Environment {
  private readonly resolveGlobal: GlobalResolver;
  private readonly extraGlobals: Record<string, unknown>;

  constructor(resolve: GlobalResolver) {
    super([], { autoescape: false, throwOnUndefined: false, trimBlocks: false, lstripBlocks: false, dev: true });
    // Extra globals set through addGlobal live here; the Proxy consults the resolver first.
    const extra: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    this.resolveGlobal = resolve;
    this.extraGlobals = extra;
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
   * globals. `strict` (attribute access) raises on a name that is not defined at all.
   */
  txName = (context: Context, frame: RuntimeFrame, name: string, macroFile: boolean, strict: boolean): unknown => {
    const v = frame.lookup(name);
    if (v !== undefined) return v;
    if (!macroFile && Object.prototype.hasOwnProperty.call(context.ctx, name)) return context.ctx[name];
    const r = this.resolveGlobal(name);
    if (r.found) return r.value;
    if (name in this.extraGlobals) return this.extraGlobals[name];
    if (strict) throw new TxError({ code: TxCodes.UndefinedVar, message: `'${name}' is undefined` });
    return undefined;
  };

  /** Jinja's loop.cycle(...) on nunjucks' loop object. */
  txLoopExtras = (frame: RuntimeFrame): void => {
    const loop = frame.variables['loop'] as { index0: number } | undefined;
    if (loop) (loop as Record<string, unknown>)['cycle'] = (...args: unknown[]) => (args.length ? args[loop.index0 % args.length] : undefined);
  };

  /** Extra positional arguments (beyond the declared ones) travel to the body as `varargs`. */
  txMacroArgs = (fn: Fn, declared: number): Fn =>
    function (this: unknown, ...args: unknown[]): unknown {
      const last = args[args.length - 1] as Record<string, unknown> | undefined;
      const hasKw = typeof last === 'object' && last !== null && Object.prototype.hasOwnProperty.call(last, '__keywords');
      const pos = hasKw ? args.slice(0, -1) : args;
      if (pos.length <= declared) return fn.apply(this, args);
      const kw = nj.runtime.makeKeywordArgs({ ...(hasKw ? last : {}), __txVarargs: pos.slice(declared) });
      return fn.apply(this, [...pos.slice(0, declared), kw]);
    };
  txVarargs = (kwargs: Record<string, unknown>): unknown[] => (Array.isArray(kwargs['__txVarargs']) ? kwargs['__txVarargs'] : []);
  txExtraKwargs = (kwargs: Record<string, unknown>, declared: string[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(kwargs)) if (!INTERNAL_KWARGS.has(k) && !declared.includes(k)) out[k] = v;
    return out;
  };

  /**
   * A failure inside a macro body: position it in the macro's file (nunjucks' 0-based
   * lineno/colno), or, when an inner frame already did, record this frame as a caller.
   */
  txLocate = (e: unknown, file: string, lineno: number, colno: number): unknown => {
    if (e instanceof ReturnSignal) return e;
    return callChainHint(e, file, lineno, colno);
  };

  txOutput = (v: unknown): string => pyStr(v);
  txTruthy = truthy;
  txMember = member;
  txSlice = slice;
  txEq = pyEq;
  txAnd = (a: unknown, b: () => unknown): unknown => (truthy(a) ? b() : a);
  txOr = (a: unknown, b: () => unknown): unknown => (truthy(a) ? a : b());

  /** `for x in d` iterates a dict's keys, as Python does (nunjucks would skip the loop). */
  txIter = (v: unknown): unknown => (Array.isArray(v) || typeof v === 'string' ? v : toList(v));
  /** `for k, v in obj` keeps nunjucks' key/value iteration over plain objects. */
  txPairIter = (v: unknown): unknown => (isPlainObject(v) || Array.isArray(v) ? v : toList(v));

  txCall = (fn: unknown, name: string, context: unknown, args: unknown[]): unknown => {
    if (fn === undefined || fn === null) {
      throw new TxError({ code: TxCodes.UnknownMacro, message: `'${name}' is undefined` });
    }
    if (typeof fn !== 'function') {
      throw new TxError({ code: TxCodes.TemplateRender, message: `'${name}' is not callable` });
    }
    return (fn as Fn).apply(context, args);
  };

  txAdd = (a: unknown, b: unknown): unknown => {
    if (hasDunder(a, '__add__')) return a['__add__']!(b);
    if (hasDunder(b, '__radd__')) return b['__radd__']!(a);
    if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    const sa = asString(a);
    const sb = asString(b);
    if (sa !== undefined && sb !== undefined) return sa + sb;
    if (sa !== undefined || sb !== undefined) {
      throw new TxError({ code: TxCodes.TemplateRender, message: `unsupported operand types for +: ${pyStr(a)} and ${pyStr(b)}` });
    }
    return (a as number) + (b as number);
  };
  txSub = (a: unknown, b: unknown): unknown => (hasDunder(a, '__sub__') ? a['__sub__']!(b) : (a as number) - (b as number));
  txMul = (a: unknown, b: unknown): unknown => {
    const rep = (s: unknown, n: unknown): unknown => {
      const str = asString(s);
      if (str !== undefined) return str.repeat(Math.max(0, Number(n)));
      if (Array.isArray(s)) return Array.from({ length: Math.max(0, Number(n)) }, () => s).flat();
      return undefined;
    };
    return rep(a, b) ?? rep(b, a) ?? (a as number) * (b as number);
  };
  txMod = (a: unknown, b: unknown): unknown => {
    const s = asString(a);
    return s !== undefined ? pyPercent(s, b) : (((a as number) % (b as number)) + (b as number)) % (b as number);
  };
  txConcat = (a: unknown, b: unknown): string => pyStr(a) + pyStr(b);

  /** Python `in`: substring, list membership, dict key. */
  txIn = (needle: unknown, hay: unknown): boolean => {
    const s = asString(hay);
    if (s !== undefined) return s.includes(pyStr(needle));
    if (Array.isArray(hay)) return hay.some((x) => pyEq(x, needle));
    if (hay instanceof Map || hay instanceof Set) return hay.has(needle);
    if (typeof hay === 'object' && hay !== null) return pyStr(needle) in hay;
    if (hay === undefined || hay === null) {
      throw new TxError({ code: TxCodes.TemplateRender, message: `argument of type 'NoneType' is not iterable` });
    }
    return false;
  };

  txSetAttr = (obj: unknown, key: unknown, value: unknown): void => {
    if (typeof obj !== 'object' || obj === null) {
      throw new TxError({ code: TxCodes.TemplateRender, message: `cannot assign attribute '${pyStr(key)}' on ${pyStr(obj)}` });
    }
    (obj as Record<string, unknown>)[pyStr(key)] = value;
  };
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

  _compile(): void {
    const self = this as unknown as TemplateInternals;
    const env = self.env as unknown as { extensionsList: unknown[]; opts: unknown };
    const ast: NjNode = parseTemplate(self.tmplStr, env.extensionsList, env.opts);
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

/** `{% do expr %}`: evaluate for side effects, output nothing. A fresh object per environment
 * because nunjucks' addExtension writes its name onto the extension. */
export const createDoExtension = () => ({
  tags: ['do'],
  parse(this: object, parser: { nextToken(): { value: string; lineno: number; colno: number }; parseExpression(): unknown; advanceAfterBlockEnd(n: string): void }, nodes: Record<string, new (...a: unknown[]) => unknown>): unknown {
    const tok = parser.nextToken();
    const expr = parser.parseExpression();
    parser.advanceAfterBlockEnd(tok.value);
    return new nodes['CallExtension']!(this, 'run', new nodes['NodeList']!(tok.lineno, tok.colno, [expr]));
  },
  run(): string {
    return '';
  },
});
