import { TxCodes, TxError } from '../errors/tx-error.js';
import type { Manifest } from '../parse/manifest-types.js';
import type { GraphMember, TxGraph } from './types.js';

const WHITE = 0;
const GREY = 1;
const BLACK = 2;

/**
 * One cycle of the graph as its members in edge order (parent before child), without
 * repeating the first; null when the graph is a DAG. Iterative DFS, so deep chains cannot
 * overflow the JS stack. The cycle is rotated to start at its smallest id so the report
 * does not depend on where the search happened to enter it.
 */
export function findCycle(graph: TxGraph): string[] | null {
  const colour = new Map<string, number>();
  const roots = graph.nodes().sort();
  for (const root of roots) {
    if ((colour.get(root) ?? WHITE) !== WHITE) continue;
    const path: string[] = [root];
    const iters: Iterator<string>[] = [graph.outNeighbors(root)[Symbol.iterator]()];
    const position = new Map<string, number>([[root, 0]]);
    colour.set(root, GREY);
    while (path.length > 0) {
      const it = iters[iters.length - 1]!;
      const step = it.next();
      if (step.done) {
        const done = path.pop()!;
        iters.pop();
        position.delete(done);
        colour.set(done, BLACK);
        continue;
      }
      const next = step.value;
      const c = colour.get(next) ?? WHITE;
      if (c === GREY) return rotateToSmallest(path.slice(position.get(next)!));
      if (c === BLACK) continue;
      colour.set(next, GREY);
      position.set(next, path.length);
      path.push(next);
      iters.push(graph.outNeighbors(next)[Symbol.iterator]());
    }
  }
  return null;
}

function rotateToSmallest(cycle: string[]): string[] {
  let min = 0;
  for (let i = 1; i < cycle.length; i++) if (cycle[i]! < cycle[min]!) min = i;
  return [...cycle.slice(min), ...cycle.slice(0, min)];
}

function describe(id: string, graph: TxGraph, manifest?: Manifest): { label: string; file?: string } {
  const node: GraphMember | undefined =
    manifest?.nodes[id] ?? manifest?.sources[id] ?? (graph.hasNode(id) ? graph.getNodeAttribute(id, 'node') : undefined);
  if (node === undefined) return { label: id };
  return { label: `${id} (${node.original_file_path})`, file: node.abs_path };
}

/** The TxError for a cycle: members in order with their files, located at the first member's file. */
export function cycleError(graph: TxGraph, cycle: string[], manifest?: Manifest): TxError {
  const parts = cycle.map((id) => describe(id, graph, manifest));
  const first = cycle[0] ?? '';
  const message = `Found a cycle: ${[...parts.map((p) => p.label), first].join(' → ')}`;
  const file = parts[0]?.file;
  return new TxError({
    code: TxCodes.Cycle,
    message,
    loc: file === undefined ? undefined : { file, line: 0, col: 0 },
    hint: 'a model cannot depend on itself, directly or through other models; remove one ref() in the loop',
  });
}

/** Throws TxError(Cycle) when the graph has a cycle. */
export function assertAcyclic(graph: TxGraph, manifest: Manifest): void {
  const cycle = findCycle(graph);
  if (cycle !== null) throw cycleError(graph, cycle, manifest);
}
