/**
 * The dbt-compatible Jinja layer: one nunjucks Environment per instance, macro registration,
 * dbt's dynamic scope (a macro sees the calling node's `this`, `ref`, `config`...), dispatch,
 * and positioned TxErrors.
 */
import { TxCodes, TxError, isTxError } from '../errors/tx-error.js';
import { coreGlobals } from './core-globals.js';
import { toTxError } from './errors.js';
import type { SourceLoc } from '../errors/tx-error.js';
import { registerFilters } from './filters.js';
import { registerTests } from './jinja-tests.js';
import { describeMacros, macroSpans } from './macro-source.js';
import { macroAttributes } from './macro-runtime.js';
import { MacroRegistry, type MacroDefinition, type MacroFn } from './macro-registry.js';
import { isSafeString, nj } from './nunjucks-internals.js';
import { PyFloat } from './py-types.js';
import { TxEnvironment, TxNjTemplate } from './tx-environment.js';
import { parseTemplate } from './tx-parser.js';

export type { MacroDefinition, MacroFn } from './macro-registry.js';
export { extractDocBlocks, type DocBlock } from './doc-blocks.js';
export { splitArgs, isKwargs } from './py-values.js';

export type Scope = Record<string, unknown>;

export interface TxTemplate {
  readonly absPath: string;
}

interface TemplateHandle extends TxTemplate {
  readonly packageName: string;
  readonly impl: TxNjTemplate;
}

export interface TxJinjaOptions {
  rootPackage: string;
  adapterType: string;
  adapterParents?: string[];
  dispatchOrder?: { macro_namespace: string; search_order: string[] }[];
  internalPackage?: string;
  /** Extra globals consulted after scope and macros (typically createBuiltins()). */
  globals?: Record<string, unknown>;
}

/** Target of a package namespace Proxy; a class instance so it is not mistaken for a dict. */
class MacroNamespace {}

type Renderable = { render(ctx: object): string; compile(): void; getExported(cb: (err: unknown, exp: Record<string, unknown>) => void): void };

export class TxJinja {
  private readonly env: TxEnvironment;
  private readonly registry: MacroRegistry;
  private readonly scopes: Scope[] = [];
  private readonly packages: string[] = [];
  private readonly core: Record<string, unknown> = {
    ...coreGlobals(),
    // dbt's render(string): the string rendered as a template in the current render's context.
    render: (src: unknown) => this.renderString(String(src ?? ''), '<render>', this.scopes[this.scopes.length - 1] ?? {}, this.packages[this.packages.length - 1]),
  };
  private readonly extraGlobals: Record<string, unknown>;
  private readonly namespaces = new Map<string, Record<string, unknown>>();
  private readonly rootPackage: string;
  private readonly internalPackage: string;
  /** dbt's `context` object of each render scope (see contextObject). */
  private readonly contexts = new WeakMap<Scope, Record<string, unknown>>();
  /** While set (see trackMacroCalls), every macro called records its unique_id here. */
  private macroSink: Set<string> | undefined;

  constructor(opts: TxJinjaOptions) {
    this.rootPackage = opts.rootPackage;
    this.internalPackage = opts.internalPackage ?? 'dbt';
    this.extraGlobals = opts.globals ?? {};
    this.registry = new MacroRegistry({
      rootPackage: opts.rootPackage,
      internalPackage: this.internalPackage,
      adapterType: opts.adapterType,
      adapterParents: opts.adapterParents ?? [],
      dispatchOrder: opts.dispatchOrder ?? [],
    });
    // While dbt parses (execute is false) attributes of Undefined are Undefined, not errors.
    this.env = new TxEnvironment((name) => this.lookupGlobal(name), () => this.scopes[this.scopes.length - 1]?.['execute'] === false);
    registerFilters(this.env as unknown as Parameters<typeof registerFilters>[0]);
    registerTests(this.env as unknown as Parameters<typeof registerTests>[0]);
  }

  /** Name resolution for anything not set locally: scope, macros, package namespaces, globals. */
  private lookupGlobal(name: string): { found: boolean; value?: unknown } {
    const scope = this.scopes[this.scopes.length - 1];
    if (scope && Object.prototype.hasOwnProperty.call(scope, name)) return { found: true, value: scope[name] };
    if (name === 'context') return { found: true, value: this.contextObject(scope ?? {}, this.packages[this.packages.length - 1]) };
    const macro = this.registry.resolve(name, this.packages[this.packages.length - 1]);
    if (macro) return { found: true, value: macro };
    if (name === this.internalPackage || this.registry.hasPackage(name)) return { found: true, value: this.packageNamespace(name) };
    if (Object.prototype.hasOwnProperty.call(this.extraGlobals, name)) return { found: true, value: this.extraGlobals[name] };
    if (Object.prototype.hasOwnProperty.call(this.core, name)) return { found: true, value: this.core[name] };
    return { found: false };
  }

  /**
   * dbt's `context`: a mapping of every context member by name (`context['project_name']`,
   * `context.get('my_macro')`, `context[name](...)`), resolved as a bare name would be.
   */
  private contextObject(scope: Scope, pkg: string | undefined): Record<string, unknown> {
    let ctx = this.contexts.get(scope);
    if (ctx) return ctx;
    const find = (k: string | symbol): { found: boolean; value?: unknown } => {
      if (typeof k !== 'string' || k === 'context') return { found: k === 'context', value: ctx };
      this.scopes.push(scope);
      if (pkg !== undefined) this.packages.push(pkg);
      try {
        return this.lookupGlobal(k);
      } finally {
        this.scopes.pop();
        if (pkg !== undefined) this.packages.pop();
      }
    };
    const keys = () => [...new Set([...Object.keys(scope), ...Object.keys(this.extraGlobals), ...this.registry.namesVisible(pkg), 'context'])];
    ctx = new Proxy({} as Record<string, unknown>, {
      has: (_t, k) => find(k).found,
      get: (_t, k) => find(k).value,
      ownKeys: () => keys(),
      getOwnPropertyDescriptor: (_t, k) => {
        const r = find(k);
        return r.found ? { value: r.value, enumerable: true, configurable: true, writable: false } : undefined;
      },
    });
    this.contexts.set(scope, ctx);
    return ctx;
  }

  private withScope<T>(scope: Scope, pkg: string | undefined, fn: () => T): T {
    this.scopes.push(scope);
    if (pkg !== undefined) this.packages.push(pkg);
    try {
      return fn();
    } finally {
      this.scopes.pop();
      if (pkg !== undefined) this.packages.pop();
    }
  }

  addMacroFile(packageName: string, absPath: string, source: string): MacroDefinition[] {
    const spans = macroSpans(source);
    let described;
    const impl = new TxNjTemplate(source, this.env, absPath, false);
    impl.macroFile = true;
    try {
      described = describeMacros(parseTemplate(source, [], {}));
      (impl as unknown as Renderable).compile();
    } catch (e) {
      throw toTxError(e, absPath, 'syntax', endOfFile(source, absPath));
    }
    let exported: Record<string, unknown> = {};
    try {
      this.withScope({}, packageName, () =>
        (impl as unknown as Renderable).getExported((err, exp) => {
          if (err) throw err;
          exported = exp;
        }),
      );
    } catch (e) {
      throw toTxError(e, absPath, 'render');
    }
    const defs: MacroDefinition[] = [];
    for (const d of described) {
      const span = spans.find((s) => s.name === d.name);
      const inner = exported[d.name];
      if (typeof inner !== 'function') continue;
      const def: MacroDefinition = {
        name: d.name,
        packageName,
        absPath,
        line: span?.line ?? 1,
        kind: span?.kind ?? 'macro',
        argNames: d.argNames,
        source: span?.source ?? '',
        calledMacros: d.calledMacros,
      };
      this.registry.add(def, this.wrapMacro(inner as MacroFn, `macro.${packageName}.${d.name}`));
      defs.push(def);
    }
    return defs;
  }

  /**
   * Records the call (depends_on.macros). As in dbt, a macro runs in the calling node's context:
   * the names it uses resolve from the node's package (then the root project, then dbt), not
   * from the package that defines the macro, which is why packages call their own macros as
   * `pkg.name(...)` (the macro itself handles return()).
   */
  private wrapMacro(inner: MacroFn, uniqueId: string): MacroFn {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const engine = this;
    const fn = function (this: unknown, ...args: unknown[]): unknown {
      engine.macroSink?.add(uniqueId);
      return inner.apply(this, args);
    };
    Object.defineProperty(fn, 'name', { value: inner.name });
    macroAttributes(fn, inner);
    return fn;
  }

  compile(source: string, absPath: string, packageName?: string): TxTemplate {
    const impl = new TxNjTemplate(source, this.env, absPath, false);
    try {
      (impl as unknown as Renderable).compile();
    } catch (e) {
      // nunjucks gives no position for "unexpected end of file": point at the last line.
      throw toTxError(e, absPath, 'syntax', endOfFile(source, absPath));
    }
    const handle: TemplateHandle = { absPath, packageName: packageName ?? this.rootPackage, impl };
    return handle;
  }

  render(tpl: TxTemplate, scope: Scope): string {
    const h = tpl as TemplateHandle;
    if (!(h.impl instanceof TxNjTemplate)) throw new TxError({ code: TxCodes.Internal, message: 'render() needs a template from compile()' });
    try {
      return this.withScope(scope, h.packageName, () => (h.impl as unknown as Renderable).render({}));
    } catch (e) {
      throw toTxError(e, h.absPath, 'render');
    }
  }

  renderString(source: string, absPath: string, scope: Scope, packageName?: string): string {
    return this.render(this.compile(source, absPath, packageName), scope);
  }

  /** Runs `fn` (a parse-time render) and returns the unique_ids of the macros it called, nested calls included. */
  trackMacroCalls<T>(fn: () => T): { value: T; macros: Set<string> } {
    const outer = this.macroSink;
    const macros = new Set<string>();
    this.macroSink = macros;
    try {
      return { value: fn(), macros };
    } finally {
      if (outer) for (const m of macros) outer.add(m);
      this.macroSink = outer;
    }
  }

  /** A name as templates see it when nothing local shadows it (a macro, a package namespace or a builtin). */
  globalValue(name: string): unknown {
    return this.lookupGlobal(name).value;
  }

  /** Names a template calls (`f()`, `pkg.f()`, `adapter.dispatch('f', 'ns')`), read from its syntax tree. */
  calledNames(tpl: TxTemplate): readonly string[] {
    return (tpl as TemplateHandle).impl.calledNames;
  }

  /**
   * The macro unique_ids the names a template or macro calls resolve to, for `depends_on.macros`:
   * bare names as the caller's package resolves them, `pkg.name` in that package, and each
   * dispatch's candidates (`<adapter>__name`, `default__name`) that exist.
   */
  macroIdsFor(names: readonly string[], callerPackage: string): string[] {
    const out = new Set<string>();
    for (const name of names) for (const id of this.registry.idsFor(name, callerPackage)) out.add(id);
    return [...out].sort();
  }

  /** A `{% materialization %}` macro as dbt finds one (see MacroRegistry.materialization). */
  findMaterialization(name: string, rootOnly = false): { fn: MacroFn; packageName: string; adapter: string } | undefined {
    return this.registry.materialization(name, rootOnly);
  }

  resolveMacro(name: string, packageName?: string): MacroFn | undefined {
    return this.registry.resolve(name, packageName);
  }

  dispatch(name: string, namespace?: string): MacroFn {
    return this.registry.dispatch(name, namespace, this.packages[this.packages.length - 1]);
  }

  /** Calls a macro in a scope; `packageName` is the node's package (where bare names resolve first). */
  callMacro(fn: MacroFn, args: unknown[], kwargs: Record<string, unknown>, scope: Scope, packageName?: string): unknown {
    const all = Object.keys(kwargs).length > 0 ? [...args, nj.runtime.makeKeywordArgs({ ...kwargs })] : args;
    let out: unknown;
    try {
      out = this.withScope(scope, packageName, () => fn(...all));
    } catch (e) {
      if (isTxError(e)) throw e;
      throw toTxError(e, '', 'render');
    }
    // Values leave the engine as plain JS: a whole float is a number again.
    return isSafeString(out) ? out.val : out instanceof PyFloat ? out.value : out;
  }

  packageNamespace(packageName: string): Record<string, unknown> {
    let ns = this.namespaces.get(packageName);
    if (!ns) {
      const registry = this.registry;
      const find = (k: string | symbol) => (typeof k === 'string' ? registry.resolveInNamespace(k, packageName) : undefined);
      ns = new Proxy(new MacroNamespace() as Record<string, unknown>, {
        has: (_t, k) => find(k) !== undefined,
        get: (_t, k) => find(k),
        ownKeys: () => registry.namesInNamespace(packageName),
        getOwnPropertyDescriptor: (_t, k) => {
          const value = find(k);
          return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: false };
        },
      });
      this.namespaces.set(packageName, ns);
    }
    return ns;
  }

  macros(): MacroDefinition[] {
    return this.registry.all();
  }
}

function endOfFile(source: string, file: string): SourceLoc {
  const lines = source.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return { file, line: lines.length, col: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
