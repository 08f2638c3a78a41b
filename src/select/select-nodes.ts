import type { TxError } from '../errors/tx-error.js';
import type { GraphMember, TxGraph } from '../graph/types.js';
import type { Manifest } from '../parse/manifest-types.js';
import { evaluate } from './evaluate.js';
import { parseAtom, parseSelectionArgs } from './parse.js';
import type { IndirectSelection, SelectionSpec, SelectionUnion } from './spec.js';
import type { StateMethods } from '../state/state-checks.js';
import type { MethodEnv } from './methods.js';

export interface SelectNodesOptions {
  graph: TxGraph;
  manifest: Manifest;
  projectName: string;
  /** --select values (yargs arrays); each may hold several space-separated terms. */
  select?: readonly string[];
  exclude?: readonly string[];
  /** Keep only these resource types (after selection, as dbt filters). Absent = keep all. */
  resourceTypes?: readonly string[];
  /** With no --select: true (default) selects everything, false nothing. */
  defaultSelectsAll?: boolean;
  indirectSelection?: IndirectSelection;
  warn?: (w: TxError) => void;
  /** A selection from selectors.yml (--selector, or the `default: true` one); replaces --select. */
  selectorSpec?: SelectionSpec;
  /** `state:` / `result:` against --state. */
  state?: StateMethods;
  /** For `source_status:` (see MethodEnv). */
  sourceFreshness?: MethodEnv['sourceFreshness'];
}

/**
 * dbt's graph membership: disabled nodes and sources never take part, nor do models whose file
 * is blank (dbt's `node.empty`): they are removed before traversal, so `a+` does not pass
 * through them either. Seeds are never empty; other kinds may have generated code, so only
 * models and analyses are judged by their text.
 */
export function isGraphMember(node: GraphMember): boolean {
  if (node.config.enabled === false) return false;
  if ((node.resource_type === 'model' || node.resource_type === 'analysis') && node.raw_code.trim() === '') return false;
  return true;
}

/** The graph restricted to members; the same object when nothing needs removing. */
export function memberGraph(graph: TxGraph): TxGraph {
  const outsiders = graph.filterNodes((_, a) => !isGraphMember(a.node));
  if (outsiders.length === 0) return graph;
  const g = graph.copy();
  for (const id of outsiders) g.dropNode(id);
  return g;
}

/** dbt's DEFAULT_INCLUDES (`fqn:*`, `source:*`, ...): everything, without "matches nothing" warnings. */
function everything(): SelectionUnion {
  const text = 'fqn:* source:* exposure:* unit_test:*';
  const ctx = { arg: 'default selection', text };
  return { kind: 'union', items: [...text.matchAll(/\S+/g)].map((m) => parseAtom(m[0], ctx, m.index + 1)) };
}

/** Parse --select/--exclude into one spec (select minus exclude). */
export function buildSelectionSpec(
  select: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
  defaultSelectsAll = true,
): SelectionSpec {
  const include: SelectionSpec = parseSelectionArgs(select, '--select') ?? (defaultSelectsAll ? everything() : { kind: 'union', items: [] });
  const excluded = parseSelectionArgs(exclude, '--exclude');
  return excluded === undefined ? include : { kind: 'difference', include, exclude: excluded };
}

function withExclude(include: SelectionSpec, exclude: readonly string[] | undefined): SelectionSpec {
  const excluded = parseSelectionArgs(exclude, '--exclude');
  return excluded === undefined ? include : { kind: 'difference', include, exclude: excluded };
}

/**
 * The unique_ids selected by --select/--exclude, as dbt's NodeSelector.get_selected:
 * parse, evaluate over the member graph (tests joining by indirect selection), then keep the
 * requested resource types. Sources are included when selected (`source:`, `+model`, default).
 * Returned in unique_id order.
 */
export function selectNodes(opts: SelectNodesOptions): Set<string> {
  const spec = opts.selectorSpec === undefined || (opts.select !== undefined && opts.select.length > 0)
    ? buildSelectionSpec(opts.select, opts.exclude, opts.defaultSelectsAll ?? true)
    : withExclude(opts.selectorSpec, opts.exclude);
  const graph = memberGraph(opts.graph);
  const chosen = evaluate(spec, {
    graph,
    projectName: opts.projectName,
    indirectSelection: opts.indirectSelection,
    warn: opts.warn,
    ...(opts.state ? { state: opts.state } : {}),
    sourceFreshness: opts.sourceFreshness,
  });
  const types = opts.resourceTypes === undefined ? undefined : new Set(opts.resourceTypes);
  const ids = [...chosen].filter((id) => {
    const node = opts.manifest.nodes[id] ?? opts.manifest.sources[id] ?? opts.manifest.unit_tests[id] ?? opts.manifest.exposures[id];
    if (node === undefined) return false;
    return types === undefined || types.has(node.resource_type);
  });
  return new Set(ids.sort());
}

/** `dbt ls` lists these unless --resource-type says otherwise (analyses only with `all`). */
export const LS_DEFAULT_RESOURCE_TYPES: readonly string[] = [
  'model', 'snapshot', 'seed', 'test', 'source', 'exposure', 'metric', 'saved_query', 'semantic_model', 'unit_test',
];

/** dbt ls's --resource-type handling: none → defaults; `default` and `all` expand. */
export function lsResourceTypes(requested: readonly string[] | undefined): string[] {
  if (requested === undefined || requested.length === 0) return [...LS_DEFAULT_RESOURCE_TYPES];
  const out = new Set(requested);
  if (out.delete('default')) for (const t of LS_DEFAULT_RESOURCE_TYPES) out.add(t);
  if (out.delete('all')) for (const t of [...LS_DEFAULT_RESOURCE_TYPES, 'analysis']) out.add(t);
  return [...out].sort();
}
