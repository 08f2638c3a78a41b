import { didYouMeanHint } from '../util/did-you-mean.js';
import { TxCodes, TxError } from '../errors/tx-error.js';
import type { GraphMember } from '../graph/types.js';
import { compileFnmatch } from './fnmatch.js';
import { compileFqnMatcher } from './fqn-match.js';
import { compileExactPathGlob, compilePathGlob } from './path-glob.js';
import type { SelectionAtom } from './spec.js';
import type { StateMethods } from '../state/state-checks.js';
import { STATE_SELECTORS } from '../state/state-checks.js';

/** Decides, node by node, whether an atom's method:value matches (before +/@ expansion). */
export type NodePredicate = (node: GraphMember) => boolean;

export interface MethodEnv {
  /** The root project's name, for `package:this`. */
  projectName: string;
  /** `state:` and `result:` against --state's artifacts; absent without --state. */
  state?: StateMethods;
  /** `source_status:` reads two sources.json files; called only when that method is used. */
  sourceFreshness?: () => SourceFreshnessStates;
}

/** max_loaded_at (µs since the epoch) by source unique_id; checks that errored are absent. */
export interface SourceFreshnessStates {
  /** The --state folder's sources.json. */
  previous: ReadonlyMap<string, bigint>;
  /** This project's target/sources.json (the latest `source freshness`). */
  current: ReadonlyMap<string, bigint>;
}

type MethodImpl = (atom: SelectionAtom, env: MethodEnv) => NodePredicate;

const nothing: NodePredicate = () => false;

/** Where a node's file or a glob could live; dbt tests sources against their yml file. */
function basename(p: string): string {
  const n = p.replace(/\\/g, '/');
  return n.slice(n.lastIndexOf('/') + 1);
}

function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** dbt's `_getattr_descend` over config: dotted keys walk into nested mappings. */
function descend(value: unknown, keys: readonly string[]): { found: boolean; value: unknown } {
  let v = value;
  for (const k of keys) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return { found: false, value: undefined };
    v = (v as Record<string, unknown>)[k];
  }
  return { found: true, value: v };
}

/**
 * dbt compares the selector string with the config value, plus `true`/`false` (any case) for
 * booleans. tx also accepts numbers by their decimal text (`config.batch_size:100`), which
 * dbt's plain `==` cannot match; a harmless superset asked for by our own CLI users.
 */
function scalarEquals(selector: string, value: unknown, caseInsensitive: boolean): boolean {
  if (typeof value === 'string') return caseInsensitive ? value.toLowerCase() === selector.toLowerCase() : value === selector;
  if (typeof value === 'boolean') return selector.toLowerCase() === String(value);
  if (typeof value === 'number') return String(value) === selector;
  return false;
}

const isTest = (n: GraphMember): boolean => n.resource_type === 'test';
const isGeneric = (n: GraphMember): boolean => n.resource_type === 'test' && n.test_metadata !== undefined;

const METHODS: Record<string, MethodImpl> = {
  fqn: (atom) => {
    const match = compileFqnMatcher(atom.value);
    // dbt: fqn never selects sources; those go through `source:`.
    return (n) => n.resource_type !== 'source' && n.resource_type !== 'exposure' && match(n.fqn, n.resource_type === 'model' && n.version != null);
  },
  tag: (atom) => {
    const match = compileFnmatch(atom.value);
    return (n) => n.tags.some(match);
  },
  path: (atom) => {
    const file = compilePathGlob(atom.value);
    const patch = compileExactPathGlob(atom.value);
    return (n) => {
      if (file(n.original_file_path)) return true;
      // A node is also selected through the yml file that describes it (`project://models/x.yml`).
      const pp = n.resource_type === 'unit_test' || n.resource_type === 'exposure' ? null : n.patch_path;
      if (typeof pp === 'string' && pp.includes('://')) return patch(pp.slice(pp.indexOf('://') + 3));
      return false;
    };
  },
  file: (atom) => {
    const match = compileFnmatch(atom.value);
    return (n) => {
      const name = basename(n.original_file_path);
      return match(name) || match(stem(name));
    };
  },
  resource_type: (atom) => (n) => n.resource_type === atom.value,
  config: (atom) => {
    // dbt compares test severity case-insensitively (`warn` vs `WARN`).
    const ci = atom.methodArgs.length === 1 && atom.methodArgs[0] === 'severity';
    return (n) => {
      const { found, value } = descend(n.config, atom.methodArgs);
      if (!found) return false;
      if (Array.isArray(value)) return value.some((v) => scalarEquals(atom.value, v, ci));
      return scalarEquals(atom.value, value, ci);
    };
  },
  source: (atom) => {
    const parts = atom.value.split('.');
    // source_name | source_name.table | package.source_name.table (validated at parse time).
    const [pkg, src, table] =
      parts.length === 1 ? ['*', parts[0]!, '*'] : parts.length === 2 ? ['*', parts[0]!, parts[1]!] : [parts[0]!, parts[1]!, parts[2]!];
    const mPkg = compileFnmatch(pkg);
    const mSrc = compileFnmatch(src);
    const mTable = compileFnmatch(table);
    return (n) => n.resource_type === 'source' && mPkg(n.package_name) && mSrc(n.source_name) && mTable(n.name);
  },
  package: (atom, env) => {
    const match = compileFnmatch(atom.value === 'this' ? env.projectName : atom.value);
    return (n) => match(n.package_name);
  },
  test_name: (atom) => {
    // dbt 1.8+: a generic test by its test's name (`unique`), a unit test by its own name.
    const match = compileFnmatch(atom.value);
    return (n) => (n.resource_type === 'test' && n.test_metadata !== undefined && match(n.test_metadata.name)) || (n.resource_type === 'unit_test' && match(n.name));
  },
  test_type: (atom) => {
    switch (atom.value) {
      case 'generic':
      case 'schema':
        return isGeneric;
      case 'singular':
        return (n) => isTest(n) && !isGeneric(n);
      case 'data':
        // dbt keeps `data` meaning both kinds, for backwards compatibility.
        return isTest;
      case 'unit':
        return (n) => n.resource_type === 'unit_test';
      default:
        return nothing;
    }
  },
  group: (atom) => {
    const match = compileFnmatch(atom.value);
    return (n) => {
      if (n.resource_type === 'source') return false;
      const g = n.config.group;
      return typeof g === 'string' && g !== '' && match(g);
    };
  },
  access: (atom) => (n) => n.resource_type === 'model' && n.access === atom.value,
  // dbt's SourceStatusSelectorMethod: `fresher` is a source whose current max_loaded_at is newer
  // than in the previous sources.json, or that has none there; other values select nothing.
  source_status: (atom, env) => {
    if (atom.value !== 'fresher') return nothing;
    if (env.sourceFreshness === undefined) {
      throw new TxError({ code: TxCodes.SelectorUnknown, message: `'${atom.raw}' compares two sources.json files, which are not available here`, hint: 'use it on the command line with --state <folder of an earlier sources.json>' });
    }
    const { previous, current } = env.sourceFreshness();
    return (n) => {
      if (n.resource_type !== 'source') return false;
      const now = current.get(n.unique_id);
      if (now === undefined) return false;
      const before = previous.get(n.unique_id);
      return before === undefined || now > before;
    };
  },
  version: (atom) => (n) => {
    if (n.resource_type !== 'model') return false;
    const v = n.version;
    const latest = n.latest_version;
    switch (atom.value) {
      case 'latest':
        return v != null && String(v) === String(latest);
      case 'prerelease':
        return v != null && latest != null && compareVersions(v, latest) > 0;
      case 'old':
        return v != null && latest != null && compareVersions(v, latest) < 0;
      default:
        return v == null;
    }
  },
  exposure: (atom) => {
    // name, or package.name, each a glob (dbt's ExposureSelectorMethod).
    const match = packagedName(atom.value);
    return (n) => n.resource_type === 'exposure' && match(n.package_name, n.name);
  },
  unit_test: (atom) => {
    // name, package.name or package.model.name (the unit test's fqn ends in model, name).
    const parts = atom.value.split('.');
    const model = parts.length === 3 ? compileFnmatch(parts[1]!) : () => true;
    const match = packagedName(parts.length === 3 ? `${parts[0]}.${parts[2]}` : atom.value);
    return (n) => n.resource_type === 'unit_test' && match(n.package_name, n.name) && model(n.model);
  },
  state: (atom, env) => needsState(atom, env).state(atom.value),
  result: (atom, env) => needsState(atom, env).result(atom.value),
  // Resource kinds tx does not parse: valid method names that simply match nothing.
  metric: () => nothing,
  semantic_model: () => nothing,
  saved_query: () => nothing,
};

/** The --state comparison a `state:`/`result:` atom needs; a usage error without --state. */
function needsState(atom: SelectionAtom, env: MethodEnv): StateMethods {
  if (env.state) return env.state;
  throw new TxError({
    code: TxCodes.Usage,
    message: `'${atom.raw}' compares with a previous run, but no --state was given`,
    hint: 'pass --state <folder holding the manifest.json (and run_results.json) of the run to compare with>',
  });
}

/** `name` or `package.name`, each part a glob. */
function packagedName(value: string): (pkg: string, name: string) => boolean {
  const dot = value.indexOf('.');
  const pkg = compileFnmatch(dot < 0 ? '*' : value.slice(0, dot));
  const name = compileFnmatch(dot < 0 ? value : value.slice(dot + 1));
  return (p, n) => pkg(p) && name(n);
}

/** dbt's UnparsedVersion ordering: numerically when both are numbers, else as strings. */
function compareVersions(a: string | number, b: string | number): number {
  const na = Number(a);
  const nb = Number(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export const KNOWN_METHODS: ReadonlySet<string> = new Set(Object.keys(METHODS));

const RESOURCE_TYPES = [
  'model', 'analysis', 'test', 'snapshot', 'operation', 'seed', 'rpc', 'sql_operation', 'doc', 'source',
  'macro', 'exposure', 'metric', 'group', 'saved_query', 'semantic_model', 'unit_test', 'fixture',
];
const TEST_TYPES = ['generic', 'schema', 'singular', 'data', 'unit'];
const VERSION_SELECTORS = ['latest', 'prerelease', 'old', 'none'];

function oneOf(what: string, value: string, allowed: string[]): { message: string; hint?: string } | undefined {
  if (allowed.includes(value)) return undefined;
  return {
    message: `'${value}' is not a valid ${what}`,
    hint: didYouMeanHint(value, allowed) ?? `expected one of: ${allowed.join(', ')}`,
  };
}

/** Values dbt rejects outright (it raises at run time; tx reports them while parsing). */
export function validateAtomValue(atom: SelectionAtom): { message: string; hint?: string } | undefined {
  switch (atom.method) {
    case 'resource_type':
      return oneOf('resource_type', atom.value, RESOURCE_TYPES);
    case 'test_type':
      return oneOf('test_type', atom.value, TEST_TYPES);
    case 'version':
      return oneOf('version selector', atom.value, VERSION_SELECTORS);
    case 'state':
      return oneOf('state selector', atom.value, [...STATE_SELECTORS]);
    case 'source':
      return atom.value.split('.').length > 3
        ? { message: `'${atom.value}' is not a source selector`, hint: 'use source_name, source_name.table or package.source_name.table' }
        : undefined;
    default:
      return undefined;
  }
}

/** The predicate for one atom's method:value; methods are validated at parse time. */
export function predicateFor(atom: SelectionAtom, env: MethodEnv): NodePredicate {
  const impl = METHODS[atom.method];
  return impl === undefined ? nothing : impl(atom, env);
}
