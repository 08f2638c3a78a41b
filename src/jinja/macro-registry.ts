/**
 * Registered macros by package, with dbt's resolution rules: a bare name looks in the
 * calling package, then the root package, then the internal package; adapter.dispatch
 * tries `<adapter>__name`, parents, then `default__name` in each searched package.
 */
import { TxCodes, TxError } from '../errors/tx-error.js';

export type MacroFn = (...args: unknown[]) => unknown;

export interface MacroDefinition {
  name: string;
  packageName: string;
  absPath: string;
  line: number;
  /** 'macro' | 'test' | 'materialization' */
  kind: string;
  argNames: string[];
  source: string;
  calledMacros: string[];
}

export interface RegistryOptions {
  rootPackage: string;
  internalPackage: string;
  adapterType: string;
  adapterParents: string[];
  dispatchOrder: { macro_namespace: string; search_order: string[] }[];
}

export class MacroRegistry {
  private readonly byPackage = new Map<string, Map<string, { def: MacroDefinition; fn: MacroFn }>>();

  constructor(private readonly opts: RegistryOptions) {}

  add(def: MacroDefinition, fn: MacroFn): void {
    let pkg = this.byPackage.get(def.packageName);
    if (!pkg) this.byPackage.set(def.packageName, (pkg = new Map()));
    const prev = pkg.get(def.name);
    if (prev) {
      throw new TxError({
        code: TxCodes.DuplicateName,
        message: `macro '${def.name}' is defined twice in package '${def.packageName}': ${prev.def.absPath}:${prev.def.line} and ${def.absPath}:${def.line}`,
        loc: { file: def.absPath, line: def.line, col: 1 },
      });
    }
    pkg.set(def.name, { def, fn });
  }

  hasPackage(name: string): boolean {
    return this.byPackage.has(name);
  }

  inPackage(name: string, pkg: string): MacroFn | undefined {
    return this.byPackage.get(pkg)?.get(name)?.fn;
  }

  /**
   * A bare name: the calling package, then the root project, then the internal package.
   * Internal macros see root-project overrides first (dbt's global namespace precedes them).
   */
  resolve(name: string, pkg?: string): MacroFn | undefined {
    const { rootPackage, internalPackage } = this.opts;
    return (
      (pkg !== undefined && pkg !== internalPackage ? this.inPackage(name, pkg) : undefined) ??
      this.inPackage(name, rootPackage) ??
      this.inPackage(name, internalPackage)
    );
  }

  /** Macro names a bare name can reach from a package (its own, the root project's, the internal ones). */
  namesVisible(pkg: string | undefined): string[] {
    const names = new Set<string>();
    for (const p of [pkg, this.opts.rootPackage, this.opts.internalPackage]) for (const n of (p === undefined ? undefined : this.byPackage.get(p))?.keys() ?? []) names.add(n);
    return [...names];
  }

  /**
   * dbt's materialization lookup (`materialization_<name>_<adapter>`): the most specific adapter
   * first (the adapter, its parents, then default); for each, the root project, then the
   * other packages, then dbt's own. `rootOnly` searches the root project alone.
   */
  materialization(name: string, rootOnly = false): { fn: MacroFn; packageName: string; adapter: string } | undefined {
    const { rootPackage, internalPackage, adapterType, adapterParents } = this.opts;
    const others = [...this.byPackage.keys()].filter((p) => p !== rootPackage && p !== internalPackage).sort();
    const packages = rootOnly ? [rootPackage] : [rootPackage, ...others, internalPackage];
    for (const adapter of [adapterType, ...adapterParents, 'default']) {
      for (const pkg of packages) {
        const fn = this.inPackage(`materialization_${name}_${adapter}`, pkg);
        if (fn) return { fn, packageName: pkg, adapter };
      }
    }
    return undefined;
  }

  /** Names reachable through a package's namespace object (`dbt.x` includes root overrides). */
  namesInNamespace(pkg: string): string[] {
    const names = new Set(this.byPackage.get(pkg)?.keys() ?? []);
    if (pkg === this.opts.internalPackage) for (const n of this.byPackage.get(this.opts.rootPackage)?.keys() ?? []) names.add(n);
    return [...names];
  }

  /** `dbt.x` resolves a root-project override before the internal macro, as dbt does. */
  resolveInNamespace(name: string, pkg: string): MacroFn | undefined {
    if (pkg === this.opts.internalPackage) return this.inPackage(name, this.opts.rootPackage) ?? this.inPackage(name, pkg);
    return this.inPackage(name, pkg);
  }

  /**
   * Packages adapter.dispatch searches, as dbt's _get_search_packages: the `dispatch:` search
   * order configured for the namespace; else the root project then the namespace when it is a
   * known package (dbt's internal one included); else (no namespace, or an unknown one) the
   * calling node's own namespace: its package, the root project, dbt.
   */
  searchPackages(namespace: string | undefined, callerPackage?: string): string[] {
    const { rootPackage, internalPackage, dispatchOrder } = this.opts;
    let order: string[];
    const configured = namespace === undefined ? undefined : dispatchOrder.find((d) => d.macro_namespace === namespace)?.search_order;
    if (configured) order = configured;
    else if (namespace !== undefined && (this.byPackage.has(namespace) || namespace === internalPackage || namespace === rootPackage)) order = [rootPackage, namespace];
    else order = [...(callerPackage && callerPackage !== internalPackage ? [callerPackage] : []), rootPackage, internalPackage];
    return [...new Set(order)];
  }

  dispatch(name: string, namespace: string | undefined, callerPackage?: string): MacroFn {
    const prefixes = [this.opts.adapterType, ...this.opts.adapterParents, 'default'];
    const searched: string[] = [];
    for (const pkg of this.searchPackages(namespace, callerPackage)) {
      for (const prefix of prefixes) {
        const candidate = `${prefix}__${name}`;
        searched.push(`${pkg}.${candidate}`);
        const fn = this.inPackage(candidate, pkg);
        if (fn) return fn;
      }
    }
    throw new TxError({
      code: TxCodes.UnknownMacro,
      message: `In dispatch: No macro named '${name}' found within namespace: '${namespace ?? 'None'}'\n    Searched for: ${searched.map((s) => `'${s}'`).join(', ')}`,
    });
  }

  /** unique_ids of the macros one called name (see calledMacroNames) can reach; names that are no macro give none. */
  idsFor(called: string, callerPackage: string): string[] {
    const id = (pkg: string, name: string): string[] => (this.byPackage.get(pkg)?.has(name) ? [`macro.${pkg}.${name}`] : []);
    if (called.startsWith('adapter.dispatch:')) {
      const [, name = '', ns = ''] = called.split(':');
      const prefixes = [this.opts.adapterType, ...this.opts.adapterParents, 'default'];
      // The candidate dispatch would pick in each searched package (dbt records every package's).
      return this.searchPackages(ns === '' ? undefined : ns, callerPackage).flatMap((pkg) => {
        for (const prefix of prefixes) {
          const hit = id(pkg, `${prefix}__${name}`);
          if (hit.length > 0) return hit;
        }
        return [];
      });
    }
    const dot = called.indexOf('.');
    if (dot > 0) {
      const pkg = called.slice(0, dot);
      const name = called.slice(dot + 1);
      if (pkg === this.opts.internalPackage) return [...id(this.opts.rootPackage, name), ...id(pkg, name)].slice(0, 1);
      return id(pkg, name);
    }
    const { rootPackage, internalPackage } = this.opts;
    for (const pkg of [callerPackage !== internalPackage ? callerPackage : undefined, rootPackage, internalPackage]) {
      if (pkg !== undefined && this.byPackage.get(pkg)?.has(called)) return [`macro.${pkg}.${called}`];
    }
    return [];
  }

  all(): MacroDefinition[] {
    const out: MacroDefinition[] = [];
    for (const pkg of this.byPackage.values()) for (const { def } of pkg.values()) out.push(def);
    return out.sort((a, b) => (a.packageName + '.' + a.name < b.packageName + '.' + b.name ? -1 : 1));
  }
}
