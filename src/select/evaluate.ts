import { TxCodes, TxError } from '../errors/tx-error.js';
import { ancestorsOfSet, descendantsOfSet } from '../graph/traverse.js';
import type { TxGraph } from '../graph/types.js';
import { predicateFor, type MethodEnv } from './methods.js';
import type { IndirectSelection, SelectionAtom, SelectionSpec } from './spec.js';
import type { StateMethods } from '../state/state-checks.js';

export interface SelectContext {
  /** The graph of selectable members only (enabled, non-empty): traversal must not pass through others. */
  graph: TxGraph;
  projectName: string;
  /** dbt's --indirect-selection; default eager. */
  indirectSelection?: IndirectSelection;
  /** Receives "matches nothing" warnings for terms the user wrote. */
  warn?: (w: TxError) => void;
  /** `state:` / `result:` against --state; absent without it. */
  state?: StateMethods;
  /** For `source_status:` (see MethodEnv). */
  sourceFreshness?: MethodEnv['sourceFreshness'];
}

/** dbt tracks two sets per clause: nodes selected, and tests that wait for all their parents. */
interface Bundle {
  direct: Set<string>;
  indirect: Set<string>;
}

function union(sets: Set<string>[]): Set<string> {
  const out = new Set<string>();
  for (const s of sets) for (const x of s) out.add(x);
  return out;
}

function intersection(sets: Set<string>[]): Set<string> {
  if (sets.length === 0) return new Set();
  const [first, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  return new Set([...first!].filter((x) => rest.every((s) => s.has(x))));
}

function difference(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a].filter((x) => !b.has(x)));
}

function testParents(graph: TxGraph, id: string): string[] | undefined {
  const node = graph.getNodeAttribute(id, 'node');
  return node.resource_type === 'test' || node.resource_type === 'unit_test' ? node.depends_on.nodes : undefined;
}

const subset = (xs: readonly string[], of: Set<string>): boolean => xs.every((x) => of.has(x));

function allSources(graph: TxGraph): Set<string> {
  return new Set(graph.filterNodes((_, a) => a.node.resource_type === 'source'));
}

/** The nodes named by method:value, grown by the atom's `+` / `@` modifiers. */
function atomNodes(atom: SelectionAtom, ctx: SelectContext): Set<string> {
  const { graph } = ctx;
  const match = predicateFor(atom, { projectName: ctx.projectName, sourceFreshness: ctx.sourceFreshness, ...(ctx.state ? { state: ctx.state } : {}) });
  const collected = new Set(graph.filterNodes((_, a) => match(a.node)));
  const selected = new Set(collected);
  const depth = (d: boolean | number): number | undefined => (typeof d === 'number' ? d : undefined);
  if (atom.childrensParents) {
    const down = descendantsOfSet(graph, collected);
    for (const x of collected) down.add(x);
    for (const x of down) selected.add(x);
    for (const x of ancestorsOfSet(graph, down)) selected.add(x);
  }
  if (atom.parents !== false) for (const x of ancestorsOfSet(graph, collected, depth(atom.parents))) selected.add(x);
  if (atom.children !== false) for (const x of descendantsOfSet(graph, collected, depth(atom.children))) selected.add(x);
  return selected;
}

/**
 * dbt's expand_selection: tests directly downstream of a selected node join the selection
 * (eager: always; cautious: when all their parents are selected; buildable: when their
 * parents are selected or upstream of the selection), otherwise they wait as "indirect".
 */
function expand(selected: Set<string>, ctx: SelectContext, mode: IndirectSelection): Bundle {
  const { graph } = ctx;
  const direct = new Set(selected);
  const indirect = new Set<string>();
  let buildable: Set<string> | undefined;
  for (const id of selected) {
    graph.forEachOutNeighbor(id, (child) => {
      if (direct.has(child) || indirect.has(child)) return;
      const parents = testParents(graph, child);
      if (parents === undefined) return;
      if (mode === 'eager' || subset(parents, selected)) direct.add(child);
      else if (mode === 'buildable') {
        buildable ??= union([selected, ancestorsOfSet(graph, selected), allSources(graph)]);
        if (subset(parents, buildable)) direct.add(child);
        else indirect.add(child);
      } else if (mode !== 'empty') indirect.add(child);
    });
  }
  return { direct, indirect };
}

/** dbt's incorporate_indirect_nodes: after combining clauses, waiting tests whose parents all made it join. */
function incorporate(direct: Set<string>, indirect: Set<string>, ctx: SelectContext, mode: IndirectSelection): Set<string> {
  if (mode !== 'cautious' && mode !== 'buildable') return direct;
  const selected = new Set(direct);
  const pool = mode === 'buildable' ? union([direct, ancestorsOfSet(ctx.graph, direct)]) : direct;
  for (const id of indirect) {
    if (selected.has(id) || !ctx.graph.hasNode(id)) continue;
    const parents = testParents(ctx.graph, id);
    if (parents !== undefined && subset(parents, pool)) selected.add(id);
  }
  return selected;
}

function evalBundle(spec: SelectionSpec, ctx: SelectContext, mode: IndirectSelection): Bundle {
  if (spec.kind === 'atom') {
    const selected = atomNodes(spec, ctx);
    // A selectors.yml criterion's own indirect_selection wins over the command line's.
    const own = spec.indirectSelection ?? mode;
    return own === 'empty' ? { direct: selected, indirect: new Set() } : expand(selected, ctx, own);
  }
  if (spec.kind === 'difference') {
    // dbt always excludes eagerly: excluding a model also excludes the tests on it.
    const inc = evalBundle(spec.include, ctx, mode);
    const exc = evalBundle(spec.exclude, ctx, 'eager');
    return {
      direct: difference(inc.direct, exc.direct),
      indirect: difference(union([inc.direct, inc.indirect]), union([exc.direct, exc.indirect])),
    };
  }
  const bundles = spec.items.map((item) => evalBundle(item, ctx, mode));
  const combine = spec.kind === 'union' ? union : intersection;
  const initial = combine(bundles.map((b) => b.direct));
  const indirect = combine(bundles.map((b) => union([b.direct, b.indirect])));
  const direct = incorporate(initial, indirect, ctx, mode);
  if (spec.expectExists === true && direct.size === 0) {
    ctx.warn?.(
      new TxError({
        code: TxCodes.SelectorUnknown,
        severity: 'warn',
        message: `The selection criterion '${spec.raw ?? ''}' does not match any enabled nodes`,
      }),
    );
  }
  return { direct, indirect };
}

/** Set algebra over the graph, with dbt's indirect (test) selection. */
export function evaluate(spec: SelectionSpec, ctx: SelectContext): Set<string> {
  return evalBundle(spec, ctx, ctx.indirectSelection ?? 'eager').direct;
}
