/**
 * The `state:` and `result:` selector methods (dbt's StateSelectorMethod / ResultSelectorMethod):
 * each node of the current project against its entry in the previous manifest. Beyond dbt,
 * `state:modified` also selects nodes whose vars changed value (`modified.vars`, from
 * tx_state.json), since dbt cannot see those. tx's own built-in macros are not compared: they are
 * part of the tx version, and a manifest written by dbt holds dbt's versions of them.
 */
import type { Manifest } from '../parse/manifest-types.js';
import type { GraphMember } from '../graph/types.js';
import type { PreviousState } from './previous-state.js';
import { serializeExposure, serializeNode, serializeSource, serializeUnitTest } from '../artifacts/manifest-nodes.js';
import { sameBody, sameConfig, sameContents, sameContract, sameDatabaseRepresentation, samePersistedDescription } from './compare-nodes.js';

type Rec = Record<string, unknown>;
type Predicate = (node: GraphMember) => boolean;

export const STATE_SELECTORS = [
  'new', 'old', 'modified', 'unmodified', 'modified.body', 'modified.configs', 'modified.persisted_descriptions',
  'modified.relation', 'modified.macros', 'modified.contract', 'modified.vars',
] as const;

/** Packages whose macros ship with the tool (tx's templates, or dbt's and its adapters' in a dbt manifest). */
function isInternalPackage(pkg: unknown, adapterType: string): boolean {
  return pkg === 'dbt' || pkg === `dbt_${adapterType}`;
}

export interface StateMethods {
  state(selector: string): Predicate;
  result(status: string): Predicate;
}

export function stateMethods(previous: PreviousState, manifest: Manifest, adapterType: string): StateMethods {
  // Read on first use: `result:` needs only run_results.json.
  const old = () => previous.manifest;
  const serialized = new Map<string, Rec>();
  const current = (n: GraphMember): Rec => {
    let r = serialized.get(n.unique_id);
    if (!r) {
      const raw = n.resource_type === 'source' ? serializeSource(n) : n.resource_type === 'exposure' ? serializeExposure(n) : n.resource_type === 'unit_test' ? serializeUnitTest(n) : serializeNode(n);
      // The JSON round trip gives exactly what manifest.json would hold.
      r = JSON.parse(JSON.stringify(raw)) as Rec;
      serialized.set(n.unique_id, r);
    }
    return r;
  };
  const previousOf = (id: string): Rec | undefined => old().nodes[id] ?? old().sources[id] ?? old().exposures[id] ?? old().unit_tests[id];

  let modifiedMacros: Set<string> | undefined;
  const changedMacros = (): Set<string> => {
    if (modifiedMacros) return modifiedMacros;
    modifiedMacros = new Set();
    for (const [id, m] of Object.entries(manifest.macros)) {
      if (isInternalPackage(m.package_name, adapterType)) continue;
      if (old().macros[id]?.['macro_sql'] !== m.macro_sql) modifiedMacros.add(id);
    }
    for (const [id, m] of Object.entries(old().macros)) if (!manifest.macros[id] && !isInternalPackage(m['package_name'], adapterType)) modifiedMacros.add(id);
    return modifiedMacros;
  };
  // Whether a macro, or one it calls (transitively), changed; memoised over the macro graph.
  const touches = new Map<string, boolean>();
  const macroTouchesChange = (id: string): boolean => {
    const known = touches.get(id);
    if (known !== undefined) return known;
    touches.set(id, false); // cycles (recursive macros) end here
    const hit = changedMacros().has(id) || (manifest.macros[id]?.depends_on.macros ?? []).some(macroTouchesChange);
    touches.set(id, hit);
    return hit;
  };
  const macrosModified = (n: GraphMember): boolean => changedMacros().size > 0 && 'depends_on' in n && n.depends_on.macros.some(macroTouchesChange);

  const varsModified = (n: GraphMember): boolean => {
    if (!('vars_read' in n) || !n.vars_read) return false;
    const before = previous.fingerprints()?.vars[n.unique_id];
    if (before === undefined) return false;
    return Object.entries(n.vars_read).some(([name, digest]) => before[name] !== digest);
  };

  const modified = (n: GraphMember): boolean => !sameContents(current(n), previousOf(n.unique_id)) || macrosModified(n) || varsModified(n);
  // dbt's sub-selectors select new nodes too (there is nothing to be the same as), except .macros.
  const sub = (same: (cur: Rec, old: Rec) => boolean): Predicate => (n) => {
    const before = previousOf(n.unique_id);
    return before === undefined || !same(current(n), before);
  };
  const isNodeKind = (n: GraphMember) => n.resource_type !== 'source' && n.resource_type !== 'exposure' && n.resource_type !== 'unit_test';
  const checks: Record<string, Predicate> = {
    new: (n) => previousOf(n.unique_id) === undefined,
    old: (n) => previousOf(n.unique_id) !== undefined,
    modified,
    unmodified: (n) => !modified(n),
    'modified.body': (n) => isNodeKind(n) && sub(sameBody)(n),
    'modified.configs': (n) => isNodeKind(n) && sub(sameConfig)(n),
    'modified.persisted_descriptions': (n) => isNodeKind(n) && sub(samePersistedDescription)(n),
    'modified.relation': (n) => n.resource_type !== 'exposure' && n.resource_type !== 'unit_test' && sub(sameDatabaseRepresentation)(n),
    'modified.macros': macrosModified,
    'modified.contract': (n) => isNodeKind(n) && sub(sameContract)(n),
    'modified.vars': varsModified,
  };
  return {
    state: (selector) => checks[selector] ?? (() => false),
    result: (status) => {
      const ids = new Set(previous.runResults().filter((r) => r.status === status).map((r) => r.unique_id));
      return (n) => ids.has(n.unique_id);
    },
  };
}
